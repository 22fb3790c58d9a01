#include "domain/booking/Schedule.h"

#include <gtest/gtest.h>

#include "caldav/ical/IcalZoneRules.h"
#include "domain/booking/LocalText.h"
#include "tests/domain/booking/Builders.h"

namespace bookdav::domain {
namespace {

using namespace std::chrono;
using namespace testing;
using caldav::ical::IcalZoneRules;

std::vector<Occurrence> expand(const Schedule& s, const Service& service, const char* from, const char* to) {
  LocalDays days(IcalZoneRules::instance());
  return occurrences(s, service, days, Interval{utc(from), utc(to)});
}

TEST(Schedule, WeeklyRuleKeepsLocalTimeAcrossDst) {
  Service service = yoga();
  Schedule s = mondays("yoga");
  s.rules[0].firstDate = date(2026, 3, 16);
  auto occ = expand(s, service, "2026-03-16T00:00:00Z", "2026-04-06T00:00:00Z");
  ASSERT_EQ(occ.size(), 3u);
  EXPECT_EQ(occ[0].time.start, utc("2026-03-16T19:00:00Z"));  // 20:00 CET
  EXPECT_EQ(occ[1].time.start, utc("2026-03-23T19:00:00Z"));
  EXPECT_EQ(occ[2].time.start, utc("2026-03-30T18:00:00Z"));  // 20:00 CEST
  EXPECT_EQ(occ[2].time.length(), minutes{60});
  EXPECT_EQ(originKey(occ[2].origin), "2026-03-30T20:00:00");
  EXPECT_EQ(occ[0].capacity, 10);
}

TEST(Schedule, CountIsCountedFromTheFirstDateEvenWhenTheRangeStartsLater) {
  Schedule s = mondays("yoga", 4);  // 2, 9, 16, 23 November
  auto occ = expand(s, yoga(), "2026-11-10T00:00:00Z", "2027-01-01T00:00:00Z");
  ASSERT_EQ(occ.size(), 2u);
  EXPECT_EQ(occ[0].origin, local(2026, 11, 16, 20));
  EXPECT_EQ(occ[1].origin, local(2026, 11, 23, 20));
}

TEST(Schedule, UntilIsInclusive) {
  Schedule s = mondays("yoga");
  s.rules[0].until = date(2026, 11, 16);
  auto occ = expand(s, yoga(), "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z");
  ASSERT_EQ(occ.size(), 3u);
  EXPECT_EQ(occ.back().origin, local(2026, 11, 16, 20));
}

TEST(Schedule, ExclusionsOverridesAndSingleDates) {
  Schedule s = mondays("yoga", 4);
  s.excluded.push_back(local(2026, 11, 9, 20));
  SessionOverride o;
  o.origin = local(2026, 11, 16, 20);
  o.start = local(2026, 11, 17, 18, 30);
  o.duration = minutes{90};
  o.capacity = 4;
  o.resourceIds = std::vector<std::string>{"studio-2"};
  s.overrides.push_back(o);
  s.dates.push_back(local(2026, 11, 28, 10));
  s.resourceIds = {"studio-1"};
  auto occ = expand(s, yoga(), "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z");
  ASSERT_EQ(occ.size(), 4u);  // 2, 16 (moved), 23, 28; not 9
  EXPECT_EQ(occ[0].origin, local(2026, 11, 2, 20));
  EXPECT_EQ(occ[1].origin, local(2026, 11, 16, 20));
  EXPECT_EQ(occ[1].time, (Interval{utc("2026-11-17T17:30:00Z"), utc("2026-11-17T19:00:00Z")}));
  EXPECT_EQ(occ[1].capacity, 4);
  EXPECT_EQ(occ[1].resourceIds, std::vector<std::string>{"studio-2"});
  EXPECT_EQ(occ[2].resourceIds, std::vector<std::string>{"studio-1"});
  EXPECT_EQ(occ[3].origin, local(2026, 11, 28, 10));
}

TEST(Schedule, ValidationRequiresAFiniteCourse) {
  Service course = spanish();
  Schedule s = mondays("spanish");
  EXPECT_TRUE(validate(s, course));
  s.rules[0].count = 8;
  EXPECT_FALSE(validate(s, course));
  EXPECT_FALSE(validate(mondays("yoga"), yoga()));
  EXPECT_TRUE(validate(mondays("haircut"), haircut()));  // appointments have no schedule
  Schedule empty;
  empty.serviceId = "yoga";
  EXPECT_TRUE(validate(empty, yoga()));
}

}  // namespace
}  // namespace bookdav::domain
