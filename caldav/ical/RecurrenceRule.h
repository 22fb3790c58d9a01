// A recurrence rule (RFC 5545 §3.3.10) read from libical's parse of an RRULE or EXRULE value and
// checked: plain lists of the BY parts, as RuleIterator walks them. Internal to the recurrence engine.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct icalrecurrencetype;

namespace bookdav::caldav::ical {

enum class Frequency { Secondly, Minutely, Hourly, Daily, Weekly, Monthly, Yearly };

// One BYDAY entry: "MO" (ordinal 0: every Monday of the period), "2TU", "-1SU".
struct WeekdayNum {
  int ordinal = 0;
  unsigned weekday = 1;  // 0 = Sunday ... 6 = Saturday, as std::chrono::weekday::c_encoding()
  bool operator==(const WeekdayNum&) const = default;
};

// A rule that breaks RFC 5545 (or uses what bookdav does not implement: RSCALE other than
// GREGORIAN, SKIP, leap months). The message is a sentence about the rule.
class InvalidRule : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RecurrenceRule {
  // UNTIL as written: a DATE, a UTC DATE-TIME ("...Z"), or a floating DATE-TIME.
  struct Until {
    std::chrono::local_seconds at;  // its fields; a DATE is its midnight
    bool isDate = false;
    bool isUtc = false;
  };

  Frequency freq = Frequency::Daily;
  int interval = 1;
  int count = 0;  // 0: no COUNT
  std::optional<Until> until;
  std::vector<int> bySecond, byMinute, byHour;  // sorted, unique
  std::vector<WeekdayNum> byDay;                // ordinals only where RFC 5545 allows them
  std::vector<int> byMonthDay, byYearDay, byWeekNo, byMonth, bySetPos;
  unsigned weekStart = 1;  // WKST, Monday unless given

  // Throws InvalidRule. BYDAY ordinals where RFC 5545 forbids them (FREQ other than MONTHLY and
  // YEARLY, or YEARLY with BYWEEKNO) are read as plain weekdays, as libical does.
  static RecurrenceRule from(const icalrecurrencetype& rule);

  // The rule as RRULE text, for messages ("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30").
  std::string text() const;
};

}  // namespace bookdav::caldav::ical
