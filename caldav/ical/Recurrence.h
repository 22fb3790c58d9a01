// The one recurrence engine of bookdav: every instance of the components of a VCALENDAR, each with
// the RFC 4791 §9.9 rule saying which CALDAV:time-ranges it matches.
//
// Handles RRULE, RDATE (DATE, DATE-TIME, PERIOD), EXDATE, EXRULE and RECURRENCE-ID overrides
// (RANGE=THISANDFUTURE too). The instance index, filters, expand and free/busy all use it.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

#include "caldav/ical/Component.h"
#include "caldav/ical/ExpansionBudget.h"
#include "caldav/ical/TimeZoneContext.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav::ical {

// How an instance counts for free/busy (RFC 4791 §7.10).
enum class BusyType { None, Busy, BusyTentative, BusyUnavailable };

// The CALDAV:time-ranges [qs, qe) an instance matches, as RFC 4791 §9.9 defines them per component
// type: (qs < hi, or qs <= hi when hiInclusive) and (qe > lo, or qe >= lo when loInclusive).
// A missing start or end of a time-range is Instant::min() / Instant::max().
//   VEVENT with DTEND, positive DURATION, DATE start or RDATE PERIOD: [lo, hi) half-open.
//   VEVENT of zero length, VJOURNAL with a DATE-TIME: lo == hi, hiInclusive (qs <= S < qe).
//   VTODO: the eight rows of the §9.9 table (open ends become Instant::min()/max()).
//   VFREEBUSY with DTSTART and DTEND: qs <= DTEND and qe > DTSTART; without: each FREEBUSY period.
struct TimeWindow {
  domain::Instant lo = domain::Instant::min();
  domain::Instant hi = domain::Instant::max();
  bool loInclusive = false;
  bool hiInclusive = false;
  bool never = false;  // matches no time-range at all (VJOURNAL without DTSTART)

  bool matches(domain::Interval range) const;
  // True when "lo < qe && hi > qs" is the whole rule.
  bool isHalfOpen() const { return !never && !loInclusive && !hiInclusive; }
  bool operator==(const TimeWindow&) const = default;
};

struct Instance {
  // VEVENT: DTSTART and its end (DTEND, DTSTART+DURATION, +1 day for a DATE, else DTSTART).
  // VTODO: DTSTART (else DUE) and DUE (else DTSTART+DURATION, else the start); both are the epoch
  // when the to-do has neither DTSTART nor DUE (see `timed`). VJOURNAL: DTSTART (+1 day for a DATE).
  // VFREEBUSY: DTSTART/DTEND, or one FREEBUSY period. VAVAILABILITY: DTSTART/DTEND.
  domain::Instant start;
  domain::Instant end;
  // The original start of this occurrence (its RECURRENCE-ID); nullopt when the component does not
  // recur (no RRULE, no RDATE, no overrides).
  std::optional<domain::Instant> recurrenceId;
  // The component whose properties describe this instance: the master, an override with this
  // RECURRENCE-ID, or the THISANDFUTURE override in force. Points into the calendar passed in
  // (non-const because libical's API is; treat it as read-only).
  icalcomponent* source = nullptr;
  TimeWindow window;
  BusyType busy = BusyType::None;
  bool floating = false;    // start/end came from floating times or DATEs (read in the floating zone)
  bool allDay = false;      // DTSTART is a DATE
  bool timed = true;        // false for a VTODO without DTSTART and DUE
  bool overridden = false;  // source is a RECURRENCE-ID override
};

struct InstanceOptions {
  // The zone floating times and DATEs are read in; nullptr means UTC.
  const TimeZoneContext* floatingZone = nullptr;
  // Only components of this type ("VEVENT"); empty means VEVENT, VTODO, VJOURNAL, VFREEBUSY and
  // VAVAILABILITY alike.
  std::string_view componentType;
  // At most this many occurrences are generated per recurrence set inside the range (RRULE, RDATE).
  size_t maxInstances = 100000;
};

// How far a scan got: every instance whose window.lo is <= coveredUntil and that matches the range
// was visited. Instant::max() when the recurrence sets were exhausted; range.end - 1 s when a rule
// goes on past the range; earlier when maxInstances cut a rule short.
struct InstanceScan {
  domain::Instant coveredUntil = domain::Instant::max();
  bool stopped = false;  // the visitor returned false
};

// Calls visit(instance) for every instance whose window matches range (RFC 4791 §9.9): those of
// VFREEBUSY and VAVAILABILITY components as they come, then the recurring ones grouped by UID (in
// order of first appearance) and sorted by start within a UID. visit returns false to stop. Overrides
// always count, even when the master does not generate their RECURRENCE-ID; overrides with
// STATUS:CANCELLED are instances too (busy None). `calendar` is a VCALENDAR, or one component.
// Every step is charged to `budget`; ExpansionTooComplex (naming the component and rule) when it
// runs out.
InstanceScan forEachInstance(const icalcomponent* calendar, domain::Interval range,
                             const std::function<bool(const Instance&)>& visit, ExpansionBudget& budget,
                             const InstanceOptions& options = {});
inline InstanceScan forEachInstance(const Component& calendar, domain::Interval range,
                                    const std::function<bool(const Instance&)>& visit,
                                    ExpansionBudget& budget, const InstanceOptions& options = {}) {
  return forEachInstance(calendar.get(), range, visit, budget, options);
}

}  // namespace bookdav::caldav::ical
