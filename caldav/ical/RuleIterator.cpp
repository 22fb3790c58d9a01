#include "caldav/ical/RuleIterator.h"

#include <algorithm>
#include <numeric>

namespace bookdav::caldav::ical {
namespace {

using namespace std::chrono;

constexpr std::int64_t kDay = 86400;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::int64_t mod(std::int64_t a, std::int64_t b) {
  return a - floorDiv(a, b) * b;
}

DayNumber dayNumber(int y, unsigned m, unsigned d) {
  return local_days{year{y} / month{m} / day{d}}.time_since_epoch().count();
}

year_month_day dateOf(DayNumber d) {
  return year_month_day{local_days{days{d}}};
}

int yearOfSeconds(std::int64_t wall) {
  return static_cast<int>(dateOf(floorDiv(wall, kDay)).year());
}

bool subDaily(Frequency f) {
  return f == Frequency::Hourly || f == Frequency::Minutely || f == Frequency::Secondly;
}

// HOURLY, MINUTELY, SECONDLY: periods per day.
std::int64_t unitsPerDay(Frequency f) {
  return f == Frequency::Hourly ? 24 : f == Frequency::Minutely ? 1440 : kDay;
}

std::vector<bool> limit(const std::vector<int>& by, size_t size) {
  if (by.empty()) return {};
  std::vector<bool> out(size, false);
  for (int v : by)
    if (static_cast<size_t>(v) < size) out[static_cast<size_t>(v)] = true;
  return out;
}

bool allows(const std::vector<bool>& limit, std::int64_t v) {
  return limit.empty() || limit[static_cast<size_t>(v)];
}

// The first allowed value after v, or `end` when none is left.
std::int64_t nextAllowed(const std::vector<bool>& limit, std::int64_t v, std::int64_t end) {
  for (std::int64_t i = v + 1; i < end; ++i)
    if (limit[static_cast<size_t>(i)]) return i;
  return end;
}

}  // namespace

RuleIterator::RuleIterator(const RecurrenceRule& rule, WallTime dtstart, bool isDate, ExpansionBudget& budget,
                           Options options)
    : freq_(rule.freq),
      interval_(rule.interval),
      count_(rule.count),
      bySetPos_(rule.bySetPos),
      budget_(budget),
      options_(options),
      dtstart_(dtstart.time_since_epoch().count()),
      days_(rule, dateOf(floorDiv(dtstart_, kDay))),
      dtstartDue_(options.dtstartIsInstance) {
  if (isDate && subDaily(freq_))
    throw InvalidRule("an all-day DTSTART (a DATE) cannot repeat HOURLY, MINUTELY or SECONDLY");
  weekOffset_ = mod(static_cast<std::int64_t>(rule.weekStart) - 4, 7);

  const std::int64_t timeOfDay = mod(dtstart_, kDay);
  const int h0 = static_cast<int>(timeOfDay / 3600), m0 = static_cast<int>(timeOfDay / 60 % 60),
            s0 = static_cast<int>(timeOfDay % 60);
  auto orStart = [](const std::vector<int>& by, int start) {
    return by.empty() ? std::vector<int>{start} : by;
  };
  std::vector<int> secondsList;
  for (int s : orStart(rule.bySecond, s0))
    if (s < 60) secondsList.push_back(s);  // second 60 (a leap second) never comes on the wall clock

  switch (freq_) {
    case Frequency::Hourly:
      hours_ = limit(rule.byHour, 24);
      for (int m : orStart(rule.byMinute, m0))
        for (int s : secondsList) times_.push_back(m * 60 + s);
      break;
    case Frequency::Minutely:
      hours_ = limit(rule.byHour, 24);
      minutes_ = limit(rule.byMinute, 60);
      times_ = secondsList;
      break;
    case Frequency::Secondly:
      hours_ = limit(rule.byHour, 24);
      minutes_ = limit(rule.byMinute, 60);
      seconds_ = limit(rule.bySecond, 60);
      break;
    default:
      if (isDate) {
        times_ = {0};  // BYHOUR, BYMINUTE and BYSECOND mean nothing for dates
      } else {
        for (int h : orStart(rule.byHour, h0))
          for (int m : orStart(rule.byMinute, m0))
            for (int s : secondsList) times_.push_back(h * 3600 + m * 60 + s);
      }
  }

  first_ = periodOf(dtstart_);
  next_ = first_;
  const int startYear = yearOfSeconds(dtstart_);
  if (startYear < 1 || startYear > kLastYear || neverProduces(rule)) ended_ = true;
}

bool RuleIterator::neverProduces(const RecurrenceRule& rule) {
  if (freq_ != Frequency::Secondly && times_.empty()) return true;
  if (!days_.possible()) return true;  // BYMONTH=2;BYMONTHDAY=30
  if (!seconds_.empty() && std::find(seconds_.begin(), seconds_.end(), true) == seconds_.end()) return true;
  if (subDaily(freq_)) {
    // The times of day the INTERVAL reaches are those congruent to DTSTART's modulo
    // gcd(INTERVAL, periods per day): is one of them allowed by BYHOUR, BYMINUTE, BYSECOND?
    const std::int64_t units = unitsPerDay(freq_),
                       step = std::gcd(static_cast<std::int64_t>(interval_), units);
    std::int64_t ignored;
    for (std::int64_t t = mod(first_, step); t < units; t += step)
      if (allowedTime(t, ignored)) return false;
    return true;
  }
  if (freq_ == Frequency::Daily && !rule.byDay.empty()) {
    // The weekdays a DAILY INTERVAL reaches, likewise modulo gcd(INTERVAL, 7).
    const std::int64_t step = std::gcd(static_cast<std::int64_t>(interval_), std::int64_t{7});
    const std::int64_t start = mod(first_ + 4, 7);
    return std::none_of(rule.byDay.begin(), rule.byDay.end(), [&](const WeekdayNum& d) {
      return mod(static_cast<std::int64_t>(d.weekday) - start, step) == 0;
    });
  }
  if (freq_ == Frequency::Monthly && !rule.byMonth.empty()) {
    const std::int64_t step = std::gcd(static_cast<std::int64_t>(interval_), std::int64_t{12});
    return std::none_of(rule.byMonth.begin(), rule.byMonth.end(),
                        [&](int m) { return mod(m - 1 - first_, step) == 0; });
  }
  return false;
}

std::int64_t RuleIterator::periodOf(std::int64_t wall) const {
  const DayNumber day = floorDiv(wall, kDay);
  switch (freq_) {
    case Frequency::Yearly:
      return static_cast<int>(dateOf(day).year());
    case Frequency::Monthly: {
      year_month_day d = dateOf(day);
      return static_cast<std::int64_t>(static_cast<int>(d.year())) * 12 + static_cast<unsigned>(d.month()) -
             1;
    }
    case Frequency::Weekly:
      return floorDiv(day - weekOffset_, 7);
    case Frequency::Daily:
      return day;
    case Frequency::Hourly:
      return floorDiv(wall, 3600);
    case Frequency::Minutely:
      return floorDiv(wall, 60);
    case Frequency::Secondly:
      break;
  }
  return wall;
}

std::int64_t RuleIterator::periodStart(std::int64_t key) const {
  switch (freq_) {
    case Frequency::Yearly:
      return dayNumber(static_cast<int>(key), 1, 1) * kDay;
    case Frequency::Monthly: {
      std::int64_t y = floorDiv(key, 12);
      return dayNumber(static_cast<int>(y), static_cast<unsigned>(key - y * 12 + 1), 1) * kDay;
    }
    case Frequency::Weekly:
      return (key * 7 + weekOffset_) * kDay;
    case Frequency::Daily:
      return key * kDay;
    case Frequency::Hourly:
      return key * 3600;
    case Frequency::Minutely:
      return key * 60;
    case Frequency::Secondly:
      break;
  }
  return key;
}

bool RuleIterator::beyondLastYear(std::int64_t key) const {
  if (freq_ == Frequency::Yearly) return key > kLastYear;
  if (freq_ == Frequency::Monthly) return floorDiv(key, 12) > kLastYear;
  return yearOfSeconds(periodStart(key)) > kLastYear;
}

std::int64_t RuleIterator::alignUp(std::int64_t key) const {
  return first_ + (floorDiv(key - first_ + interval_ - 1, interval_)) * interval_;
}

bool RuleIterator::allowedTime(std::int64_t t, std::int64_t& next) const {
  switch (freq_) {
    case Frequency::Hourly:
      if (allows(hours_, t)) return true;
      next = nextAllowed(hours_, t, 24);
      return false;
    case Frequency::Minutely: {
      std::int64_t h = t / 60, m = t % 60;
      if (!allows(hours_, h)) {
        next = nextAllowed(hours_, h, 24) * 60;
      } else if (!allows(minutes_, m)) {
        next = h * 60 + nextAllowed(minutes_, m, 60);
      } else {
        return true;
      }
      return false;
    }
    default: {
      std::int64_t h = t / 3600, m = t / 60 % 60, s = t % 60;
      if (!allows(hours_, h)) {
        next = nextAllowed(hours_, h, 24) * 3600;
      } else if (!allows(minutes_, m)) {
        next = h * 3600 + nextAllowed(minutes_, m, 60) * 60;
      } else if (!allows(seconds_, s)) {
        next = h * 3600 + m * 60 + nextAllowed(seconds_, s, 60);
      } else {
        return true;
      }
      return false;
    }
  }
}

std::optional<std::int64_t> RuleIterator::candidatePeriod(std::int64_t key) {
  for (;;) {
    budget_.charge();
    if (beyondLastYear(key)) return std::nullopt;
    const std::int64_t start = periodStart(key);
    if (options_.until && start > options_.until->time_since_epoch().count()) return std::nullopt;
    const DayNumber day = floorDiv(start, kDay);
    std::optional<DayNumber> allowed = days_.firstFrom(day, kLastYear, budget_);
    if (!allowed) return std::nullopt;
    std::int64_t wanted;  // the first period that can hold an instance
    if (!subDaily(freq_)) {
      wanted = periodOf(*allowed * kDay);
    } else if (*allowed > day) {
      wanted = *allowed * unitsPerDay(freq_);
    } else {
      std::int64_t next = 0;
      if (allowedTime(key - day * unitsPerDay(freq_), next)) return key;
      wanted = day * unitsPerDay(freq_) + next;
    }
    if (wanted <= key) return key;
    key = alignUp(wanted);
  }
}

void RuleIterator::instancesOf(std::int64_t key, std::vector<std::int64_t>& out) {
  std::vector<DayNumber> dayList;
  switch (freq_) {
    case Frequency::Hourly:
    case Frequency::Minutely: {
      budget_.charge(times_.size());
      const std::int64_t base = periodStart(key);
      for (int t : times_) out.push_back(base + t);
      break;
    }
    case Frequency::Secondly:
      out.push_back(key);
      break;
    default: {
      const DayNumber from = periodStart(key) / kDay;
      if (freq_ == Frequency::Daily) {
        dayList.push_back(key);  // candidatePeriod() found it allowed
      } else {
        const DayNumber to = freq_ == Frequency::Weekly ? from + 7 : periodStart(key + 1) / kDay;
        days_.between(from, to, dayList, budget_);
      }
      budget_.charge(dayList.size() * times_.size());
      for (DayNumber d : dayList)
        for (int t : times_) out.push_back(d * kDay + t);
    }
  }
  if (!bySetPos_.empty() && !out.empty()) {
    std::vector<std::int64_t> picked;
    const auto size = static_cast<std::int64_t>(out.size());
    for (int p : bySetPos_) {
      std::int64_t i = p > 0 ? p - 1 : size + p;
      if (i >= 0 && i < size) picked.push_back(out[static_cast<size_t>(i)]);
    }
    std::sort(picked.begin(), picked.end());
    picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
    out.swap(picked);
  }
}

bool RuleIterator::fillPeriod() {
  buffer_.clear();
  position_ = 0;
  while (!ended_) {
    std::optional<std::int64_t> key = candidatePeriod(next_);
    if (!key) break;
    next_ = *key + interval_;
    instancesOf(*key, buffer_);
    // DTSTART, when it is an instance, came first on its own.
    const bool dtstartCame = options_.dtstartIsInstance;
    std::erase_if(buffer_, [&](std::int64_t t) { return dtstartCame ? t <= dtstart_ : t < dtstart_; });
    if (!buffer_.empty()) return true;
  }
  ended_ = true;
  return false;
}

std::optional<WallTime> RuleIterator::next() {
  if (dtstartDue_) {
    dtstartDue_ = false;
    if (count_ && ++produced_ >= count_) ended_ = true;
    return WallTime{seconds{dtstart_}};
  }
  for (;;) {
    if (position_ < buffer_.size()) {
      const std::int64_t t = buffer_[position_++];
      if (yearOfSeconds(t) > kLastYear ||
          (options_.until && t > options_.until->time_since_epoch().count())) {
        ended_ = true;
        buffer_.clear();
        return std::nullopt;
      }
      if (count_ && ++produced_ >= count_) {
        ended_ = true;
        buffer_.clear();
        position_ = 0;
      }
      return WallTime{seconds{t}};
    }
    if (ended_ || !fillPeriod()) return std::nullopt;
  }
}

void RuleIterator::skipTo(WallTime from) {
  if (count_ || ended_) return;
  const std::int64_t key = periodOf(from.time_since_epoch().count());
  if (key <= first_) return;
  const std::int64_t aligned = first_ + floorDiv(key - first_, interval_) * interval_;
  if (aligned < next_) return;
  next_ = aligned;
  buffer_.clear();
  position_ = 0;
}

std::optional<WallTime> untilBound(const RecurrenceRule& rule, bool dtstartIsDate,
                                   std::optional<WallTime> utcUntilInZone) {
  if (!rule.until) return std::nullopt;
  const RecurrenceRule::Until& u = *rule.until;
  if (u.isDate) return dtstartIsDate ? u.at : u.at - seconds{1};
  if (dtstartIsDate) return floor<days>(u.at);
  if (u.isUtc && utcUntilInZone) return *utcUntilInZone;
  return u.at;
}

}  // namespace bookdav::caldav::ical
