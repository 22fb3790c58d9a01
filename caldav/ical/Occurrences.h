// The recurrence ids of one master inside a search window: DTSTART, RRULEs, RDATEs (DATE, DATE-TIME,
// PERIOD) minus EXDATE and EXRULE, sorted, unique. Internal to the recurrence engine.
//
// libical's icalcomponent_foreach_recurrence skips RDATE periods and resolves TZIDs without a lock,
// and its rule iterator can loop for centuries, so rules go through RuleIterator.
#pragma once

#include <libical/ical.h>

#include <optional>
#include <string>
#include <vector>

#include "caldav/ical/ComponentTiming.h"
#include "caldav/ical/ExpansionBudget.h"

namespace bookdav::caldav::ical {

struct Occurrence {
  icaltimetype local;  // in DTSTART's zone, floating, or a DATE
  domain::Instant at;
  std::optional<domain::Instant> periodEnd;  // RDATE;VALUE=PERIOD
};

struct OccurrenceList {
  std::vector<Occurrence> items;  // ascending by `at`, all inside [lower, upper]
  // Every occurrence with at <= coveredUntil is in items (if inside [lower, upper]).
  // Instant::max() when all rules ended before `upper`.
  domain::Instant coveredUntil = domain::Instant::max();
};

// The occurrences of master (which must have a DTSTART) with lower <= at <= upper; at most
// maxCount of them (coveredUntil then says where the list stops being complete). Rules without
// COUNT start near `lower`; rules with COUNT are walked from DTSTART. Throws ExpansionTooComplex
// (naming the rule) when the budget runs out; invalid rules (refused on the way in) give nothing.
OccurrenceList occurrencesOf(const ComponentTiming& master, domain::Instant lower, domain::Instant upper,
                             size_t maxCount, const icaltimezone* floatingZone, ExpansionBudget& budget);

// What a message calls a component: VEVENT "uid".
std::string componentLabel(icalcomponent* comp);

// True when the component has RRULE or RDATE.
bool recurs(icalcomponent* comp);

}  // namespace bookdav::caldav::ical
