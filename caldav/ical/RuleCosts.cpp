#include "caldav/ical/RuleCosts.h"

#include <libical/ical.h>

#include "caldav/ical/Component.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/ical/Occurrences.h"
#include "caldav/ical/RecurrenceRule.h"
#include "caldav/ical/RuleIterator.h"

namespace bookdav::caldav::ical {

void checkRuleCosts(icalcomponent* comp, ExpansionBudget& budget) {
  std::vector<icalproperty*> rrules = properties(comp, "RRULE"), exrules = properties(comp, "EXRULE");
  if (rrules.size() + exrules.size() > kMaxRules)
    throw ExpansionTooComplex("has " + std::to_string(rrules.size() + exrules.size()) +
                                  " RRULE and EXRULE properties; at most " + std::to_string(kMaxRules) +
                                  " are accepted",
                              componentLabel(comp));
  icalproperty* dtstart = icalcomponent_get_first_property(comp, ICAL_DTSTART_PROPERTY);
  if (!dtstart) return;
  const icaltimetype start = icalproperty_get_dtstart(dtstart);
  if (icaltime_is_null_time(start)) return;
  auto walk = [&](icalproperty* p, bool isRrule) {
    RecurrenceRule rule;
    try {
      rule = RecurrenceRule::from(isRrule ? icalproperty_get_rrule(p) : icalproperty_get_exrule(p));
    } catch (const InvalidRule&) {
      return;
    }
    const std::string subject =
        std::string(isRrule ? "the RRULE " : "the EXRULE ") + rule.text() + " of " + componentLabel(comp);
    try {
      if (isRrule) {
        // A rule that can never produce an instance after DTSTART (FREQ=SECONDLY;BYMONTH=2;
        // BYMONTHDAY=30): bookdav recognises it at once, but libical-based clients that sync it
        // would search for centuries.
        RecurrenceRule pattern = rule;
        pattern.count = 0;
        pattern.until.reset();
        RuleIterator it(pattern, wallTimeOf(start), start.is_date != 0, budget, {});
        it.next();  // DTSTART
        if (!it.next()) throw ExpansionTooComplex("produces no instance after DTSTART", subject);
      }
      if (!rule.count) return;
      // A UTC UNTIL is within a day of its wall time in any zone: a bound that never cuts short.
      std::optional<WallTime> utcUntil;
      if (rule.until && rule.until->isUtc) utcUntil = rule.until->at + std::chrono::days{1};
      RuleIterator it(rule, wallTimeOf(start), start.is_date != 0, budget,
                      RuleIterator::Options{isRrule, untilBound(rule, start.is_date != 0, utcUntil)});
      while (it.next()) {
      }
    } catch (const InvalidRule&) {
      return;
    } catch (const ExpansionTooComplex& e) {
      throw e.about(subject);
    }
  };
  for (icalproperty* p : rrules) walk(p, true);
  for (icalproperty* p : exrules) walk(p, false);
}

}  // namespace bookdav::caldav::ical
