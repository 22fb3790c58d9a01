// The instances of a stored calendar object as rows for an instance index (time-range queries and
// free/busy answered from SQL), computed by the one recurrence engine in Recurrence.h.
#pragma once

#include <cstddef>
#include <vector>

#include "caldav/ical/Component.h"
#include "caldav/ical/Recurrence.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav::ical {

// One instance, as the index stores it.
//
// exact == true:  the instance matches a CALDAV:time-range [qs, qe) iff start < qe && end > qs.
// exact == false: the instance can only match a time-range when start <= qe && end >= qs (an
//                 inclusive superset); the caller re-checks such candidates by parsing the object
//                 (Filter::matches). This happens for zero-length events (qs <= DTSTART < qe),
//                 VJOURNALs with a DATE-TIME, the VTODO rows of RFC 4791 §9.9 that are not a
//                 half-open interval, and VFREEBUSY envelopes.
// floating == true: the instance uses floating times or DATEs, and start/end were read as if UTC;
//                 the real instants depend on the zone of the query (CALDAV:timezone), so the caller
//                 widens by ±14 h when pre-selecting and re-checks with that zone.
// start may be Instant::min() and end Instant::max() (a VTODO without dates matches every range;
// a VAVAILABILITY without DTSTART or DTEND is open-ended).
struct IndexedSpan {
  domain::Instant start;
  domain::Instant end;
  bool exact = true;
  bool floating = false;
  BusyType busy = BusyType::None;  // RFC 4791 §7.10; for FREEBUSY periods their FBTYPE
  bool operator==(const IndexedSpan&) const = default;
};

struct Expansion {
  std::vector<IndexedSpan> spans;  // ascending by start
  // spans holds every instance whose start is <= coveredUntil, so a time-range whose end is <=
  // coveredUntil is answered completely from spans. Instant::max() when spans holds every instance
  // there is; otherwise horizonEnd (a rule goes on past the horizon) or earlier (maxInstances hit).
  // To index further, call again with a later horizon and replace the rows.
  domain::Instant coveredUntil = domain::Instant::max();
  // With a horizonStart, only instances reaching past it are in spans: a time-range [qs, qe) is
  // answered completely when coveredFrom <= qs and qe <= coveredUntil. Instant::min() otherwise.
  domain::Instant coveredFrom = domain::Instant::min();
};

// Every instance of the calendar (VEVENT, VTODO, VJOURNAL, VFREEBUSY periods, VAVAILABILITY) from
// the beginning of time (or horizonStart: a daily event since 2000 need not fill the index with
// the past) up to horizonEnd, at most about maxInstances recurrence ids per UID inside the horizon
// (overrides come on top). Floating times and DATEs are read as UTC (see IndexedSpan::floating).
// VFREEBUSY gives its DTSTART/DTEND envelope (busy None, inexact) and one exact span per FREEBUSY
// period with its FBTYPE; VAVAILABILITY one span with busy None (its AVAILABLE blocks are not
// expanded here). VJOURNALs without DTSTART give no span (they match no time-range).
// Throws ExpansionTooComplex when the budget runs out.
Expansion expandForIndex(const Component& calendar, domain::Instant horizonEnd, ExpansionBudget& budget,
                         size_t maxInstances = 5000, domain::Instant horizonStart = domain::Instant::min());

// The span of one instance (the same rules as above, for callers of forEachInstance).
IndexedSpan spanOf(const Instance& instance);

}  // namespace bookdav::caldav::ical
