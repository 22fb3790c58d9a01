#include "caldav/ical/Recurrence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

using ::testing::ElementsAre;
using namespace testing;

TEST(Recurrence, WeeklyBerlinAcrossMarchChange) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:w\nDTSTART;TZID=Europe/Berlin:20240319T100000\n"
      "DTEND;TZID=Europe/Berlin:20240319T110000\nRRULE:FREQ=WEEKLY;COUNT=4\nEND:VEVENT\n");
  EXPECT_THAT(instancesIn(cal, always()),
              ElementsAre("2024-03-19T09:00:00Z/2024-03-19T10:00:00Z", "2024-03-26T09:00:00Z/2024-03-26T10:00:00Z",
                          "2024-04-02T08:00:00Z/2024-04-02T09:00:00Z", "2024-04-09T08:00:00Z/2024-04-09T09:00:00Z"));
}

}  // namespace
}  // namespace bookdav::caldav::ical
