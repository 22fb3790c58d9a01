#include "domain/booking/Schedule.h"

#include <algorithm>

#include "domain/booking/LocalText.h"

namespace bookdav::domain {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

namespace {

bool sameOrigin(const LocalDateTime& a, const LocalDateTime& b) {
  return a == b;
}

bool dayTime(Seconds t) {
  return t >= Seconds{0} && t < std::chrono::hours{24};
}

}  // namespace

bool Schedule::finite() const {
  return std::all_of(rules.begin(), rules.end(),
                     [](const WeeklyRecurrence& r) { return r.until || r.count; });
}

std::string originKey(const LocalDateTime& origin) {
  return formatLocal(origin);
}

std::vector<Occurrence> occurrences(const Schedule& schedule, const Service& service, LocalDays& localDays,
                                    Interval range) {
  const std::string& zone = schedule.timeZone.empty() ? service.timeZone : schedule.timeZone;
  const Seconds duration = schedule.duration > Seconds{0} ? schedule.duration : service.duration;
  const int capacity = schedule.capacity > 0 ? schedule.capacity : service.capacity;
  const sys_days rangeFirst = sys_days{localDays.dateOf(zone, range.start)} - days{1};
  const sys_days rangeLast = sys_days{localDays.dateOf(zone, range.end)} + days{1};

  std::vector<std::pair<Instant, LocalDateTime>> origins;
  auto consider = [&](const LocalDateTime& origin) {
    Instant t = localDays.at(zone, origin.date, origin.timeOfDay);
    if (range.contains(t)) origins.emplace_back(t, origin);
  };
  for (const WeeklyRecurrence& rule : schedule.rules) {
    sys_days d{rule.firstDate};
    sys_days last = rangeLast;
    if (rule.until) last = std::min(last, sys_days{*rule.until});
    if (!rule.count) d = std::max(d, rangeFirst);  // with a count, every occurrence from the first counts
    int seen = 0;
    for (; d <= last; d += days{1}) {
      if (!rule.days.contains(std::chrono::weekday{d})) continue;
      if (rule.count && seen++ >= *rule.count) break;
      if (d >= rangeFirst) consider(LocalDateTime{year_month_day{d}, rule.startTime});
    }
  }
  for (const LocalDateTime& date : schedule.dates) consider(date);

  std::sort(origins.begin(), origins.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Occurrence> out;
  for (const auto& entry : origins) {
    const Instant t = entry.first;
    const LocalDateTime& origin =
        entry.second;  // a name, not a binding: clang 14 lambdas cannot capture those
    if (!out.empty() && sameOrigin(out.back().origin, origin)) continue;
    if (std::any_of(schedule.excluded.begin(), schedule.excluded.end(),
                    [&](const LocalDateTime& x) { return sameOrigin(x, origin); }))
      continue;
    Occurrence occ{origin, Interval{t, t + duration}, schedule.resourceIds, capacity};
    auto o = std::find_if(schedule.overrides.begin(), schedule.overrides.end(),
                          [&](const SessionOverride& x) { return sameOrigin(x.origin, origin); });
    if (o != schedule.overrides.end()) {
      if (o->start) occ.time.start = localDays.at(zone, o->start->date, o->start->timeOfDay);
      occ.time.end = occ.time.start + o->duration.value_or(duration);
      if (o->capacity) occ.capacity = *o->capacity;
      if (o->resourceIds) occ.resourceIds = *o->resourceIds;
    }
    out.push_back(std::move(occ));
  }
  return out;
}

std::optional<std::string> validate(const Schedule& s, const Service& service) {
  if (service.kind == ServiceKind::Appointment)
    return "appointment service " + service.id + " has no schedule: its sessions come from bookings";
  if (s.serviceId != service.id) return "the schedule names service " + s.serviceId + ", not " + service.id;
  if (s.duration < Seconds{0} || s.duration > std::chrono::hours{24})
    return "the session length must lie within a day";
  if (s.capacity < 0) return "the capacity must not be negative";
  if (s.rules.empty() && s.dates.empty()) return "the schedule has neither a weekly rule nor a date";
  for (const WeeklyRecurrence& r : s.rules) {
    if (r.days.empty()) return "a weekly rule names no weekday";
    if (!dayTime(r.startTime)) return "a weekly rule's start time must lie within a day";
    if (!r.firstDate.ok() || (r.until && !r.until->ok())) return "a weekly rule has an invalid date";
    if (r.until && sys_days{*r.until} < sys_days{r.firstDate}) return "a weekly rule ends before it starts";
    if (r.count && *r.count < 1) return "a weekly rule's count must be at least 1";
  }
  for (const LocalDateTime& d : s.dates)
    if (!d.date.ok() || !dayTime(d.timeOfDay)) return "a session date is invalid";
  for (const LocalDateTime& d : s.excluded)
    if (!d.date.ok() || !dayTime(d.timeOfDay)) return "an excluded date is invalid";
  for (const SessionOverride& o : s.overrides) {
    if (!o.origin.date.ok() || !dayTime(o.origin.timeOfDay)) return "an override names an invalid occurrence";
    if (o.start && (!o.start->date.ok() || !dayTime(o.start->timeOfDay)))
      return "an override moves to an invalid time";
    if (o.duration && (*o.duration <= Seconds{0} || *o.duration > std::chrono::hours{24}))
      return "an override's length must lie within a day";
    if (o.capacity && *o.capacity < 1) return "an override's capacity must be at least 1";
  }
  if (service.kind == ServiceKind::Course && !s.finite())
    return "course " + service.id + " needs a fixed series: every weekly rule needs an end date or a count";
  return std::nullopt;
}

}  // namespace bookdav::domain
