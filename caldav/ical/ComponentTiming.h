// The times of one VEVENT, VTODO or VJOURNAL (master or override) that decide its instances' start,
// end, matching time-ranges (RFC 4791 §9.9) and busy type. Internal to the recurrence engine.
#pragma once

#include <libical/ical.h>

#include <cstdint>
#include <optional>

#include "caldav/ical/Recurrence.h"

namespace bookdav::caldav::ical {

// A length as RFC 5545 adds it: whole days on the wall clock, then exact seconds.
struct NominalDuration {
  int days = 0;
  std::int64_t seconds = 0;
  // An upper bound in seconds, for searching (a day may last 25 hours).
  std::int64_t maxSeconds() const { return (days > 0 ? days : 0) * 90000LL + (seconds > 0 ? seconds : 0); }
};

NominalDuration nominal(const icaldurationtype& d);

struct ComponentTiming {
  enum class EndBy { None, DtEnd, Duration, Due };

  icalcomponent* comp = nullptr;
  icalcomponent_kind kind = ICAL_NO_COMPONENT;
  bool hasStart = false;
  icaltimetype start{};  // zoned (see IcalTime.h); a DATE for all-day components
  domain::Instant startAt{};
  EndBy endBy = EndBy::None;
  NominalDuration length;  // start -> DTEND, DUE or DTSTART+DURATION
  bool endFloating = false;
  std::optional<domain::Instant> due;  // VTODO DUE (used when there is no DTSTART)
  std::optional<domain::Instant> completed;
  std::optional<domain::Instant> created;
  BusyType busy = BusyType::None;

  static ComponentTiming of(icalcomponent* comp, const icaltimezone* floatingZone);

  // The instance that starts at `local` (a time in DTSTART's zone, floating, or a DATE) = `at`.
  // periodEnd is the end of an RDATE;VALUE=PERIOD occurrence.
  Instance instanceAt(const icaltimetype& local, domain::Instant at, std::optional<domain::Instant> periodEnd,
                      const icaltimezone* floatingZone) const;
  // The instance of a component without DTSTART (a VTODO with only DUE/COMPLETED/CREATED, or a
  // VJOURNAL that never matches).
  Instance undatedInstance() const;
};

// Adds a nominal duration to a wall-clock start.
domain::Instant addNominal(const icaltimetype& local, domain::Instant at, NominalDuration d,
                           const icaltimezone* floatingZone);

}  // namespace bookdav::caldav::ical
