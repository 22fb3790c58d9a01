// The recurrence views of calendar-data (RFC 4791 §9.6.5-7): expand, limit-recurrence-set and
// limit-freebusy-set applied to a parsed calendar. Internal to CalendarData.
#pragma once

#include "caldav/ical/Component.h"
#include "caldav/ical/ExpansionBudget.h"
#include "caldav/ical/TimeZoneContext.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav::calendar {

ical::Component expandInstances(const ical::Component& calendar, domain::Interval range,
                                const ical::TimeZoneContext& floatingZone, ical::ExpansionBudget& budget);
void limitRecurrenceSet(ical::Component& calendar, domain::Interval range,
                        const ical::TimeZoneContext& floatingZone, ical::ExpansionBudget& budget);
void limitFreeBusySet(ical::Component& calendar, domain::Interval range,
                      const ical::TimeZoneContext& floatingZone);

}  // namespace bookdav::caldav::calendar
