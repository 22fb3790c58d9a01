#include "caldav/ical/Occurrences.h"

#include <algorithm>
#include <chrono>

#include "caldav/ical/Component.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/ical/RecurrenceRule.h"
#include "caldav/ical/RuleIterator.h"

namespace bookdav::caldav::ical {
namespace {

using domain::Instant;
using domain::Seconds;
using std::chrono::days;

struct RuleWalk {
  std::vector<Occurrence>* out;
  Instant covered = Instant::max();
};

// `like` (DTSTART: its zone, DATE or DATE-TIME) at wall time w.
icaltimetype atWall(WallTime w, const icaltimetype& like) {
  icaltimetype t = like;
  auto day = std::chrono::floor<days>(w);
  std::chrono::year_month_day ymd{day};
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  if (!like.is_date) {
    std::chrono::hh_mm_ss<Seconds> hms{w - day};
    t.hour = static_cast<int>(hms.hours().count());
    t.minute = static_cast<int>(hms.minutes().count());
    t.second = static_cast<int>(hms.seconds().count());
  }
  return t;
}

// An instant read as a wall time: the wall time of any instant in another zone is within a day of it.
WallTime asWall(Instant t) {
  return WallTime{t.time_since_epoch()};
}

// Runs one RRULE (isRule) or EXRULE from DTSTART, keeping lower <= at <= upper, at most maxCount
// results. For an RRULE, DTSTART is the first occurrence even when the rule does not produce it
// (RFC 5545 §3.8.5.3), so such a COUNT rule yields one occurrence less.
void walkRule(const icalrecurrencetype& r, const char* name, const ComponentTiming& master, Instant lower,
              Instant upper, size_t maxCount, const icaltimezone* fz, bool isRrule, RuleWalk& walk,
              ExpansionBudget& budget) {
  std::optional<RecurrenceRule> parsed;
  try {
    parsed = RecurrenceRule::from(r);
  } catch (const InvalidRule&) {
    return;  // CalendarObject refuses such rules on the way in
  }
  const RecurrenceRule& rule = *parsed;
  const icaltimetype& start = master.start;
  try {
    // A UTC UNTIL of a zoned DTSTART: the iterator stops a day after its wall time in that zone,
    // and the instants decide exactly (as libical compares them).
    std::optional<Instant> exactUntil;
    std::optional<WallTime> utcUntilInZone;
    const bool zoned = !start.is_date && start.zone && !icaltime_is_utc(start);
    if (rule.until && rule.until->isUtc && zoned) {
      exactUntil = Instant{rule.until->at.time_since_epoch()};
      utcUntilInZone = wallTimeOf(fromInstant(*exactUntil, start.zone, false)) + days{1};
    }
    RuleIterator it(rule, wallTimeOf(start), start.is_date != 0, budget,
                    RuleIterator::Options{isRrule, untilBound(rule, start.is_date != 0, utcUntilInZone)});
    if (lower != Instant::min() && lower > master.startAt + days{2}) it.skipTo(asWall(lower) - days{2});

    size_t taken = 0;
    const WallTime surelyBefore = lower == Instant::min() ? WallTime::min() : asWall(lower) - days{2};
    while (std::optional<WallTime> w = it.next()) {
      if (*w < surelyBefore) continue;  // no need to ask the zone
      icaltimetype t = atWall(*w, start);
      Instant at = toInstant(t, fz);
      if (exactUntil && at > *exactUntil) return;
      if (at > upper) {
        walk.covered = std::min(walk.covered, upper);
        return;
      }
      if (at < lower || at == master.startAt) continue;
      walk.out->push_back(Occurrence{t, at, std::nullopt});
      if (++taken >= maxCount) {
        walk.covered = std::min(walk.covered, at);
        return;
      }
    }
  } catch (const InvalidRule&) {
    return;
  } catch (const ExpansionTooComplex& e) {
    throw e.about(std::string("the ") + name + " " + rule.text() + " of " + componentLabel(master.comp));
  }
}

std::chrono::sys_days dateOf(const icaltimetype& t) {
  return std::chrono::sys_days{std::chrono::year{t.year} /
                               std::chrono::month{static_cast<unsigned>(t.month)} /
                               std::chrono::day{static_cast<unsigned>(t.day)}};
}

}  // namespace

std::string componentLabel(icalcomponent* comp) {
  const char* uid = icalcomponent_get_uid(comp);
  return componentName(comp) + (uid ? std::string(" \"") + uid + "\"" : std::string(" without UID"));
}

bool recurs(icalcomponent* comp) {
  return icalcomponent_get_first_property(comp, ICAL_RRULE_PROPERTY) != nullptr ||
         icalcomponent_get_first_property(comp, ICAL_RDATE_PROPERTY) != nullptr;
}

OccurrenceList occurrencesOf(const ComponentTiming& master, Instant lower, Instant upper, size_t maxCount,
                             const icaltimezone* fz, ExpansionBudget& budget) {
  OccurrenceList out;
  icalcomponent* comp = master.comp;
  std::vector<Occurrence>& items = out.items;
  RuleWalk walk{&items};
  if (master.startAt >= lower && master.startAt <= upper) {
    items.push_back(Occurrence{master.start, master.startAt, std::nullopt});
  } else if (master.startAt > upper) {
    walk.covered = upper;  // there is more after the window
  }

  for (icalproperty* p : properties(comp, "RRULE"))
    walkRule(icalproperty_get_rrule(p), "RRULE", master, lower, upper, maxCount, fz, true, walk, budget);

  for (icalproperty* p : properties(comp, "RDATE")) {
    budget.charge();
    icaldatetimeperiodtype v = icalproperty_get_rdate(p);
    Occurrence o{};
    if (!icalperiodtype_is_null_period(v.period) && !icaltime_is_null_time(v.period.start)) {
      o.local = withZone(v.period.start, p, comp);
      o.at = toInstant(o.local, fz);
      o.periodEnd = !icaltime_is_null_time(v.period.end)
                        ? toInstant(withZone(v.period.end, p, comp), fz)
                        : addNominal(o.local, o.at, nominal(v.period.duration), fz);
    } else if (!icaltime_is_null_time(v.time)) {
      o.local = withZone(v.time, p, comp);
      o.at = toInstant(o.local, fz);
    } else {
      continue;
    }
    if (o.at >= lower && o.at <= upper) {
      items.push_back(o);
    } else if (o.at > upper) {
      walk.covered = std::min(walk.covered, upper);
    }
  }

  std::stable_sort(items.begin(), items.end(),
                   [](const Occurrence& a, const Occurrence& b) { return a.at < b.at; });
  items.erase(std::unique(items.begin(), items.end(),
                          [](const Occurrence& a, const Occurrence& b) { return a.at == b.at; }),
              items.end());

  // EXDATE and EXRULE.
  std::vector<Instant> excluded;
  std::vector<std::chrono::sys_days> excludedDates;  // DATE exdates of a DATE-TIME master: whole days
  for (icalproperty* p : properties(comp, "EXDATE")) {
    budget.charge();
    icaltimetype t = zonedValue(p, comp);
    if (icaltime_is_null_time(t)) continue;
    if (t.is_date && !master.start.is_date) {
      excludedDates.push_back(dateOf(t));
    } else {
      excluded.push_back(toInstant(t, fz));
    }
  }
  std::vector<Occurrence> exruleHits;
  RuleWalk exWalk{&exruleHits};
  for (icalproperty* p : properties(comp, "EXRULE"))
    walkRule(icalproperty_get_exrule(p), "EXRULE", master, lower, upper, maxCount, fz, false, exWalk, budget);
  for (const Occurrence& o : exruleHits) excluded.push_back(o.at);
  if (!excluded.empty() || !excludedDates.empty()) {
    std::sort(excluded.begin(), excluded.end());
    std::sort(excludedDates.begin(), excludedDates.end());
    budget.charge(items.size());
    std::erase_if(items, [&](const Occurrence& o) {
      if (std::binary_search(excluded.begin(), excluded.end(), o.at)) return true;
      return std::binary_search(excludedDates.begin(), excludedDates.end(), dateOf(o.local));
    });
  }

  Instant covered = walk.covered;
  if (items.size() > maxCount) {
    covered = std::min(covered, items[maxCount - 1].at);
    items.resize(maxCount);
  }
  if (covered != Instant::max()) std::erase_if(items, [&](const Occurrence& o) { return o.at > covered; });
  out.coveredUntil = covered;
  return out;
}

}  // namespace bookdav::caldav::ical
