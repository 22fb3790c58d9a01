#include "domain/time/LocalTime.h"

namespace bookdav::domain {
namespace {

using std::chrono::sys_days;

Instant asIfUtc(const LocalDateTime& local) {
  return Instant{sys_days{local.date}} + local.timeOfDay;
}

}  // namespace

LocalDateTime toLocal(const ZoneRules& rules, std::string_view zone, Instant t) {
  Instant wall = t + rules.utcOffset(zone, t);
  auto day = std::chrono::floor<std::chrono::days>(wall);
  return LocalDateTime{std::chrono::year_month_day{day}, wall - day};
}

Instant fromLocal(const ZoneRules& rules, std::string_view zone, const LocalDateTime& local) {
  // Offsets a day either side bracket at most one transition in any real zone.
  const Instant wall = asIfUtc(local);
  const Seconds before = rules.utcOffset(zone, wall - std::chrono::hours{26});
  const Seconds after = rules.utcOffset(zone, wall + std::chrono::hours{26});
  const Instant early = wall - before;  // reading the wall time with the earlier offset
  const Instant late = wall - after;    // ... and with the later one
  const bool earlyValid = rules.utcOffset(zone, early) == before;
  const bool lateValid = rules.utcOffset(zone, late) == after;
  if (earlyValid && lateValid) return std::min(early, late);  // overlap: earlier instant
  if (earlyValid) return early;
  if (lateValid) return late;
  return early;  // gap: the earlier offset carries the time forward past the gap
}

Instant startOfLocalDay(const ZoneRules& rules, std::string_view zone, std::chrono::year_month_day date) {
  return fromLocal(rules, zone, LocalDateTime{date, Seconds{0}});
}

}  // namespace bookdav::domain
