// Wall-clock time in a named IANA zone, and the conversions between it and UTC instants.
// The zone rules themselves come from outside the domain (ZoneRules), so the domain stays free of I/O.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time/Instant.h"

namespace bookdav::domain {

// The UTC offset of a named zone at an instant. Implemented on libical in caldav/ical.
class ZoneRules {
 public:
  virtual ~ZoneRules() = default;
  virtual bool knows(std::string_view zone) const = 0;
  // Offset to add to UTC to get wall-clock time ("Europe/Berlin" in July: +7200 s).
  virtual Seconds utcOffset(std::string_view zone, Instant at) const = 0;
};

struct LocalDateTime {
  std::chrono::year_month_day date;
  Seconds timeOfDay{0};  // 0 .. 86399

  std::chrono::weekday weekday() const { return std::chrono::weekday{std::chrono::sys_days{date}}; }
  bool operator==(const LocalDateTime&) const = default;
};

LocalDateTime toLocal(const ZoneRules& rules, std::string_view zone, Instant t);

// Wall-clock time to an instant. In a gap (spring forward) the time moves forward by the gap
// (02:30 on a day that skips 02:00-03:00 becomes 03:30); in an overlap (fall back) the earlier
// instant wins.
Instant fromLocal(const ZoneRules& rules, std::string_view zone, const LocalDateTime& local);

// Every instant whose wall-clock time in the zone is `local`, in order: none inside a gap (spring
// forward), two inside an overlap (fall back: 02:30 CEST and 02:30 CET), else one.
std::vector<Instant> instantsOf(const ZoneRules& rules, std::string_view zone, const LocalDateTime& local);

// Midnight at the start of a local date, as an instant (days may last 23, 24 or 25 hours).
Instant startOfLocalDay(const ZoneRules& rules, std::string_view zone, std::chrono::year_month_day date);

}  // namespace bookdav::domain
