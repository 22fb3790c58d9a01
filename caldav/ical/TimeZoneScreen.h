// VTIMEZONEs checked before libical may expand them. libical expands a zone's STANDARD and DAYLIGHT
// rules with its own rule iterator, from each DTSTART up to the year asked about (at least this
// year + 5, at most 2582), the first time a time in the zone is converted; an impossible or
// sub-yearly rule there loops for centuries. Only what real zones use passes: yearly rules with
// BYMONTH, BYDAY and BYMONTHDAY that give a transition in some year of every 28 and at most a few in
// any, and bounded numbers of observances, RDATEs and transitions. Internal to caldav/ical.
#pragma once

#include <cstddef>

typedef struct icalcomponent_impl icalcomponent;

namespace bookdav::caldav::ical {

inline constexpr size_t kMaxObservances = 200;       // STANDARD and DAYLIGHT per VTIMEZONE
inline constexpr size_t kMaxZoneRdates = 1000;       // RDATE values per VTIMEZONE
inline constexpr size_t kMaxTransitions = 10000;     // what libical may expand for one VTIMEZONE
inline constexpr size_t kMaxTransitionsPerYear = 4;  // per STANDARD or DAYLIGHT rule
inline constexpr int kFirstRuleYear = 1583;          // the Gregorian calendar's first full year

// Checks every VTIMEZONE of root (root itself when it is one). Throws
// CalendarDataError(ValidCalendarData) naming the zone and what is wrong with it.
void screenTimeZones(icalcomponent* root);

}  // namespace bookdav::caldav::ical
