// The schedule of a class or course: weekly recurrences in a zone, single dates, excluded dates and
// per-session overrides, the way iCalendar describes a series (RRULE, RDATE, EXDATE, RECURRENCE-ID).
// Sessions are materialised from it (see SessionSync.h); each keeps its occurrence's origin.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/booking/LocalDays.h"
#include "domain/booking/Service.h"
#include "domain/booking/Weekdays.h"

namespace bookdav::domain {

// Every week on `days` at `startTime` local, from firstDate, until a date (inclusive) or for `count`
// occurrences (counted before exclusions, as RFC 5545 does), or forever. firstDate itself is an
// occurrence only if it falls on one of the days.
struct WeeklyRecurrence {
  Weekdays days;
  Seconds startTime{0};
  std::chrono::year_month_day firstDate;
  std::optional<std::chrono::year_month_day> until;
  std::optional<int> count;
  bool operator==(const WeeklyRecurrence&) const = default;
};

// A change to one occurrence, named by its origin (the local start the rule gives it).
struct SessionOverride {
  LocalDateTime origin;
  std::optional<LocalDateTime> start;  // moved to
  std::optional<Seconds> duration;
  std::optional<int> capacity;
  std::optional<std::vector<std::string>> resourceIds;
  bool operator==(const SessionOverride&) const = default;
};

struct Schedule {
  std::string serviceId;
  std::string timeZone;                  // IANA; empty = the service's zone
  Seconds duration{0};                   // 0 = the service's duration
  int capacity = 0;                      // 0 = the service's capacity
  std::vector<std::string> resourceIds;  // what every session occupies (teacher, room)
  std::vector<WeeklyRecurrence> rules;
  std::vector<LocalDateTime> dates;     // single sessions, e.g. a course's fixed list
  std::vector<LocalDateTime> excluded;  // origins that do not take place
  std::vector<SessionOverride> overrides;
  bool operator==(const Schedule&) const = default;

  // True when the schedule ends (every rule has an end, or there are only single dates).
  bool finite() const;
};

// One session the schedule holds, with its defaults and override applied.
struct Occurrence {
  LocalDateTime origin;
  Interval time;
  std::vector<std::string> resourceIds;
  int capacity = 0;
};

// The schedule's occurrences whose origin lies in [range.start, range.end), in origin order.
std::vector<Occurrence> occurrences(const Schedule& schedule, const Service& service, LocalDays& days,
                                    Interval range);

// "2026-12-07T20:00:00": how a session stores its origin.
std::string originKey(const LocalDateTime& origin);

// A sentence describing what is wrong with the schedule, or nullopt (zone and resources are checked
// by the caller). Courses must be finite.
std::optional<std::string> validate(const Schedule& schedule, const Service& service);

}  // namespace bookdav::domain
