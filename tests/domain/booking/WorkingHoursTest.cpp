#include "domain/booking/WorkingHours.h"

#include <gtest/gtest.h>

#include "caldav/ical/IcalZoneRules.h"
#include "tests/domain/booking/Builders.h"

namespace bookdav::domain {
namespace {

using namespace std::chrono;
using namespace testing;
using caldav::ical::IcalZoneRules;

Intervals open(const WorkingHours& h, const char* from, const char* to) {
  LocalDays days(IcalZoneRules::instance());
  return openIntervals(h, kZone, days, Interval{utc(from), utc(to)});
}

TEST(WorkingHours, WeeklyRuleOnChosenDays) {
  WorkingHours h;
  h.weekly.push_back(WeeklyHours{Weekdays::mondayToFriday(), hm(9), hm(17), std::nullopt, std::nullopt});
  // 2026-12-05 is a Saturday: the week Mon 30 Nov .. Sun 6 Dec has five open days.
  Intervals got = open(h, "2026-11-30T00:00:00Z", "2026-12-07T00:00:00Z");
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], (Interval{utc("2026-11-30T08:00:00Z"), utc("2026-11-30T16:00:00Z")}));
  EXPECT_EQ(got[4], (Interval{utc("2026-12-04T08:00:00Z"), utc("2026-12-04T16:00:00Z")}));
}

TEST(WorkingHours, EffectiveDatesBoundTheRule) {
  WorkingHours h;
  h.weekly.push_back(WeeklyHours{Weekdays::everyDay(), hm(9), hm(12), date(2026, 12, 2), date(2026, 12, 3)});
  Intervals got = open(h, "2026-11-30T00:00:00Z", "2026-12-07T00:00:00Z");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].start, utc("2026-12-02T08:00:00Z"));
  EXPECT_EQ(got[1].start, utc("2026-12-03T08:00:00Z"));
}

TEST(WorkingHours, ExtraHoursAddAndMergeWithWeeklyHours) {
  WorkingHours h = everyDay(hm(9), hm(12));
  h.extra.push_back(ExtraHours{date(2026, 12, 1), hm(12), hm(15)});  // touches the morning: one span
  h.extra.push_back(ExtraHours{date(2026, 12, 1), hm(18), hm(20)});
  Intervals got = open(h, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], (Interval{utc("2026-12-01T08:00:00Z"), utc("2026-12-01T14:00:00Z")}));
  EXPECT_EQ(got[1], (Interval{utc("2026-12-01T17:00:00Z"), utc("2026-12-01T19:00:00Z")}));
}

TEST(WorkingHours, ClosuresWinOverEverything) {
  WorkingHours h = everyDay(hm(9), hm(17));
  h.extra.push_back(ExtraHours{date(2026, 12, 2), hm(18), hm(20)});
  h.closed.push_back(Closure::days(date(2026, 12, 2), date(2026, 12, 2), "day off"));
  h.closed.push_back(Closure{local(2026, 12, 3, 12), local(2026, 12, 3, 13), "dentist"});
  Intervals got = open(h, "2026-12-01T00:00:00Z", "2026-12-04T00:00:00Z");
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].start, utc("2026-12-01T08:00:00Z"));
  EXPECT_EQ(got[1], (Interval{utc("2026-12-03T08:00:00Z"), utc("2026-12-03T11:00:00Z")}));
  EXPECT_EQ(got[2], (Interval{utc("2026-12-03T12:00:00Z"), utc("2026-12-03T16:00:00Z")}));
}

TEST(WorkingHours, OpenAllDayLasts25HoursWhenClocksFallBack) {
  // Berlin 2026-10-25: 03:00 CEST becomes 02:00 CET.
  Intervals got = open(everyDay(hm(0), hm(24)), "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].length(), hours{25});
}

TEST(WorkingHours, OpenAllDayLasts23HoursWhenClocksSpringForward) {
  // Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST.
  Intervals got = open(everyDay(hm(0), hm(24)), "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].length(), hours{23});
}

TEST(WorkingHours, NineToFiveKeepsWallClockAcrossDst) {
  Intervals got = open(everyDay(hm(9), hm(17)), "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].start, utc("2026-03-28T08:00:00Z"));  // CET
  EXPECT_EQ(got[1].start, utc("2026-03-29T07:00:00Z"));  // CEST
  EXPECT_EQ(got[1].length(), hours{8});
}

TEST(WorkingHours, ValidationNamesTheProblem) {
  WorkingHours h = everyDay(hm(9), hm(17));
  EXPECT_FALSE(validate(h));
  h.weekly[0].end = hm(8);
  EXPECT_TRUE(validate(h));
  h = everyDay(hm(9), hm(25));
  EXPECT_TRUE(validate(h));
  h = WorkingHours{};
  h.weekly.push_back(WeeklyHours{Weekdays{}, hm(9), hm(10), std::nullopt, std::nullopt});
  EXPECT_EQ(validate(h), "a weekly rule names no weekday");
  h = WorkingHours{};
  h.closed.push_back(Closure{local(2026, 12, 3, 13), local(2026, 12, 3, 12), ""});
  EXPECT_EQ(validate(h), "a closure must start before it ends");
}

TEST(WorkingHours, IsAPlainValueWithEquality) {
  WorkingHours a = everyDay(hm(9), hm(17));
  a.extra.push_back(ExtraHours{date(2026, 12, 19), hm(10), hm(14)});
  a.closed.push_back(Closure::days(date(2026, 12, 24), date(2026, 12, 26), "Christmas"));
  WorkingHours b = a;
  EXPECT_EQ(a, b);
  b.closed[0].note = "Xmas";
  EXPECT_NE(a, b);
  EXPECT_EQ(a.weekly[0].days.list().size(), 7u);
  EXPECT_EQ(Weekdays::mondayToFriday().list().front(), Monday);
}

}  // namespace
}  // namespace bookdav::domain
