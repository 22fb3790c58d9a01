// SimpleRule must give exactly what libical's iterator gives.
#include "caldav/ical/SimpleRule.h"

#include <gtest/gtest.h>

#include "caldav/ical/Component.h"
#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::caldav::ical {
namespace {

std::vector<std::string> libicalSequence(const icalrecurrencetype& rule, icaltimetype start, size_t n) {
  std::vector<std::string> out;
  RecurIterator it(icalrecur_iterator_new(rule, start));
  for (size_t i = 0; i < n; ++i) {
    icaltimetype t = icalrecur_iterator_next(it.get());
    if (icaltime_is_null_time(t)) break;
    out.push_back(icaltime_as_ical_string(t));
  }
  return out;
}

std::vector<std::string> simpleSequence(SimpleRule rule, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    icaltimetype t = rule.next();
    if (icaltime_is_null_time(t)) break;
    out.push_back(icaltime_as_ical_string(t));
  }
  return out;
}

icaltimetype startIn(const char* value, const char* zone) {
  icaltimetype t = icaltime_from_string(value);
  if (zone) t.zone = IcalZoneRules::instance().builtin(zone);
  return t;
}

TEST(SimpleRule, MatchesLibicalOnManyRules) {
  initialize();
  const char* rules[] = {
      "FREQ=DAILY",
      "FREQ=DAILY;INTERVAL=3",
      "FREQ=DAILY;COUNT=10",
      "FREQ=DAILY;UNTIL=20240402T080000Z",
      "FREQ=DAILY;UNTIL=20240402",
      "FREQ=WEEKLY",
      "FREQ=WEEKLY;INTERVAL=2",
      "FREQ=WEEKLY;COUNT=7",
      "FREQ=WEEKLY;BYDAY=MO,WE,FR",
      "FREQ=WEEKLY;BYDAY=TU",
      "FREQ=WEEKLY;BYDAY=SU,SA;INTERVAL=3",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,SU;WKST=SU",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,SU;WKST=MO",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,FR;WKST=FR",
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=12",
      "FREQ=WEEKLY;BYDAY=SA;UNTIL=20240601T000000Z",
      "FREQ=WEEKLY;INTERVAL=4;BYDAY=WE;UNTIL=20250101",
  };
  struct Start {
    const char* value;
    const char* zone;
  };
  const Start starts[] = {
      {"20240305T100000", "Europe/Berlin"},
      {"20241027T000000", "Europe/Berlin"},
      {"20241027T013000", "America/New_York"},
      {"20240101T000000Z", nullptr},
      {"20240229T235959", nullptr},
      {"20240303", nullptr},
      {"20240107T090000", "Asia/Tokyo"},
  };
  int compared = 0;
  for (const char* text : rules) {
    icalrecurrencetype rule = icalrecurrencetype_from_string(text);
    for (const Start& s : starts) {
      icaltimetype start = startIn(s.value, s.zone);
      if (start.is_date && !icaltime_is_null_time(rule.until) && !rule.until.is_date) continue;
      std::optional<SimpleRule> simple = SimpleRule::from(rule, start);
      ASSERT_TRUE(simple) << text;
      EXPECT_EQ(simpleSequence(*simple, 400), libicalSequence(rule, start, 400))
          << text << " from " << s.value;
      ++compared;
    }
  }
  EXPECT_GT(compared, 100);
}

// libical's ICU-backed iterator moves 02:30 on the spring-forward day to 03:30, and then keeps
// 03:30 for the following occurrences of that week; the wall time 02:30 exists again on those days.
// SimpleRule keeps 02:30 (the gap day itself converts to the same instant, 01:30Z, either way).
TEST(SimpleRule, KeepsTheWallTimeAfterADaylightSavingGap) {
  initialize();
  icalrecurrencetype rule = icalrecurrencetype_from_string("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,SU;WKST=MO");
  icaltimetype start = startIn("20240330T023000", "Europe/Berlin");
  std::vector<std::string> ours = simpleSequence(*SimpleRule::from(rule, start), 3);
  EXPECT_EQ(ours, (std::vector<std::string>{"20240331T023000", "20240408T023000", "20240409T023000"}));
  std::vector<std::string> libicals = libicalSequence(rule, start, 3);
  EXPECT_EQ(libicals, (std::vector<std::string>{"20240331T033000", "20240408T033000", "20240409T023000"}));
}

TEST(SimpleRule, SkipLandsLikeLibicalSetStart) {
  initialize();
  const char* rules[] = {"FREQ=DAILY;INTERVAL=5", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,FR",
                         "FREQ=WEEKLY;BYDAY=SU;WKST=SU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,SU;WKST=SU"};
  for (const char* text : rules) {
    icalrecurrencetype rule = icalrecurrencetype_from_string(text);
    icaltimetype start = startIn("20100105T103000", "Europe/Berlin");
    std::optional<SimpleRule> simple = SimpleRule::from(rule, start);
    ASSERT_TRUE(simple);
    simple->skipTo(std::chrono::sys_days{std::chrono::year{2024} / 3 / 1});
    // Walk libical from the start and drop what comes before the skip's landing day.
    std::vector<std::string> all = libicalSequence(rule, start, 100000);
    std::vector<std::string> jumped = simpleSequence(*simple, 30);
    ASSERT_FALSE(jumped.empty());
    auto from = std::find(all.begin(), all.end(), jumped.front());
    ASSERT_NE(from, all.end()) << text;
    EXPECT_LE(jumped.front(), std::string("20240301T103000"))
        << text;  // no occurrence on or after the day is lost
    EXPECT_EQ(jumped, std::vector<std::string>(from, from + 30)) << text;
  }
}

TEST(SimpleRule, LeavesOtherRulesToLibical) {
  initialize();
  icaltimetype start = startIn("20240305T100000", "Europe/Berlin");
  for (const char* text :
       {"FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=HOURLY", "FREQ=DAILY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=1MO",
        "FREQ=WEEKLY;BYHOUR=10,12", "FREQ=WEEKLY;BYMONTH=3", "FREQ=DAILY;BYSETPOS=1"}) {
    EXPECT_FALSE(SimpleRule::from(icalrecurrencetype_from_string(text), start)) << text;
  }
}

}  // namespace
}  // namespace bookdav::caldav::ical
