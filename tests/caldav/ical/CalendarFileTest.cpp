#include "caldav/ical/CalendarFile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "caldav/ical/CalendarObject.h"
#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const domain::FixedClock kClock(*domain::parseRfc3339("2024-05-01T12:00:00Z"));

const char* kBerlin =
    "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\nBEGIN:DAYLIGHT\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\n"
    "DTSTART:19700329T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nEND:DAYLIGHT\nBEGIN:STANDARD\n"
    "TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nDTSTART:19701025T030000\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nEND:STANDARD\nEND:VTIMEZONE\n";

std::vector<std::string> storedObjects() {
  initialize();
  const std::string bodies[] = {
      std::string(kBerlin) +
          "BEGIN:VEVENT\nUID:weekly\nDTSTART;TZID=Europe/Berlin:20240305T100000\nDURATION:PT1H\n"
          "RRULE:FREQ=WEEKLY;COUNT=4\nSUMMARY:Yoga\\, beginners\nDESCRIPTION:Bring a mat;\\nwater\n"
          "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:soon\nTRIGGER:-PT15M\nEND:VALARM\nEND:VEVENT\n"
          "BEGIN:VEVENT\nUID:weekly\nRECURRENCE-ID;TZID=Europe/Berlin:20240312T100000\n"
          "DTSTART;TZID=Europe/Berlin:20240312T120000\nDURATION:PT1H\nSUMMARY:Yoga (moved)\nEND:VEVENT\n",
      std::string(kBerlin) +
          "BEGIN:VEVENT\nUID:single\nDTSTART;TZID=Europe/Berlin:20240401T090000\n"
          "DTEND;TZID=Europe/Berlin:20240401T093000\nSUMMARY:Haircut with Zoë\nEND:VEVENT\n",
      "BEGIN:VEVENT\nUID:allday\nDTSTART;VALUE=DATE:20240501\nDTEND;VALUE=DATE:20240502\nSUMMARY:Holiday\n"
      "END:VEVENT\n",
      "BEGIN:VTODO\nUID:todo\nDUE:20240110T120000Z\nSUMMARY:Call back\nEND:VTODO\n",
  };
  std::vector<std::string> texts;
  for (const std::string& body : bodies)
    texts.push_back(parseObject("BEGIN:VCALENDAR\nVERSION:2.0\n" + body + "END:VCALENDAR\n",
                                AllowedComponents::all(), testing::roomyBudget(), kClock)
                        .text);
  return texts;
}

TEST(CalendarFile, ExportThenImportGivesTheSameObjects) {
  std::vector<std::string> objects = storedObjects();
  std::string file = mergeForExport(objects, "Studio; Yoga, Pilates");
  EXPECT_THAT(file, HasSubstr("X-WR-CALNAME:Studio\\; Yoga\\, Pilates\r\n"));
  EXPECT_EQ(file.find("BEGIN:VTIMEZONE"), file.rfind("BEGIN:VTIMEZONE"));  // once, though two objects have it
  std::vector<SplitObject> split = splitForImport(file);
  ASSERT_EQ(split.size(), objects.size());
  const char* uids[] = {"weekly", "single", "allday", "todo"};
  const char* types[] = {"VEVENT", "VEVENT", "VEVENT", "VTODO"};
  for (size_t i = 0; i < objects.size(); ++i) {
    EXPECT_EQ(split[i].uid, uids[i]);
    EXPECT_EQ(split[i].componentType, types[i]);
    ParsedObject again = parseObject(split[i].text, AllowedComponents::all(), testing::roomyBudget(), kClock);
    EXPECT_EQ(again.text, objects[i]) << uids[i];
  }
}

TEST(CalendarFile, ExportAddsBuiltinZonesWithPlainTzids) {
  initialize();
  std::string object = parseObject(
                           "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:ny\nDTSTART;TZID=America/"
                           "New_York:20240310T100000\n"
                           "DURATION:PT1H\nEND:VEVENT\nEND:VCALENDAR\n",
                           AllowedComponents::all(), testing::roomyBudget(), kClock)
                           .text;
  std::string file = mergeForExport(std::span(&object, 1), "");
  EXPECT_THAT(file, HasSubstr("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"));
  EXPECT_THAT(file, Not(HasSubstr("freeassociation")));
  EXPECT_THAT(file, Not(HasSubstr("X-WR-CALNAME")));
  std::vector<SplitObject> split = splitForImport(file);
  ASSERT_EQ(split.size(), 1u);
  EXPECT_THAT(split[0].text, HasSubstr("TZID:America/New_York\r\n"));
  EXPECT_NO_THROW(parseObject(split[0].text, AllowedComponents::all(), testing::roomyBudget(), kClock));
}

TEST(CalendarFile, ImportGroupsOverridesAndCopiesZonesEachObjectNeeds) {
  std::string file =
      "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\nMETHOD:PUBLISH\n"
      "X-WR-CALNAME:Work\n" +
      std::string(kBerlin) +
      "BEGIN:VEVENT\nUID:a\nRECURRENCE-ID;TZID=Europe/Berlin:20240312T100000\nDTSTART;TZID=Europe/"
      "Berlin:20240312T120000\n"
      "DURATION:PT1H\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:b\nDTSTART:20240101T100000Z\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Europe/"
      "Berlin:20240305T100000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n"
      "END:VCALENDAR\n"
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTODO\nUID:c\nEND:VTODO\nEND:VCALENDAR\n";
  std::vector<SplitObject> split = splitForImport(file);
  ASSERT_EQ(split.size(), 3u);
  EXPECT_EQ(split[0].uid, "a");
  EXPECT_EQ(split[0].line, 23u);
  EXPECT_THAT(split[0].text, HasSubstr("PRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"));
  EXPECT_THAT(split[0].text, Not(HasSubstr("METHOD")));
  EXPECT_THAT(split[0].text, HasSubstr("TZID:Europe/Berlin\r\n"));
  EXPECT_EQ(split[0].text.find("BEGIN:VEVENT"), split[0].text.find("BEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID"));
  EXPECT_THAT(split[1].text, Not(HasSubstr("VTIMEZONE")));  // b names no zone
  EXPECT_EQ(split[2].componentType, "VTODO");
  for (const SplitObject& o : split)
    EXPECT_NO_THROW(parseObject(o.text, AllowedComponents::all(), testing::roomyBudget(), kClock)) << o.uid;

  // An error inside an object maps back to the file's line.
  std::string bad =
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART:20240101T100000Z\n"
      "DTEND:20240101T090000Z\nEND:VEVENT\nEND:VCALENDAR\n";
  SplitObject one = splitForImport(bad).front();
  try {
    parseObject(one.text, AllowedComponents::all(), testing::roomyBudget(), kClock);
    FAIL();
  } catch (const CalendarDataError& e) {
    EXPECT_EQ(e.message, "line 7: DTEND is before DTSTART");
    EXPECT_EQ(one.fileLine(7), 6u);
  }
}

void expectFileError(const std::string& text, size_t line, const std::string& message) {
  try {
    splitForImport(text);
    ADD_FAILURE() << "accepted: " << text.substr(0, 60);
  } catch (const CalendarFileError& e) {
    EXPECT_EQ(e.line, line) << e.what();
    EXPECT_THAT(e.message, HasSubstr(message));
  }
}

TEST(CalendarFile, BadFilesSayWhichLine) {
  expectFileError("", 1, "empty");
  expectFileError("hello\n", 1, "expected NAME:VALUE");
  expectFileError("X-FOO:bar\nBEGIN:VCALENDAR\nEND:VCALENDAR\n", 1, "expected BEGIN:VCALENDAR");
  expectFileError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VTODO\nEND:VCALENDAR\n", 4,
                  "END:VTODO does not close BEGIN:VEVENT from line 2");
  expectFileError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nthis is not a property\nEND:VEVENT\nEND:VCALENDAR\n",
                  4, "expected NAME:VALUE");
  expectFileError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\n", 4,
                  "the file ends inside VEVENT begun on line 2");
  expectFileError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20240101T100000Z\nEND:VEVENT\nEND:VCALENDAR\n", 2,
                  "VEVENT has no UID");
  expectFileError(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VEVENT\nBEGIN:VTODO\nUID:a\nEND:VTODO\nEND:VCALENDAR\n", 5,
      "UID \"a\" is used by a VEVENT (line 2) and by this VTODO");
  expectFileError("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY;CN=\"x:y\n", 4, "not closed");
  expectFileError("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR\n", 3, "expected BEGIN:VCALENDAR");
  expectFileError(std::string("BEGIN:VCALENDAR\nX-BIN:\x01\x02\xff\nEND:VCALENDAR\n"), 2, "UTF-8");
}

}  // namespace
}  // namespace bookdav::caldav::ical
