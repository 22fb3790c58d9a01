// Free/busy (RFC 4791 §7.10): the busy time of calendar objects, computed with the one recurrence
// engine, and the VFREEBUSY answer built from busy (and free) periods.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "caldav/ical/Component.h"
#include "caldav/ical/ExpansionBudget.h"
#include "caldav/ical/TimeZoneContext.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav::calendar {

using ical::TimeZoneContext;

enum class FbType { Free, Busy, BusyTentative, BusyUnavailable };

struct FreeBusyPeriod {
  domain::Interval interval;
  FbType type = FbType::Busy;
  bool operator==(const FreeBusyPeriod&) const = default;
};

struct FreeBusyOptions {
  // false: every FREE period stays as given (bookdav publishes each bookable slot as one FREE
  // period); BUSY types are always merged.
  bool mergeFree = true;
  // DTSTAMP; the current time when not set. Always written in UTC.
  std::optional<domain::Instant> dtstamp;
  // Written as UID when not empty (scheduling replies need one; the REPORT answer does not).
  std::string uid;
};

// "BEGIN:VCALENDAR ... BEGIN:VFREEBUSY ... END:VCALENDAR" with CRLF line ends: VERSION, PRODID,
// then DTSTAMP, DTSTART and DTEND (the range, UTC) and one FREEBUSY line per period: periods are
// clipped to the range, empty ones dropped, overlapping or touching ones of the same type merged,
// ordered by start; FBTYPE is omitted for BUSY (its default) and written for the others.
// The range must be finite (std::invalid_argument otherwise).
std::string renderFreeBusy(std::span<const FreeBusyPeriod> periods, domain::Interval range,
                           const FreeBusyOptions& options = {});

// The busy periods of the calendar's instances meeting the range, clipped to it (not merged):
// VEVENTs unless TRANSP:TRANSPARENT or STATUS:CANCELLED (instance by instance, so a cancelled or
// transparent override frees its slot), STATUS:TENTATIVE as BusyTentative; FREEBUSY periods of
// stored VFREEBUSY components with their FBTYPE (FREE ones skipped). VTODO, VJOURNAL and
// VAVAILABILITY contribute nothing. Floating times and DATEs are read in floatingZone.
std::vector<FreeBusyPeriod> busyFromCalendar(const ical::Component& calendar, domain::Interval range,
                                             const TimeZoneContext& floatingZone,
                                             ical::ExpansionBudget& budget);

}  // namespace bookdav::caldav::calendar
