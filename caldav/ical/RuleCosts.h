// What the recurrence rules of a component may cost later reads, checked when it is stored (README
// "Limits"). Reads start a rule without COUNT near the range they ask about, so its cost follows
// the range; but a rule with COUNT must be walked from DTSTART to know which instances it still has.
// So a component may have at most kMaxRules RRULE and EXRULE properties, and walking all of its
// rules with COUNT to their ends must fit the write budget: no later read of it then walks more.
// An RRULE must also produce some instance after DTSTART (other clients' iterators search for
// centuries for one that never comes).
#pragma once

#include <cstddef>

#include "caldav/ical/ExpansionBudget.h"

typedef struct icalcomponent_impl icalcomponent;

namespace bookdav::caldav::ical {

inline constexpr size_t kMaxRules = 8;

// Throws ExpansionTooComplex naming the component (and the rule). Invalid rules are not its
// concern (CalendarObject refuses them); they cost nothing.
void checkRuleCosts(icalcomponent* component, ExpansionBudget& budget);

}  // namespace bookdav::caldav::ical
