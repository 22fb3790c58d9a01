#include "caldav/ical/RuleDays.h"

#include <algorithm>

namespace bookdav::caldav::ical {
namespace {

using namespace std::chrono;

DayNumber dayNumber(int y, unsigned m, unsigned d) {
  return local_days{year{y} / month{m} / day{d}}.time_since_epoch().count();
}

int yearOf(DayNumber d) {
  return static_cast<int>(year_month_day{local_days{days{d}}}.year());
}

// 0 = Sunday: 1970-01-01 was a Thursday.
unsigned weekdayOf(DayNumber d) {
  return static_cast<unsigned>(((d % 7) + 7 + 4) % 7);
}

bool isLeap(int y) {
  return year{y}.is_leap();
}

// The first day of week 1 of year y with weeks starting on weekStart: the week holding at least
// four days of y (ISO 8601, with WKST for Monday; RFC 5545 BYWEEKNO).
DayNumber weekOneStart(int y, unsigned weekStart) {
  DayNumber jan1 = dayNumber(y, 1, 1);
  unsigned intoWeek = (weekdayOf(jan1) + 7 - weekStart) % 7;
  return intoWeek <= 3 ? jan1 - intoWeek : jan1 + (7 - intoWeek);
}

}  // namespace

RuleDays::RuleDays(const RecurrenceRule& rule, year_month_day dtstart)
    : freq_(rule.freq), weekStart_(rule.weekStart) {
  std::vector<int> monthDays = rule.byMonthDay;
  std::vector<int> monthList = rule.byMonth;
  std::vector<WeekdayNum> byDay = rule.byDay;
  // RFC 5545 §3.3.10: what the rule does not say is taken from DTSTART.
  const bool dayParts =
      !rule.byWeekNo.empty() || !rule.byYearDay.empty() || !rule.byMonthDay.empty() || !rule.byDay.empty();
  if (!dayParts) {
    if (freq_ == Frequency::Yearly) {
      monthDays.push_back(static_cast<int>(static_cast<unsigned>(dtstart.day())));
      if (monthList.empty()) monthList.push_back(static_cast<int>(static_cast<unsigned>(dtstart.month())));
    } else if (freq_ == Frequency::Monthly) {
      monthDays.push_back(static_cast<int>(static_cast<unsigned>(dtstart.day())));
    } else if (freq_ == Frequency::Weekly) {
      byDay.push_back(WeekdayNum{0, weekday{local_days{dtstart}}.c_encoding()});
    }
  } else if (freq_ == Frequency::Yearly && !rule.byWeekNo.empty() && rule.byDay.empty() &&
             rule.byYearDay.empty() && rule.byMonthDay.empty()) {
    // BYWEEKNO alone: the weekday of DTSTART in those weeks.
    byDay.push_back(WeekdayNum{0, weekday{local_days{dtstart}}.c_encoding()});
  } else if (freq_ == Frequency::Yearly && !rule.byMonthDay.empty() && monthList.empty() &&
             rule.byWeekNo.empty() && rule.byYearDay.empty()) {
    // Days of the month without a month: DTSTART's month ("FREQ=YEARLY;BYMONTHDAY=22" is yearly,
    // as libical and ical.js read it).
    monthList.push_back(static_cast<int>(static_cast<unsigned>(dtstart.month())));
  }

  ordinalsPerMonth_ = freq_ == Frequency::Monthly || !rule.byMonth.empty();
  for (int m : monthList) months_.set(static_cast<size_t>(m));
  byMonth_ = !monthList.empty();
  for (int d : monthDays) (d > 0 ? monthDays_ : monthDaysFromEnd_).set(static_cast<size_t>(std::abs(d)));
  byMonthDay_ = !monthDays.empty();
  for (int d : rule.byYearDay) (d > 0 ? yearDays_ : yearDaysFromEnd_).set(static_cast<size_t>(std::abs(d)));
  byYearDay_ = !rule.byYearDay.empty();
  for (int w : rule.byWeekNo) (w > 0 ? weeks_ : weeksFromEnd_).set(static_cast<size_t>(std::abs(w)));
  byWeekNo_ = !rule.byWeekNo.empty();
  for (const WeekdayNum& d : byDay) {
    if (d.ordinal == 0) {
      weekdays_.set(d.weekday);
    } else {
      ordinalWeekdays_.push_back(d);
    }
  }
  byDay_ = !byDay.empty();
}

bool RuleDays::inWeeks(DayNumber d, const std::array<DayNumber, 4>& weekOne) const {
  // The week-numbering year of d is y - 1, y or y + 1.
  size_t k = d < weekOne[1] ? 0 : d < weekOne[2] ? 1 : 2;
  int week = static_cast<int>((d - weekOne[k]) / 7) + 1;
  int weeks = static_cast<int>((weekOne[k + 1] - weekOne[k]) / 7);
  return weeks_.test(static_cast<size_t>(week)) || weeksFromEnd_.test(static_cast<size_t>(weeks - week + 1));
}

void RuleDays::build(Year& y) const {
  y.days.clear();
  const DayNumber jan1 = dayNumber(y.year, 1, 1);
  const int length = isLeap(y.year) ? 366 : 365;
  static constexpr int kMonthLength[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  auto monthLength = [&](int m) { return m == 2 && length == 366 ? 29 : kMonthLength[m]; };

  // Days picked by an ordinal BYDAY ("2TU"): counted in each month (MONTHLY, or YEARLY with
  // BYMONTH) or in the whole year (YEARLY without BYMONTH).
  std::vector<char> ordinal;
  if (!ordinalWeekdays_.empty()) {
    ordinal.assign(static_cast<size_t>(length), 0);
    std::vector<std::pair<int, int>> spans;  // [first, end) day indexes of the year
    if (freq_ == Frequency::Yearly && !ordinalsPerMonth_) {
      spans.emplace_back(0, length);
    } else {
      int first = 0;
      for (int m = 1; m <= 12; ++m) {
        if (freq_ != Frequency::Yearly || months_.test(static_cast<size_t>(m)))
          spans.emplace_back(first, first + monthLength(m));
        first += monthLength(m);
      }
    }
    for (auto [a, b] : spans) {
      for (const WeekdayNum& w : ordinalWeekdays_) {
        int i;
        if (w.ordinal > 0) {
          i = a + static_cast<int>((w.weekday + 7 - weekdayOf(jan1 + a)) % 7) + (w.ordinal - 1) * 7;
        } else {
          i = b - 1 - static_cast<int>((weekdayOf(jan1 + b - 1) + 7 - w.weekday) % 7) + (w.ordinal + 1) * 7;
        }
        if (i >= a && i < b) ordinal[static_cast<size_t>(i)] = 1;
      }
    }
  }

  std::array<DayNumber, 4> weekOne{};
  if (byWeekNo_)
    for (int k = 0; k < 4; ++k) weekOne[static_cast<size_t>(k)] = weekOneStart(y.year - 1 + k, weekStart_);

  int m = 1, mday = 1;
  for (int i = 0; i < length; ++i, ++mday) {
    if (mday > monthLength(m)) {
      ++m;
      mday = 1;
    }
    if (byMonth_ && !months_.test(static_cast<size_t>(m))) continue;
    if (byYearDay_ && !yearDays_.test(static_cast<size_t>(i + 1)) &&
        !yearDaysFromEnd_.test(static_cast<size_t>(length - i)))
      continue;
    if (byMonthDay_ && !monthDays_.test(static_cast<size_t>(mday)) &&
        !monthDaysFromEnd_.test(static_cast<size_t>(monthLength(m) - mday + 1)))
      continue;
    const DayNumber d = jan1 + i;
    if (byDay_ && !weekdays_.test(weekdayOf(d)) && (ordinal.empty() || !ordinal[static_cast<size_t>(i)]))
      continue;
    if (byWeekNo_ && !inWeeks(d, weekOne)) continue;
    y.days.push_back(d);
  }
}

const std::vector<DayNumber>& RuleDays::daysOf(int y, ExpansionBudget& budget) {
  for (const Year& c : cache_)
    if (c.year == y) return c.days;
  budget.charge();
  Year& slot = cache_[nextSlot_];
  nextSlot_ = (nextSlot_ + 1) % cache_.size();
  slot.year = y;
  build(slot);
  return slot.days;
}

std::optional<DayNumber> RuleDays::firstFrom(DayNumber from, int lastYear, ExpansionBudget& budget) {
  int y = yearOf(from);
  for (int empty = 0; y <= lastYear && empty < 400; ++y) {
    const std::vector<DayNumber>& days = daysOf(y, budget);
    auto it = std::lower_bound(days.begin(), days.end(), from);
    if (it != days.end()) return *it;
    if (days.empty()) ++empty;
  }
  return std::nullopt;
}

bool RuleDays::possible() {
  ExpansionBudget enough(100, std::chrono::hours(1));
  for (int y = 2001; y <= 2028; ++y)
    if (!daysOf(y, enough).empty()) return true;
  return false;
}

void RuleDays::between(DayNumber from, DayNumber to, std::vector<DayNumber>& out, ExpansionBudget& budget) {
  for (int y = yearOf(from), last = yearOf(to - 1); y <= last; ++y) {
    const std::vector<DayNumber>& days = daysOf(y, budget);
    for (auto it = std::lower_bound(days.begin(), days.end(), from); it != days.end() && *it < to; ++it)
      out.push_back(*it);
  }
}

}  // namespace bookdav::caldav::ical
