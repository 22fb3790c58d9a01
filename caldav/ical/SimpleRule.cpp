#include "caldav/ical/SimpleRule.h"

#include <algorithm>
#include <cstring>

namespace bookdav::caldav::ical {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

bool empty(const short* by) {
  return by[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

sys_days dateOf(const icaltimetype& t) {
  return sys_days{std::chrono::year{t.year} / std::chrono::month{static_cast<unsigned>(t.month)} /
                  std::chrono::day{static_cast<unsigned>(t.day)}};
}

// libical weekdays: SU = 1 ... SA = 7; chrono: Sunday = 0.
unsigned chronoWeekday(int icalWeekday) {
  return static_cast<unsigned>(icalWeekday - 1);
}

long long floorDiv(long long a, long long b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::optional<SimpleRule> SimpleRule::from(const icalrecurrencetype& rule, const icaltimetype& dtstart) {
  if (rule.freq != ICAL_DAILY_RECURRENCE && rule.freq != ICAL_WEEKLY_RECURRENCE) return std::nullopt;
  if (rule.rscale && std::strcmp(rule.rscale, "GREGORIAN") != 0) return std::nullopt;
  if (!empty(rule.by_second) || !empty(rule.by_minute) || !empty(rule.by_hour) || !empty(rule.by_month_day) ||
      !empty(rule.by_year_day) || !empty(rule.by_week_no) || !empty(rule.by_month) || !empty(rule.by_set_pos))
    return std::nullopt;
  if (rule.interval < 1 || icaltime_is_null_time(dtstart) || !icaltime_is_valid_time(dtstart))
    return std::nullopt;
  if (dtstart.year < 1 || dtstart.year > 2582) return std::nullopt;

  SimpleRule r;
  r.weekly_ = rule.freq == ICAL_WEEKLY_RECURRENCE;
  r.interval_ = rule.interval;
  r.count_ = rule.count;
  r.hasUntil_ = !icaltime_is_null_time(rule.until);
  r.until_ = rule.until;
  r.dtstart_ = dtstart;
  r.first_ = dateOf(dtstart);
  if (!r.weekly_) {
    if (!empty(rule.by_day)) return std::nullopt;
    r.period_ = r.first_;
    return r;
  }

  int wkst = rule.week_start == ICAL_NO_WEEKDAY ? ICAL_MONDAY_WEEKDAY : rule.week_start;
  unsigned startWeekday = std::chrono::weekday{r.first_}.c_encoding();
  int toWeekStart = static_cast<int>((startWeekday + 7 - chronoWeekday(wkst)) % 7);
  r.period_ = r.first_ - days{toWeekStart};
  bool seen[7] = {};
  if (empty(rule.by_day)) {
    seen[toWeekStart] = true;
  } else {
    for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
      if (icalrecurrencetype_day_position(rule.by_day[i]) != 0) return std::nullopt;
      int wd = icalrecurrencetype_day_day_of_week(rule.by_day[i]);
      if (wd < ICAL_SUNDAY_WEEKDAY || wd > ICAL_SATURDAY_WEEKDAY) return std::nullopt;
      seen[(chronoWeekday(wd) + 7 - chronoWeekday(wkst)) % 7] = true;
    }
  }
  for (int off = 0; off < 7; ++off)
    if (seen[off]) r.offsets_[r.offsetCount_++] = off;
  return r;
}

void SimpleRule::skipTo(sys_days day) {
  if (count_ > 0 || done_) return;
  long long step = weekly_ ? 7LL * interval_ : interval_;
  long long periods = floorDiv((day - period_).count(), step);
  if (periods <= 0) return;
  period_ += days{periods * step};
  offsetIndex_ = 0;
}

icaltimetype SimpleRule::next() {
  while (!done_) {
    if (count_ > 0 && produced_ >= count_) break;
    sys_days date;
    if (weekly_) {
      date = period_ + days{offsets_[offsetIndex_]};
      if (++offsetIndex_ == offsetCount_) {
        offsetIndex_ = 0;
        period_ += days{7LL * interval_};
      }
      if (date < first_) continue;
    } else {
      date = period_;
      period_ += days{interval_};
    }
    std::chrono::year_month_day ymd{date};
    if (static_cast<int>(ymd.year()) > 2582) break;  // libical's limit (MAX_TIME_T_YEAR)
    icaltimetype t = dtstart_;
    t.year = static_cast<int>(ymd.year());
    t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    if (hasUntil_ && icaltime_compare(t, until_) > 0) break;
    ++produced_;
    return t;
  }
  done_ = true;
  return icaltime_null_time();
}

}  // namespace bookdav::caldav::ical
