// Fast occurrences for the rules bookings use most: FREQ=DAILY without BY parts, and FREQ=WEEKLY with
// at most a plain BYDAY list (any INTERVAL, WKST, COUNT, UNTIL). Internal to the recurrence engine.
//
// libical's iterator runs every step through ICU calendars (about 3 µs a step in Debian's build);
// these are date arithmetic, with the same results as libical (tested side by side).
#pragma once

#include <libical/ical.h>

#include <array>
#include <chrono>
#include <optional>

#include "domain/time/Instant.h"

namespace bookdav::caldav::ical {

class SimpleRule {
 public:
  // nullopt when the rule is not one of the simple kinds: use icalrecur_iterator then.
  static std::optional<SimpleRule> from(const icalrecurrencetype& rule, const icaltimetype& dtstart);

  // The next occurrence, as icalrecur_iterator_next() gives it (the null time at the end).
  icaltimetype next();
  // Continues at the period (day or week) holding `day`, if that is after the current one; only
  // for rules without COUNT (like icalrecur_iterator_set_start).
  void skipTo(std::chrono::sys_days day);

 private:
  SimpleRule() = default;
  bool weekly_ = false;
  int interval_ = 1;
  int count_ = 0;
  icaltimetype until_{};
  bool hasUntil_ = false;
  icaltimetype dtstart_{};
  std::chrono::sys_days first_{};   // DTSTART's date
  std::chrono::sys_days period_{};  // current day (DAILY) or current week start (WEEKLY)
  std::array<int, 7> offsets_{};    // WEEKLY: days after the week start, ascending
  int offsetCount_ = 0;
  int offsetIndex_ = 0;
  int produced_ = 0;
  bool done_ = false;
};

}  // namespace bookdav::caldav::ical
