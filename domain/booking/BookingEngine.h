// The booking engine as the CalDAV and JSON faces use it: the catalog, the timetable and the booking
// desk over one store, one clock and one set of zone rules. Wire it once per process:
//   storage::sql::SqlBookingStore store(db);
//   domain::BookingEngine engine(store, clock, caldav::ical::IcalZoneRules::instance());
#pragma once

#include "domain/booking/BookingDesk.h"
#include "domain/booking/Catalog.h"
#include "domain/booking/ChangeScopes.h"
#include "domain/booking/Timetable.h"

namespace bookdav::domain {

struct BookingEngine {
  BookingEngine(BookingStore& store, const Clock& clock, const ZoneRules& zones)
      : store(store),
        catalog(store, clock, zones),
        timetable(store, clock, zones),
        desk(store, clock, zones) {}

  BookingStore& store;  // for consistencyProblems() and custom transactions
  Catalog catalog;
  Timetable timetable;
  BookingDesk desk;
};

}  // namespace bookdav::domain
