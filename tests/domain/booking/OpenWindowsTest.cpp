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

}  // namespace
}  // namespace bookdav::domain
