// The instances of one recurrence rule (RFC 5545 §3.3.10, §3.8.5.3), in order, as wall-clock times
// in DTSTART's frame: the recurrence iterator of bookdav. It implements the expand/limit table of
// RFC 5545 p. 44 period by period (a year, month, week, day, hour, minute or second per INTERVAL),
// skips periods that cannot hold an instance (SECONDLY with BYMONTH=2 goes straight to the next
// February), recognises rules that never produce one (BYMONTHDAY=30 in February), and charges
// every step to an ExpansionBudget. libical's icalrecur_iterator is not used: it can loop for
// centuries without producing an instance. Internal to the recurrence engine.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "caldav/ical/ExpansionBudget.h"
#include "caldav/ical/RecurrenceRule.h"
#include "caldav/ical/RuleDays.h"

namespace bookdav::caldav::ical {

using WallTime = std::chrono::local_seconds;

class RuleIterator {
 public:
  // Instances after this year are not produced (libical's limit, MAX_TIME_T_YEAR).
  static constexpr int kLastYear = 2582;

  struct Options {
    // RRULE: DTSTART is the first instance and counts for COUNT, whether or not the rule produces
    // it (RFC 5545 §3.8.5.3). EXRULE: only what the rule produces.
    bool dtstartIsInstance = true;
    // The last wall time the rule may produce (its UNTIL in DTSTART's frame); see untilBound().
    std::optional<WallTime> until;
  };

  // Throws InvalidRule for a DATE DTSTART with FREQ=HOURLY, MINUTELY or SECONDLY.
  RuleIterator(const RecurrenceRule& rule, WallTime dtstart, bool isDate, ExpansionBudget& budget,
               Options options);

  // The next instance; nullopt when the rule has ended (COUNT, UNTIL, kLastYear, or no instance
  // will ever come). Throws ExpansionTooComplex when the budget runs out.
  std::optional<WallTime> next();

  // Continues with the period holding `from` (instances before `from` in that period still come),
  // if that is ahead. Only for rules without COUNT (which must be counted from DTSTART).
  void skipTo(WallTime from);

 private:
  bool fillPeriod();
  std::optional<std::int64_t> candidatePeriod(std::int64_t key);
  void instancesOf(std::int64_t key, std::vector<std::int64_t>& out);
  std::int64_t alignUp(std::int64_t key) const;
  std::int64_t periodOf(std::int64_t wallSeconds) const;
  std::int64_t periodStart(std::int64_t key) const;  // wall seconds
  bool allowedTime(std::int64_t timeOfDay, std::int64_t& nextAllowed) const;
  bool neverProduces(const RecurrenceRule& rule);
  bool beyondLastYear(std::int64_t key) const;

  const Frequency freq_;
  const int interval_;
  const int count_;
  const std::vector<int> bySetPos_;
  ExpansionBudget& budget_;
  const Options options_;
  const std::int64_t dtstart_;  // wall seconds since 1970-01-01T00:00:00
  RuleDays days_;
  std::int64_t weekOffset_ = 0;  // WEEKLY: the day numbers of week starts, modulo 7
  // Times of day (seconds) that DAILY and longer periods expand to; HOURLY: offsets in the hour;
  // MINUTELY: seconds in the minute.
  std::vector<int> times_;
  // The limits of HOURLY, MINUTELY and SECONDLY periods (empty: any).
  std::vector<bool> hours_, minutes_, seconds_;

  std::int64_t first_;  // the period of DTSTART
  std::int64_t next_;   // the next period to look at
  std::vector<std::int64_t> buffer_;
  size_t position_ = 0;
  int produced_ = 0;
  bool dtstartDue_;
  bool ended_ = false;
};

// The wall-clock bound RuleIterator::Options::until wants for a rule's UNTIL, given DTSTART's kind:
// a DATE UNTIL of a DATE-TIME DTSTART ends before that day (as libical reads it); a DATE-TIME UNTIL of
// a DATE DTSTART includes its day. utcUntilInZone: a UTC UNTIL of a zoned DTSTART as wall time in that
// zone (the caller then also compares instants exactly).
std::optional<WallTime> untilBound(const RecurrenceRule& rule, bool dtstartIsDate,
                                   std::optional<WallTime> utcUntilInZone);

}  // namespace bookdav::caldav::ical
