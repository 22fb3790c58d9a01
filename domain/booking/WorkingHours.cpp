#include "domain/booking/WorkingHours.h"

namespace bookdav::domain {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_days;
using std::chrono::year_month_day;

Closure Closure::days(year_month_day first, year_month_day last, std::string note) {
  return Closure{LocalDateTime{first, Seconds{0}},
                 LocalDateTime{year_month_day{sys_days{last} + std::chrono::days{1}}, Seconds{0}},
                 std::move(note)};
}

namespace {

bool validSpan(Seconds start, Seconds end) {
  return start >= Seconds{0} && start < end && end <= hours{24};
}

bool before(const LocalDateTime& a, const LocalDateTime& b) {
  if (a.date != b.date) return sys_days{a.date} < sys_days{b.date};
  return a.timeOfDay < b.timeOfDay;
}

}  // namespace

std::optional<std::string> validate(const WorkingHours& h) {
  for (const WeeklyHours& w : h.weekly) {
    if (w.days.empty()) return "a weekly rule names no weekday";
    if (!validSpan(w.start, w.end)) return "a weekly rule must start before it ends, within one day";
    if (w.from && !w.from->ok()) return "a weekly rule has an invalid start date";
    if (w.until && !w.until->ok()) return "a weekly rule has an invalid end date";
    if (w.from && w.until && sys_days{*w.until} < sys_days{*w.from})
      return "a weekly rule ends before it starts";
  }
  for (const ExtraHours& e : h.extra) {
    if (!e.date.ok()) return "extra hours have an invalid date";
    if (!validSpan(e.start, e.end)) return "extra hours must start before they end, within one day";
  }
  for (const Closure& c : h.closed) {
    if (!c.start.date.ok() || !c.end.date.ok()) return "a closure has an invalid date";
    if (c.start.timeOfDay < Seconds{0} || c.start.timeOfDay >= hours{24} || c.end.timeOfDay < Seconds{0} ||
        c.end.timeOfDay >= hours{24})
      return "a closure time must lie within a day";
    if (!before(c.start, c.end)) return "a closure must start before it ends";
  }
  return std::nullopt;
}

Intervals closureIntervals(const WorkingHours& h, std::string_view zone, LocalDays& localDays) {
  Intervals out;
  for (const Closure& c : h.closed)
    out.push_back({localDays.at(zone, c.start.date, c.start.timeOfDay),
                   localDays.at(zone, c.end.date, c.end.timeOfDay)});
  return out;
}

Intervals openIntervals(const WorkingHours& h, std::string_view zone, LocalDays& localDays, Interval range) {
  if (range.empty()) return {};
  // Local dates whose hours can reach into the range (a day either side covers any UTC offset).
  const sys_days first = sys_days{localDays.dateOf(zone, range.start)} - days{1};
  const sys_days last = sys_days{localDays.dateOf(zone, range.end)} + days{1};

  Intervals open;
  for (sys_days d = first; d <= last; d += days{1}) {
    year_month_day date{d};
    std::chrono::weekday wd{d};
    for (const WeeklyHours& w : h.weekly) {
      if (!w.days.contains(wd)) continue;
      if (w.from && d < sys_days{*w.from}) continue;
      if (w.until && d > sys_days{*w.until}) continue;
      open.push_back({localDays.at(zone, date, w.start), localDays.at(zone, date, w.end)});
    }
  }
  for (const ExtraHours& e : h.extra) {
    sys_days d{e.date};
    if (d < first || d > last) continue;
    open.push_back({localDays.at(zone, e.date, e.start), localDays.at(zone, e.date, e.end)});
  }
  open = normalized(std::move(open));

  Intervals closed;
  for (const Closure& c : h.closed) {
    if (sys_days{c.end.date} < first || sys_days{c.start.date} > last) continue;
    closed.push_back({localDays.at(zone, c.start.date, c.start.timeOfDay),
                      localDays.at(zone, c.end.date, c.end.timeOfDay)});
  }
  return clip(subtract(open, normalized(std::move(closed))), range);
}

}  // namespace bookdav::domain
