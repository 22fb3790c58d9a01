#include "caldav/ical/RecurrenceRule.h"

#include <libical/ical.h>

#include <algorithm>
#include <cstring>

namespace bookdav::caldav::ical {
namespace {

const char* kFrequencies[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
const char* kDays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

[[noreturn]] void invalid(const std::string& why) {
  throw InvalidRule(why);
}

std::vector<int> values(const short* by, int size) {
  std::vector<int> out;
  for (int i = 0; i < size && by[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) out.push_back(by[i]);
  return out;
}

// The values of one BY part, each within [lo, hi] and not 0 when signed (lo < 0); sorted, unique.
std::vector<int> checked(const short* by, int size, const char* name, int lo, int hi) {
  std::vector<int> out = values(by, size);
  for (int v : out) {
    if (v < lo || v > hi || (lo < 0 && v == 0))
      invalid(std::string(name) + " has " + std::to_string(v) + ", outside " + std::to_string(lo) + " to " +
              std::to_string(hi));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Frequency frequencyOf(icalrecurrencetype_frequency f) {
  switch (f) {
    case ICAL_SECONDLY_RECURRENCE:
      return Frequency::Secondly;
    case ICAL_MINUTELY_RECURRENCE:
      return Frequency::Minutely;
    case ICAL_HOURLY_RECURRENCE:
      return Frequency::Hourly;
    case ICAL_DAILY_RECURRENCE:
      return Frequency::Daily;
    case ICAL_WEEKLY_RECURRENCE:
      return Frequency::Weekly;
    case ICAL_MONTHLY_RECURRENCE:
      return Frequency::Monthly;
    case ICAL_YEARLY_RECURRENCE:
      return Frequency::Yearly;
    default:
      invalid("the rule has no valid FREQ");
  }
}

void appendList(std::string& out, const char* name, const std::vector<int>& list) {
  if (list.empty()) return;
  out += ";";
  out += name;
  out += "=";
  for (size_t i = 0; i < list.size(); ++i) out += (i ? "," : "") + std::to_string(list[i]);
}

}  // namespace

RecurrenceRule RecurrenceRule::from(const icalrecurrencetype& r) {
  RecurrenceRule rule;
  rule.freq = frequencyOf(r.freq);
  if (r.rscale && strcasecmp(r.rscale, "GREGORIAN") != 0)
    invalid(std::string("RSCALE=") + r.rscale +
            " is not supported; bookdav repeats in the Gregorian calendar");
  if (r.rscale && r.skip != ICAL_SKIP_OMIT && r.skip != ICAL_SKIP_UNDEFINED)
    invalid("SKIP=BACKWARD and SKIP=FORWARD are not supported; invalid dates are skipped (SKIP=OMIT)");
  if (r.interval < 1) invalid("INTERVAL must be 1 or more");
  rule.interval = r.interval;
  if (r.count < 0) invalid("COUNT must be 1 or more");
  rule.count = r.count;
  if (!icaltime_is_null_time(r.until)) {
    const icaltimetype& u = r.until;
    if (!icaltime_is_valid_time(u) || u.month < 1 || u.month > 12 || u.day < 1 ||
        u.day > icaltime_days_in_month(u.month, u.year))
      invalid("UNTIL is not a valid date");
    using namespace std::chrono;
    local_seconds at{
        local_days{year{u.year} / month{static_cast<unsigned>(u.month)} / day{static_cast<unsigned>(u.day)}}};
    if (!u.is_date) at += hours{u.hour} + minutes{u.minute} + seconds{u.second};
    rule.until = Until{at, u.is_date != 0, u.is_date == 0 && icaltime_is_utc(u)};
  }

  rule.bySecond = checked(r.by_second, ICAL_BY_SECOND_SIZE, "BYSECOND", 0, 60);
  rule.byMinute = checked(r.by_minute, ICAL_BY_MINUTE_SIZE, "BYMINUTE", 0, 59);
  rule.byHour = checked(r.by_hour, ICAL_BY_HOUR_SIZE, "BYHOUR", 0, 23);
  rule.byMonthDay = checked(r.by_month_day, ICAL_BY_MONTHDAY_SIZE, "BYMONTHDAY", -31, 31);
  rule.byYearDay = checked(r.by_year_day, ICAL_BY_YEARDAY_SIZE, "BYYEARDAY", -366, 366);
  rule.byWeekNo = checked(r.by_week_no, ICAL_BY_WEEKNO_SIZE, "BYWEEKNO", -53, 53);
  rule.bySetPos = checked(r.by_set_pos, ICAL_BY_SETPOS_SIZE, "BYSETPOS", -366, 366);
  for (int m : values(r.by_month, ICAL_BY_MONTH_SIZE)) {
    if (icalrecurrencetype_month_is_leap(static_cast<short>(m)))
      invalid("leap months (BYMONTH=...L) belong to other calendars than the Gregorian");
  }
  rule.byMonth = checked(r.by_month, ICAL_BY_MONTH_SIZE, "BYMONTH", 1, 12);

  // RFC 5545 p. 44: the BY parts each FREQ may not have.
  const bool yearly = rule.freq == Frequency::Yearly;
  if (!rule.byWeekNo.empty() && !yearly) invalid("BYWEEKNO is only allowed with FREQ=YEARLY");
  if (!rule.byYearDay.empty() &&
      (rule.freq == Frequency::Daily || rule.freq == Frequency::Weekly || rule.freq == Frequency::Monthly))
    invalid("BYYEARDAY is not allowed with FREQ=DAILY, WEEKLY or MONTHLY");
  if (!rule.byMonthDay.empty() && rule.freq == Frequency::Weekly)
    invalid("BYMONTHDAY is not allowed with FREQ=WEEKLY");

  const bool ordinals = (yearly && rule.byWeekNo.empty()) || rule.freq == Frequency::Monthly;
  for (int i = 0; i < ICAL_BY_DAY_SIZE && r.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
    int wd = icalrecurrencetype_day_day_of_week(r.by_day[i]);
    if (wd < ICAL_SUNDAY_WEEKDAY || wd > ICAL_SATURDAY_WEEKDAY) invalid("BYDAY names no weekday");
    int pos = icalrecurrencetype_day_position(r.by_day[i]);
    if (pos < -53 || pos > 53) invalid("BYDAY has an ordinal outside -53 to 53");
    WeekdayNum d{ordinals ? pos : 0, static_cast<unsigned>(wd - 1)};
    if (std::find(rule.byDay.begin(), rule.byDay.end(), d) == rule.byDay.end()) rule.byDay.push_back(d);
  }
  if (r.week_start >= ICAL_SUNDAY_WEEKDAY && r.week_start <= ICAL_SATURDAY_WEEKDAY)
    rule.weekStart = static_cast<unsigned>(r.week_start - 1);
  return rule;
}

std::string RecurrenceRule::text() const {
  std::string out = "FREQ=";
  out += kFrequencies[static_cast<int>(freq)];
  if (interval != 1) out += ";INTERVAL=" + std::to_string(interval);
  if (count) out += ";COUNT=" + std::to_string(count);
  if (until) {
    using namespace std::chrono;
    local_days d = floor<days>(until->at);
    year_month_day ymd{d};
    hh_mm_ss<seconds> t{until->at - d};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    out += ";UNTIL=";
    out += buf;
    if (!until->isDate) {
      std::snprintf(buf, sizeof buf, "T%02d%02d%02d", static_cast<int>(t.hours().count()),
                    static_cast<int>(t.minutes().count()), static_cast<int>(t.seconds().count()));
      out += buf;
      if (until->isUtc) out += "Z";
    }
  }
  appendList(out, "BYSECOND", bySecond);
  appendList(out, "BYMINUTE", byMinute);
  appendList(out, "BYHOUR", byHour);
  if (!byDay.empty()) {
    out += ";BYDAY=";
    for (size_t i = 0; i < byDay.size(); ++i) {
      if (i) out += ",";
      if (byDay[i].ordinal) out += std::to_string(byDay[i].ordinal);
      out += kDays[byDay[i].weekday];
    }
  }
  appendList(out, "BYMONTHDAY", byMonthDay);
  appendList(out, "BYYEARDAY", byYearDay);
  appendList(out, "BYWEEKNO", byWeekNo);
  appendList(out, "BYMONTH", byMonth);
  appendList(out, "BYSETPOS", bySetPos);
  if (weekStart != 1) out += std::string(";WKST=") + kDays[weekStart];
  return out;
}

}  // namespace bookdav::caldav::ical
