// Local calendar days of IANA zones as UTC instants, remembered for the length of one computation:
// where a day starts and which instant a wall-clock time of that day is. Ordinary days take a fast
// path (midnight + time of day); DST-change days go through fromLocal() (LocalTime.h).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/time/LocalTime.h"

namespace bookdav::domain {

class LocalDays {
 public:
  explicit LocalDays(const ZoneRules& rules) : rules_(rules) {}

  struct Day {
    Instant start;  // local midnight
    Instant next;   // the next local midnight (23, 24 or 25 hours later)
    bool regular() const { return next - start == std::chrono::hours{24}; }
  };

  const ZoneRules& rules() const { return rules_; }
  Day day(std::string_view zone, std::chrono::year_month_day date);
  std::chrono::year_month_day dateOf(std::string_view zone, Instant t) const;

  // The instant of a wall-clock time of day (0 .. 24h; 24h is the next midnight). A time inside a
  // spring-forward gap moves forward by the gap; in a fall-back overlap the earlier instant wins.
  Instant at(std::string_view zone, std::chrono::year_month_day date, Seconds timeOfDay);
  // Every instant of a wall-clock time of day (0 .. 24h): none in a gap, both in an overlap, in order.
  std::vector<Instant> every(std::string_view zone, std::chrono::year_month_day date, Seconds timeOfDay);

 private:
  const ZoneRules& rules_;
  std::vector<std::pair<std::string, std::unordered_map<int, Day>>> zones_;
};

}  // namespace bookdav::domain
