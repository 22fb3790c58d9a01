// When a resource is available, as a plain value that maps 1:1 onto RFC 7953 VAVAILABILITY:
//   zone                      <-> TZID of every DTSTART/DTEND
//   WeeklyHours               <-> AVAILABLE with RRULE:FREQ=WEEKLY;BYDAY=..[;UNTIL=..] (DTSTART on `from`)
//   ExtraHours (a dated span) <-> AVAILABLE without RRULE
//   Closure (days off)        <-> a higher-PRIORITY VAVAILABILITY, BUSYTYPE=BUSY-UNAVAILABLE, no AVAILABLE
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/booking/Intervals.h"
#include "domain/booking/LocalDays.h"
#include "domain/booking/Weekdays.h"

namespace bookdav::domain {

// Open on the given weekdays from `start` to `end` local time (seconds after midnight; end <= 24h,
// 24h meaning midnight at the end of the day), on dates from..until inclusive when given.
struct WeeklyHours {
  Weekdays days;
  Seconds start{0};
  Seconds end{0};
  std::optional<std::chrono::year_month_day> from;
  std::optional<std::chrono::year_month_day> until;
  bool operator==(const WeeklyHours&) const = default;
};

// Open on one local date from `start` to `end` (extra hours, e.g. a Saturday before Christmas).
struct ExtraHours {
  std::chrono::year_month_day date;
  Seconds start{0};
  Seconds end{0};
  bool operator==(const ExtraHours&) const = default;
};

// Closed from `start` to `end` local time, whatever the other rules say (a day off is 00:00 of the day
// to 00:00 of the next). `note` is the reason shown to staff (SUMMARY).
struct Closure {
  LocalDateTime start;
  LocalDateTime end;
  std::string note;
  bool operator==(const Closure&) const = default;
  static Closure days(std::chrono::year_month_day first, std::chrono::year_month_day last,
                      std::string note = {});
};

struct WorkingHours {
  std::string timeZone;  // IANA name; empty means the resource's own zone
  std::vector<WeeklyHours> weekly;
  std::vector<ExtraHours> extra;
  std::vector<Closure> closed;
  bool operator==(const WorkingHours&) const = default;
};

// A sentence describing what is wrong with the hours (bad times, empty weekdays, reversed spans), or
// nullopt when they are valid. The zone is checked by the caller (it needs ZoneRules).
std::optional<std::string> validate(const WorkingHours& hours);

// The closures as instants (wall-clock times read in `zone`), in the order of hours.closed; empty
// intervals for closures that a gap swallows whole.
Intervals closureIntervals(const WorkingHours& hours, std::string_view zone, LocalDays& days);

// The instants within range when the hours say "open": weekly and extra hours, minus closures.
// Sorted and disjoint. Wall-clock times are read in `zone` (Resource::hoursZone()).
Intervals openIntervals(const WorkingHours& hours, std::string_view zone, LocalDays& days, Interval range);

}  // namespace bookdav::domain
