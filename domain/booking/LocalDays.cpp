#include "domain/booking/LocalDays.h"

namespace bookdav::domain {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

LocalDays::Day LocalDays::day(std::string_view zone, year_month_day date) {
  std::unordered_map<int, Day>* cache = nullptr;
  for (auto& [name, map] : zones_)
    if (name == zone) cache = &map;
  if (!cache) cache = &zones_.emplace_back(std::string(zone), std::unordered_map<int, Day>{}).second;
  int key = sys_days{date}.time_since_epoch().count();
  auto it = cache->find(key);
  if (it != cache->end()) return it->second;
  Day d{startOfLocalDay(rules_, zone, date),
        startOfLocalDay(rules_, zone, year_month_day{sys_days{date} + days{1}})};
  return cache->emplace(key, d).first->second;
}

year_month_day LocalDays::dateOf(std::string_view zone, Instant t) const {
  return toLocal(rules_, zone, t).date;
}

Instant LocalDays::at(std::string_view zone, year_month_day date, Seconds timeOfDay) {
  const Day d = day(zone, date);
  if (timeOfDay >= std::chrono::hours{24}) return d.next;
  if (d.regular()) return d.start + timeOfDay;
  return fromLocal(rules_, zone, LocalDateTime{date, timeOfDay});
}

std::vector<Instant> LocalDays::every(std::string_view zone, year_month_day date, Seconds timeOfDay) {
  const Day d = day(zone, date);
  if (timeOfDay >= std::chrono::hours{24}) return {d.next};
  if (d.regular()) return {d.start + timeOfDay};
  return instantsOf(rules_, zone, LocalDateTime{date, timeOfDay});
}

}  // namespace bookdav::domain
