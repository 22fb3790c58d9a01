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

namespace {

// The latest start of the service's slot grid at or before t (looking back a few days for a grid
// that has none on t's day; t itself when there is no grid).
Instant lastGridStartAtOrBefore(const Service& service, LocalDays& local, Instant t) {
  const std::chrono::sys_days date{local.dateOf(service.timeZone, t)};
  for (int back = 0; back < 3; ++back) {
    const std::chrono::year_month_day d{date - std::chrono::days{back}};
    const std::vector<Instant> starts = windowStartsOfDay(service, local, d);
    auto after = std::upper_bound(starts.begin(), starts.end(), t);
    if (after != starts.begin()) return *std::prev(after);
  }
  return t;
}

}  // namespace

Instant windowsTimeVersion(const Service& service, LocalDays& days, Instant now) {
  // A slot starting at g is too early once now > g - notice, i.e. from g - notice + 1 s on.
  const Seconds notice = service.policy.minimumNotice;
  const Instant leaving =
      lastGridStartAtOrBefore(service, days, now + notice - Seconds{1}) - notice + Seconds{1};
  // A slot starting at g is within the reach once now >= g - reach.
  const Seconds reach = openWindowsReach(service);
  const Instant entering = lastGridStartAtOrBefore(service, days, now + reach) - reach;
  return std::min(now, std::max(leaving, entering));
}

}  // namespace bookdav::domain
