#include "caldav/ical/TimeZoneContext.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "caldav/ical/CalendarDataError.h"
#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace testing;

// America/New_York as Apple's calendar-timezone property carries it.
const char* kNewYork =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//iOS "
    "17//EN\r\nBEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"
    "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nDTSTART:"
    "20070311T020000\r\n"
    "TZNAME:EDT\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:-0400\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nDTSTART:20071104T020000\r\nTZNAME:EST\r\nTZOFFSETTO:-0500\r\n"
    "END:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n";

TEST(TimeZoneContext, ReadsFloatingTimesInACalendarTimezone) {
  initialize();
  TimeZoneContext ny = TimeZoneContext::fromVtimezoneText(kNewYork);
  EXPECT_EQ(ny.tzid(), "America/New_York");
  EXPECT_FALSE(ny.isUtc());
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:f\nDTSTART:20240309T100000\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n");
  EXPECT_THAT(instancesIn(cal, always(), &ny), ElementsAre("2024-03-09T15:00:00Z/2024-03-09T16:00:00Z",
                                                           "2024-03-10T14:00:00Z/2024-03-10T15:00:00Z"));
  // Copies share the zone; the zone outlives the original.
  TimeZoneContext copy = ny;
  { TimeZoneContext gone = std::move(ny); }
  EXPECT_THAT(instancesIn(cal, always(), &copy).front(), "2024-03-09T15:00:00Z/2024-03-09T16:00:00Z");
}

TEST(TimeZoneContext, UtcAndNamedZones) {
  initialize();
  EXPECT_TRUE(TimeZoneContext::utc().isUtc());
  EXPECT_EQ(TimeZoneContext::utc().tzid(), "UTC");
  ASSERT_TRUE(TimeZoneContext::named("Europe/Berlin"));
  EXPECT_EQ(TimeZoneContext::named("Europe/Berlin")->tzid(), "Europe/Berlin");
  EXPECT_TRUE(TimeZoneContext::named("UTC")->isUtc());
  EXPECT_FALSE(TimeZoneContext::named("Mars/Olympus"));
  EXPECT_FALSE(TimeZoneContext::named("../../etc/passwd"));
}

TEST(TimeZoneContext, RejectsWhatIsNotOneVtimezone) {
  initialize();
  const std::string noTzid =
      "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
      "TZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\nEND:VCALENDAR\n";
  const std::string noRules = "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:X\nEND:VTIMEZONE\nEND:VCALENDAR\n";
  const std::string two = std::string(kNewYork).insert(
      std::string(kNewYork).find("END:VCALENDAR"),
      "BEGIN:VTIMEZONE\r\nTZID:Y\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
      "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n");
  const std::string withEvent = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VEVENT\nEND:VCALENDAR\n";
  struct Case {
    std::string text;
    const char* message;
  };
  for (const Case& c :
       {Case{"", "empty"}, Case{"Europe/Berlin", "not an iCalendar VCALENDAR"}, Case{noTzid, "has no TZID"},
        Case{noRules, "neither STANDARD nor DAYLIGHT"}, Case{two, "exactly one VTIMEZONE, found 2"},
        Case{withEvent, "exactly one VTIMEZONE, found 0"}}) {
    try {
      TimeZoneContext::fromVtimezoneText(c.text);
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const CalendarDataError& e) {
      EXPECT_EQ(e.which, Precondition::ValidCalendarData);
      EXPECT_THAT(e.message, HasSubstr(c.message));
    }
  }
}

}  // namespace
}  // namespace bookdav::caldav::ical
