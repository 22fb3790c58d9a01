// The days a recurrence rule's date parts allow (BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, and
// BYDAY with its ordinals counted in the month or the year), with the parts RFC 5545 takes from
// DTSTART when the rule has none, worked out one year at a time. Internal to RuleIterator.
#pragma once

#include <array>
#include <bitset>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "caldav/ical/ExpansionBudget.h"
#include "caldav/ical/RecurrenceRule.h"

namespace bookdav::caldav::ical {

using DayNumber = std::int64_t;  // days since 1970-01-01 (std::chrono::local_days)

class RuleDays {
 public:
  RuleDays(const RecurrenceRule& rule, std::chrono::year_month_day dtstart);

  // The first allowed day on or after `from` and in a year up to lastYear. nullopt when there is
  // none: the search ends at lastYear, or after 400 years without one (the Gregorian calendar
  // repeats every 400 years, so there will never be one). Each year looked at costs a step.
  std::optional<DayNumber> firstFrom(DayNumber from, int lastYear, ExpansionBudget& budget);
  // Is some day allowed in some year? 2001 to 2028 hold every kind of year (leap or not, starting on
  // each weekday, after and before each kind), and what the date parts allow depends only on that.
  bool possible();
  // The allowed days in [from, to), ascending, appended to out (for spans of at most a year).
  void between(DayNumber from, DayNumber to, std::vector<DayNumber>& out, ExpansionBudget& budget);

 private:
  struct Year {
    int year = std::numeric_limits<int>::min();
    std::vector<DayNumber> days;
  };
  const std::vector<DayNumber>& daysOf(int year, ExpansionBudget& budget);
  void build(Year& y) const;
  // Is d in one of the BYWEEKNO weeks? weekOne: the starts of week 1 of the years y-1 .. y+2.
  bool inWeeks(DayNumber d, const std::array<DayNumber, 4>& weekOne) const;

  Frequency freq_;
  unsigned weekStart_;
  std::bitset<13> months_;
  std::bitset<32> monthDays_, monthDaysFromEnd_;  // 1..31 and -1..-31 (by magnitude)
  std::bitset<367> yearDays_, yearDaysFromEnd_;
  std::bitset<54> weeks_, weeksFromEnd_;
  std::bitset<7> weekdays_;                  // BYDAY entries without ordinal
  std::vector<WeekdayNum> ordinalWeekdays_;  // BYDAY entries with one
  // "2TU" counts in each month (MONTHLY, or YEARLY with BYMONTH), else in the year.
  bool ordinalsPerMonth_ = false;
  bool byMonth_ = false, byMonthDay_ = false, byYearDay_ = false, byWeekNo_ = false, byDay_ = false;
  std::array<Year, 3> cache_;  // the years used last (WEEKLY periods span two)
  size_t nextSlot_ = 0;
};

}  // namespace bookdav::caldav::ical
