#include "caldav/ical/TimeZoneScreen.h"

#include <libical/ical.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/Component.h"
#include "caldav/ical/RecurrenceRule.h"
#include "caldav/ical/RuleDays.h"
#include "caldav/ical/RuleIterator.h"

namespace bookdav::caldav::ical {
namespace {

using namespace std::chrono;

[[noreturn]] void refuse(const std::string& zone, const std::string& why) {
  throw CalendarDataError(Precondition::ValidCalendarData, "the VTIMEZONE " + zone + " " + why);
}

// 2001 to 2028 hold every kind of year there is (leap or not, starting on each weekday), and a
// yearly rule made of BYMONTH, BYDAY and BYMONTHDAY only depends on the kind of year.
constexpr int kSampleFirst = 2001, kSampleLast = 2028;

// What a yearly rule gives in the sample years: all transitions, the most in one year, and that year.
struct Sample {
  size_t total = 0, most = 0;
  int mostYear = 0;
};

Sample walkSample(const RecurrenceRule& pattern, year_month_day dtstart) {
  RuleDays allowed(pattern, dtstart);
  ExpansionBudget budget(1000, std::chrono::milliseconds(1000));
  std::vector<DayNumber> found;
  Sample out;
  for (int y = kSampleFirst; y <= kSampleLast; ++y) {
    found.clear();
    allowed.between(local_days{year{y} / 1 / 1}.time_since_epoch().count(),
                    local_days{year{y + 1} / 1 / 1}.time_since_epoch().count(), found, budget);
    out.total += found.size();
    if (found.size() > out.most) {
      out.most = found.size();
      out.mostYear = y;
    }
  }
  return out;
}

// walkSample, remembered: every object of a calendar carries the same few zones, and each is screened
// when stored and when read. The sample depends on the rule and on DTSTART's month and day (the parts
// a rule without BYMONTH or BYMONTHDAY takes from it), not on DTSTART's year.
Sample sampleOf(const RecurrenceRule& pattern, year_month_day dtstart) {
  static std::mutex mutex;
  static std::unordered_map<std::string, Sample> known;
  constexpr size_t kMostRemembered = 4096;
  std::string key = pattern.text() + "/" + std::to_string(static_cast<unsigned>(dtstart.month())) + "/" +
                    std::to_string(static_cast<unsigned>(dtstart.day()));
  {
    std::lock_guard lock(mutex);
    if (auto it = known.find(key); it != known.end()) return it->second;
  }
  Sample sample = walkSample(pattern, dtstart);
  std::lock_guard lock(mutex);
  if (known.size() >= kMostRemembered) known.clear();
  known.emplace(std::move(key), sample);
  return sample;
}

// The transitions libical expands for one RRULE (at most: the most a year gives, from DTSTART's year up
// to UNTIL, COUNT or libical's last year). Throws for rules real zones do not use.
size_t ruleTransitions(const std::string& zone, const icalrecurrencetype& r, const icaltimetype& start) {
  RecurrenceRule rule;
  try {
    rule = RecurrenceRule::from(r);
  } catch (const InvalidRule& e) {
    refuse(zone, std::string("has an invalid RRULE: ") + e.what());
  }
  const std::string text = rule.text();
  if (rule.freq != Frequency::Yearly || rule.interval != 1)
    refuse(zone, "has the RRULE " + text + "; time zone rules repeat every year (FREQ=YEARLY)");
  if (!rule.bySecond.empty() || !rule.byMinute.empty() || !rule.byHour.empty() || !rule.byYearDay.empty() ||
      !rule.byWeekNo.empty() || !rule.bySetPos.empty())
    refuse(zone, "has the RRULE " + text +
                     "; time zone rules use only BYMONTH, BYDAY, BYMONTHDAY, UNTIL and COUNT");
  if (start.is_date) refuse(zone, "has a STANDARD or DAYLIGHT whose DTSTART is a date, not a local time");
  if (start.year < kFirstRuleYear)
    refuse(zone, "has an RRULE from the year " + std::to_string(start.year) + "; rules may start in " +
                     std::to_string(kFirstRuleYear) + " or later");
  // Some transition in the 28 kinds of year, and a few at most in any: libical then never searches
  // further than one such cycle for the next one. Zones made from tzdata have years with none (a rule
  // like "the Saturday among the 13th, 14th and 17th of April").
  RecurrenceRule pattern = rule;
  pattern.count = 0;
  pattern.until.reset();
  const Sample sample =
      sampleOf(pattern, year_month_day{year{start.year}, month{static_cast<unsigned>(start.month)},
                                       day{static_cast<unsigned>(start.day)}});
  if (sample.most > kMaxTransitionsPerYear)
    refuse(zone, "has the RRULE " + text + ", which gives " + std::to_string(sample.most) +
                     " transitions in " + std::to_string(sample.mostYear) +
                     "; a time zone rule gives about one a year");
  const size_t total = sample.total, most = sample.most;
  if (total == 0) refuse(zone, "has the RRULE " + text + ", which never gives a transition");
  int last = RuleIterator::kLastYear;
  if (rule.until) last = std::min(last, static_cast<int>(year_month_day{floor<days>(rule.until->at)}.year()));
  if (rule.count) last = std::min(last, start.year + std::min(rule.count, RuleIterator::kLastYear) - 1);
  return last >= start.year ? static_cast<size_t>(last - start.year + 1) * most : 0;
}

void screen(icalcomponent* vtimezone) {
  std::string zone = propertyText(vtimezone, "TZID").value_or("without TZID");
  size_t observances = 0, rdates = 0, transitions = 0;
  for (icalcomponent* o : childComponents(vtimezone)) {
    icalcomponent_kind kind = icalcomponent_isa(o);
    if (kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT) continue;
    if (++observances > kMaxObservances)
      refuse(zone, "has more than " + std::to_string(kMaxObservances) + " STANDARD and DAYLIGHT components");
    icalproperty* dtstart = icalcomponent_get_first_property(o, ICAL_DTSTART_PROPERTY);
    icaltimetype start = dtstart ? icalproperty_get_dtstart(dtstart) : icaltime_null_time();
    std::vector<icalproperty*> rules = properties(o, "RRULE");
    if (rules.empty()) ++transitions;
    for (icalproperty* rule : rules) {
      if (icaltime_is_null_time(start)) refuse(zone, "has an RRULE without DTSTART");
      transitions += ruleTransitions(zone, icalproperty_get_rrule(rule), start);
    }
    size_t own = properties(o, "RDATE").size();
    rdates += own;
    transitions += own;
    if (rdates > kMaxZoneRdates)
      refuse(zone, "has more than " + std::to_string(kMaxZoneRdates) + " RDATE values");
    if (transitions > kMaxTransitions)
      refuse(zone, "describes more than " + std::to_string(kMaxTransitions) + " transitions up to " +
                       std::to_string(RuleIterator::kLastYear));
  }
}

}  // namespace

void screenTimeZones(icalcomponent* root) {
  if (!root) return;
  if (icalcomponent_isa(root) == ICAL_VTIMEZONE_COMPONENT) {
    screen(root);
    return;
  }
  for (icalcomponent* z : childComponents(root, "VTIMEZONE")) screen(z);
}

}  // namespace bookdav::caldav::ical
