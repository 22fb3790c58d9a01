#include "caldav/ical/Occurrences.h"

#include <algorithm>
#include <chrono>

#include "caldav/ical/Component.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/ical/SimpleRule.h"

namespace bookdav::caldav::ical {
namespace {

using domain::Instant;
using domain::Seconds;

struct RuleWalk {
  std::vector<Occurrence>* out;
  Instant covered = Instant::max();
};

// The occurrences of one rule: SimpleRule for the common rules, libical's iterator for the rest.
class RuleSteps {
 public:
  RuleSteps(const icalrecurrencetype& rule, const icaltimetype& dtstart)
      : simple_(SimpleRule::from(rule, dtstart)) {
    if (!simple_) libical_.reset(icalrecur_iterator_new(rule, dtstart));
    jumpable_ = rule.count == 0 &&
                (simple_ || rule.freq == ICAL_DAILY_RECURRENCE || rule.freq == ICAL_WEEKLY_RECURRENCE ||
                 rule.freq == ICAL_MONTHLY_RECURRENCE || rule.freq == ICAL_YEARLY_RECURRENCE);
  }
  bool valid() const { return simple_ || libical_; }
  // Rules without COUNT can jump straight to the window. Not libical's HOURLY, MINUTELY and
  // SECONDLY: libical 3.0.16 aligns their INTERVAL on the hour-of-day (minute, second) difference
  // only, so a jump lands on the wrong phase (INTERVAL=7 hourly went wrong in our tests).
  void skipTowards(Instant lower, bool isDate) {
    if (!jumpable_) return;
    if (simple_) {
      simple_->skipTo(std::chrono::floor<std::chrono::days>(lower) - std::chrono::days{1});
    } else {
      icalrecur_iterator_set_start(libical_.get(), fromInstant(lower, nullptr, isDate));
    }
  }
  icaltimetype next() { return simple_ ? simple_->next() : icalrecur_iterator_next(libical_.get()); }

 private:
  std::optional<SimpleRule> simple_;
  RecurIterator libical_;
  bool jumpable_ = false;
};

// Runs one RRULE or EXRULE from DTSTART, keeping lower <= at <= upper, at most maxCount results.
// With dtstartCounts, DTSTART is the rule's first occurrence even when the rule does not produce it
// (RFC 5545 §3.8.5.3), so such a COUNT rule yields one occurrence less.
void walkRule(const icalrecurrencetype& rule, const ComponentTiming& master, Instant lower, Instant upper,
              size_t maxCount, const icaltimezone* fz, bool dtstartCounts, RuleWalk& walk) {
  RuleSteps ruleSteps(rule, master.start);
  if (!ruleSteps.valid()) return;  // an illegal rule; CalendarObject refuses those on the way in
  if (lower != Instant::min() && lower > master.startAt + std::chrono::days{2})
    ruleSteps.skipTowards(lower, master.start.is_date != 0);

  size_t taken = 0, produced = 0;
  bool dtstartProduced = false;
  for (;;) {
    icaltimetype t = ruleSteps.next();
    if (icaltime_is_null_time(t)) return;  // the rule has ended
    ++produced;
    Instant at = toInstant(t, fz);
    if (produced == 1) dtstartProduced = at == master.startAt;
    if (dtstartCounts && rule.count > 0 && !dtstartProduced && produced >= static_cast<size_t>(rule.count))
      return;  // DTSTART took the place of the rule's last occurrence
    if (produced > kMaxRuleSteps) {
      walk.covered = std::min(walk.covered, at - Seconds{1});
      return;
    }
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
}

std::chrono::sys_days dateOf(const icaltimetype& t) {
  return std::chrono::sys_days{std::chrono::year{t.year} /
                               std::chrono::month{static_cast<unsigned>(t.month)} /
                               std::chrono::day{static_cast<unsigned>(t.day)}};
}

}  // namespace

bool recurs(icalcomponent* comp) {
  return icalcomponent_get_first_property(comp, ICAL_RRULE_PROPERTY) != nullptr ||
         icalcomponent_get_first_property(comp, ICAL_RDATE_PROPERTY) != nullptr;
}

OccurrenceList occurrencesOf(const ComponentTiming& master, Instant lower, Instant upper, size_t maxCount,
                             const icaltimezone* fz) {
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
    walkRule(icalproperty_get_rrule(p), master, lower, upper, maxCount, fz, true, walk);

  for (icalproperty* p : properties(comp, "RDATE")) {
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
    walkRule(icalproperty_get_exrule(p), master, lower, upper, maxCount, fz, false, exWalk);
  for (const Occurrence& o : exruleHits) excluded.push_back(o.at);
  if (!excluded.empty() || !excludedDates.empty()) {
    std::sort(excluded.begin(), excluded.end());
    std::erase_if(items, [&](const Occurrence& o) {
      if (std::binary_search(excluded.begin(), excluded.end(), o.at)) return true;
      return !excludedDates.empty() &&
             std::find(excludedDates.begin(), excludedDates.end(), dateOf(o.local)) != excludedDates.end();
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
