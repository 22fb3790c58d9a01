#include "domain/time/LocalTime.h"

#include <algorithm>

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

namespace {

// The wall time read with the offset in force a day before and a day after (offsets a day either side
// bracket at most one transition in any real zone), and whether each reading is really that time.
struct Readings {
  Instant early, late;
  bool earlyValid, lateValid;
};

Readings readings(const ZoneRules& rules, std::string_view zone, const LocalDateTime& local) {
  const Instant wall = asIfUtc(local);
  const Seconds before = rules.utcOffset(zone, wall - std::chrono::hours{26});
  const Seconds after = rules.utcOffset(zone, wall + std::chrono::hours{26});
  Readings r{wall - before, wall - after, false, false};
  r.earlyValid = rules.utcOffset(zone, r.early) == before;
  r.lateValid = rules.utcOffset(zone, r.late) == after;
  return r;
}

}  // namespace

Instant fromLocal(const ZoneRules& rules, std::string_view zone, const LocalDateTime& local) {
  const Readings r = readings(rules, zone, local);
  if (r.earlyValid && r.lateValid) return std::min(r.early, r.late);  // overlap: earlier instant
  if (r.earlyValid) return r.early;
  if (r.lateValid) return r.late;
  return r.early;  // gap: the earlier offset carries the time forward past the gap
}

std::vector<Instant> instantsOf(const ZoneRules& rules, std::string_view zone, const LocalDateTime& local) {
  const Readings r = readings(rules, zone, local);
  std::vector<Instant> out;
  if (r.earlyValid) out.push_back(r.early);
  if (r.lateValid && (!r.earlyValid || r.late != r.early)) out.push_back(r.late);
  std::sort(out.begin(), out.end());
  return out;
}

Instant startOfLocalDay(const ZoneRules& rules, std::string_view zone, std::chrono::year_month_day date) {
  return fromLocal(rules, zone, LocalDateTime{date, Seconds{0}});
}

}  // namespace bookdav::domain
