#include "domain/booking/OpenWindows.h"

#include <gtest/gtest.h>

#include "caldav/ical/IcalZoneRules.h"
#include "tests/domain/booking/Builders.h"

namespace bookdav::domain {
namespace {

using caldav::ical::IcalZoneRules;
using testing::utc;

Slot slot(const char* start, const char* end, bool bookable = true, bool waitlist = false) {
  Slot s;
  s.time = {utc(start), utc(end)};
  s.bookable = bookable;
  s.waitlist = waitlist;
  return s;
}

std::vector<Interval> windowsOf(const std::vector<Slot>& slots, const char* zone = "Europe/Madrid") {
  LocalDays days(IcalZoneRules::instance());
  return openWindows(slots, days, zone);
}

TEST(OpenWindowsTest, OverlappingAndTouchingSlotsOfAnyStaffMakeOneWindow) {
  // 30-minute slots every 15 minutes (09:00-10:00 Madrid) from two stylists, then a gap, then one more.
  auto w = windowsOf({slot("2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z"),
                      slot("2026-12-01T08:15:00Z", "2026-12-01T08:45:00Z"),
                      slot("2026-12-01T08:30:00Z", "2026-12-01T09:00:00Z"),
                      slot("2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z"),
                      slot("2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z")});
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0], (Interval{utc("2026-12-01T08:00:00Z"), utc("2026-12-01T09:30:00Z")}));
  EXPECT_EQ(w[1], (Interval{utc("2026-12-01T11:00:00Z"), utc("2026-12-01T11:30:00Z")}));
}

TEST(OpenWindowsTest, SlotsThatCannotBeBookedOrOnlyWaitlistedAreNotOpen) {
  auto w = windowsOf({slot("2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z", false),
                      slot("2026-12-01T08:30:00Z", "2026-12-01T09:00:00Z", true, true),
                      slot("2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z")});
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].start, utc("2026-12-01T09:00:00Z"));
}

TEST(OpenWindowsTest, AWindowIsCutAtTheZonesLocalMidnight) {
  // 22:00-02:00 Madrid (UTC+1) is two windows: until local midnight (23:00Z) and from it.
  auto w = windowsOf({slot("2026-12-01T21:00:00Z", "2026-12-02T01:00:00Z")});
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0], (Interval{utc("2026-12-01T21:00:00Z"), utc("2026-12-01T23:00:00Z")}));
  EXPECT_EQ(w[1], (Interval{utc("2026-12-01T23:00:00Z"), utc("2026-12-02T01:00:00Z")}));
}

TEST(OpenWindowsTest, EveryWindowStartIsOnTheDaysSlotGrid) {
  Service s;
  s.timeZone = "Europe/Madrid";
  s.duration = std::chrono::minutes{30};
  s.policy.slotGranularity = std::chrono::minutes{15};
  LocalDays days(IcalZoneRules::instance());
  auto starts = windowStartsOfDay(s, days, std::chrono::year_month_day{std::chrono::year{2026} / 12 / 1});
  ASSERT_EQ(starts.size(), 96u);
  EXPECT_EQ(starts.front(), utc("2026-11-30T23:00:00Z"));
  EXPECT_EQ(starts.back(), utc("2026-12-01T22:45:00Z"));
  // the autumn change day has 25 hours: 100 quarter hours
  auto autumn = windowStartsOfDay(s, days, std::chrono::year_month_day{std::chrono::year{2026} / 10 / 25});
  EXPECT_EQ(autumn.size(), 100u);
}

Service hourlyWithNotice() {
  Service s;
  s.timeZone = "Europe/Madrid";
  s.duration = std::chrono::minutes{30};
  s.policy.slotGranularity = std::chrono::minutes{60};
  s.policy.minimumNotice = std::chrono::minutes{90};
  s.policy.maximumHorizon = std::chrono::hours{24 * 7};
  return s;
}

TEST(OpenWindowsTest, TheTimeVersionIsWhenTheLastSlotBecameTooEarlyOrEnteredTheReach) {
  const Service s = hourlyWithNotice();
  LocalDays days(IcalZoneRules::instance());
  // Slots start on the hour (Madrid, UTC+1 in December, so on the UTC hour too). The 11:00Z slot
  // stops being bookable after 09:30Z (90 minutes' notice); the slot a week ahead enters on the hour.
  EXPECT_EQ(windowsTimeVersion(s, days, utc("2026-12-01T09:40:00Z")), utc("2026-12-01T09:30:01Z"));
  EXPECT_EQ(windowsTimeVersion(s, days, utc("2026-12-01T10:10:00Z")), utc("2026-12-01T10:00:00Z"));
  EXPECT_EQ(windowsTimeVersion(s, days, utc("2026-12-01T10:00:00Z")), utc("2026-12-01T10:00:00Z"));
  // The version stands still between two such instants: the windows cannot have changed with time.
  EXPECT_EQ(windowsTimeVersion(s, days, utc("2026-12-01T10:29:59Z")), utc("2026-12-01T10:00:00Z"));
  EXPECT_EQ(windowsTimeVersion(s, days, utc("2026-12-01T10:30:00Z")), utc("2026-12-01T10:00:00Z"));
  EXPECT_EQ(windowsTimeVersion(s, days, utc("2026-12-01T10:30:01Z")), utc("2026-12-01T10:30:01Z"));
}

TEST(OpenWindowsTest, TheTimeVersionNeverLiesAhead) {
  Service s = hourlyWithNotice();
  s.policy.minimumNotice = std::chrono::minutes{0};
  s.policy.maximumHorizon.reset();
  LocalDays days(IcalZoneRules::instance());
  for (const char* t : {"2026-12-01T10:00:00Z", "2026-12-01T10:00:01Z", "2026-12-01T23:59:59Z"}) {
    EXPECT_LE(windowsTimeVersion(s, days, utc(t)), utc(t)) << t;
    EXPECT_GT(windowsTimeVersion(s, days, utc(t)), utc(t) - std::chrono::minutes{60}) << t;
  }
}

}  // namespace
}  // namespace bookdav::domain
