// Calendar objects from clients hold only valid text (RFC 5545 3.1 and what XML answers can carry):
// a refusal names the line, and nothing else of the object matters.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>

#include "caldav/ical/CalendarObject.h"
#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

const domain::FixedClock kClock(*domain::parseRfc3339("2024-05-01T12:00:00Z"));

std::string objectWith(std::string_view summary) {
  return testing::vcalendar(
      "BEGIN:VEVENT\nUID:a\nDTSTAMP:20240101T000000Z\nDTSTART:20240101T100000Z\nSUMMARY:" +
      std::string(summary) + "\nEND:VEVENT\n");
}

TEST(IncomingText, ControlCharactersAreInvalidCalendarDataWithTheLine) {
  initialize();
  for (const char* bad : {"\x01", "esc\x1B[0m", "del\x7F", "ff\x0C", "\xEF\xBF\xBF", "\xC3", "nul\0"}) {
    std::string text = objectWith(std::string(bad, bad[0] == 'n' ? 4 : std::strlen(bad)));
    try {
      ExpansionBudget budget = ExpansionBudget::forWrite();
      parseObject(text, AllowedComponents::all(), budget, kClock);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const CalendarDataError& e) {
      EXPECT_EQ(e.which, Precondition::ValidCalendarData) << bad;
      EXPECT_THAT(e.message, ::testing::StartsWith("line 8: ")) << bad;
    }
  }
  ExpansionBudget budget = ExpansionBudget::forWrite();
  ParsedObject ok = parseObject(objectWith("tab\tand Peluquería"), AllowedComponents::all(), budget, kClock);
  EXPECT_THAT(ok.text, ::testing::HasSubstr("SUMMARY:tab\tand Peluquería"));
}

}  // namespace
}  // namespace bookdav::caldav::ical
