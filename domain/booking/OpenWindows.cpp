#include "domain/booking/OpenWindows.h"

#include <algorithm>

#include "domain/booking/Intervals.h"

namespace bookdav::domain {

std::vector<Interval> openWindows(const std::vector<Slot>& slots, LocalDays& days, std::string_view zone) {
  Intervals open;
  for (const Slot& slot : slots) {
    if (slot.bookable && !slot.waitlist) open.push_back(slot.time);
  }
  std::vector<Interval> out;
  for (Interval stretch : normalized(std::move(open))) {
    while (!stretch.empty()) {
      const LocalDays::Day day = days.day(zone, days.dateOf(zone, stretch.start));
      const Instant cut = std::min(stretch.end, day.next);
      out.push_back({stretch.start, cut});
      stretch.start = cut;
    }
  }
  return out;
}

Seconds openWindowsReach(const Service& service) {
  return service.policy.maximumHorizon.value_or(kOpenWindowsReach);
}

std::vector<Instant> windowStartsOfDay(const Service& service, LocalDays& days,
                                       std::chrono::year_month_day date) {
  const Seconds step =
      service.policy.slotGranularity > Seconds{0} ? service.policy.slotGranularity : service.duration;
  std::vector<Instant> out;
  if (step <= Seconds{0}) return out;
  for (Seconds t{0}; t < std::chrono::hours{24}; t += step) {
    for (Instant at : days.every(service.timeZone, date, t)) out.push_back(at);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace bookdav::domain
