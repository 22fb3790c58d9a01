#include "caldav/ical/CalendarObject.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const domain::FixedClock kClock(*domain::parseRfc3339("2024-05-01T12:00:00Z"));

ParsedObject parse(std::string_view text, const AllowedComponents& allowed = AllowedComponents::all()) {
  initialize();
  return parseObject(text, allowed, testing::roomyBudget(), kClock);
}

struct Bad {
  const char* name;
  std::string text;
  Precondition which;
  const char* message;
};

std::string event(std::string_view extra = "") {
  return "BEGIN:VEVENT\nUID:a\nDTSTAMP:20240101T000000Z\nDTSTART:20240101T100000Z\n" + std::string(extra) +
         "END:VEVENT\n";
}

TEST(CalendarObject, RejectsACorpusOfBadInputs) {
  std::string binary;
  std::mt19937 random(42);
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>(random() & 0xFF);
  const Bad corpus[] = {
      {"empty", "", Precondition::ValidCalendarData, "empty"},
      {"blank", " \r\n\r\n", Precondition::ValidCalendarData, "empty"},
      {"prose", "hello world\n", Precondition::ValidCalendarData, "line 1: expected NAME:VALUE"},
      {"vcard", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n", Precondition::ValidCalendarData,
       "line 1: a calendar object starts with BEGIN:VCALENDAR"},
      {"two uids",
       testing::vcalendar(event() + "BEGIN:VEVENT\nUID:b\nDTSTART:20240102T100000Z\nEND:VEVENT\n"),
       Precondition::ValidCalendarObjectResource, "line 10: UID \"b\" differs from \"a\""},
      {"method", "BEGIN:VCALENDAR\nVERSION:2.0\nMETHOD:REQUEST\n" + event() + "END:VCALENDAR\n",
       Precondition::ValidCalendarObjectResource, "line 3: METHOD"},
      {"event and todo", testing::vcalendar(event() + "BEGIN:VTODO\nUID:a\nEND:VTODO\n"),
       Precondition::ValidCalendarObjectResource,
       "line 9: a calendar object holds one component type, but VTODO follows VEVENT"},
      {"truncated", "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:2024",
       Precondition::ValidCalendarData, "line 5: DTSTART is not"},
      {"cut after a line", "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20240101T100000Z\n",
       Precondition::ValidCalendarData, "line 5: the text ends inside VEVENT begun on line 3"},
      {"binary garbage", binary, Precondition::ValidCalendarData, "line "},
      {"nul byte", "BEGIN:VCALENDAR\nVERSION:2.0\nX-A:a" + std::string(1, '\0') + "b\nEND:VCALENDAR\n",
       Precondition::ValidCalendarData, "line 3: contains a NUL byte"},
      {"latin-1", testing::vcalendar(event("SUMMARY:caf\xE9\n")), Precondition::ValidCalendarData,
       "line 8: is not valid UTF-8"},
      {"huge line", "BEGIN:VCALENDAR\n" + std::string(3 << 20, 'A') + "\nEND:VCALENDAR\n",
       Precondition::ValidCalendarData, "line 2: expected NAME:VALUE"},
      {"no uid", testing::vcalendar("BEGIN:VEVENT\nDTSTART:20240101T100000Z\nEND:VEVENT\n"),
       Precondition::ValidCalendarObjectResource, "line 4: VEVENT has no UID"},
      {"bad dtstart", testing::vcalendar("BEGIN:VEVENT\nUID:a\nDTSTART:2024-13-01T10:00\nEND:VEVENT\n"),
       Precondition::ValidCalendarData, "line 6: DTSTART is not a date-time"},
      {"bad rrule", testing::vcalendar(event("RRULE:FREQ=SOMETIMES\n")), Precondition::ValidCalendarData,
       "line 8: RRULE cannot be read"},
      {"illegal rrule", testing::vcalendar(event("RRULE:FREQ=DAILY;BYWEEKNO=3\n")),
       Precondition::ValidCalendarData, "line 8: RRULE is not a valid recurrence rule"},
      {"unknown tzid",
       testing::vcalendar("BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Mars/Olympus:20240101T100000\nEND:VEVENT\n"),
       Precondition::ValidCalendarData, "line 6: TZID \"Mars/Olympus\""},
      {"version 1", "BEGIN:VCALENDAR\nVERSION:1.0\n" + event() + "END:VCALENDAR\n",
       Precondition::ValidCalendarData, "line 2: VERSION is 1.0"},
      {"end mismatch", "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nEND:VTODO\nEND:VCALENDAR\n",
       Precondition::ValidCalendarData, "line 5: END:VTODO does not close BEGIN:VEVENT from line 3"},
      {"two masters", testing::vcalendar(event() + event()), Precondition::ValidCalendarObjectResource,
       "line 9: a second VEVENT without RECURRENCE-ID"},
      {"same override twice",
       testing::vcalendar(event() +
                          "BEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20240102T100000Z\nDTSTART:20240102T100000Z\n"
                          "END:VEVENT\nBEGIN:VEVENT\nUID:a\nRECURRENCE-ID:20240102T100000Z\n"
                          "DTSTART:20240102T110000Z\nEND:VEVENT\n"),
       Precondition::ValidCalendarObjectResource, "RECURRENCE-ID 20240102T100000Z is overridden twice"},
      {"end before start", testing::vcalendar(event("DTEND:20240101T090000Z\n")),
       Precondition::ValidCalendarData, "line 8: DTEND is before DTSTART"},
      {"dtend and duration", testing::vcalendar(event("DTEND:20240101T110000Z\nDURATION:PT1H\n")),
       Precondition::ValidCalendarData, "has both DTEND and DURATION"},
      {"date and date-time", testing::vcalendar(event("DTEND;VALUE=DATE:20240102\n")),
       Precondition::ValidCalendarData, "DTEND must be a date-time like DTSTART"},
      {"no dtstart", testing::vcalendar("BEGIN:VEVENT\nUID:a\nSUMMARY:x\nEND:VEVENT\n"),
       Precondition::ValidCalendarData, "line 4: VEVENT has no DTSTART"},
      {"only a timezone",
       testing::vcalendar(
           "BEGIN:VTIMEZONE\nTZID:X\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\n"
           "TZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n"),
       Precondition::ValidCalendarObjectResource, "holds no VEVENT"},
      {"text after end", testing::vcalendar(event()) + "BEGIN:VCALENDAR\nEND:VCALENDAR\n",
       Precondition::ValidCalendarData, "line 10: text follows END:VCALENDAR"},
      {"alarm at top",
       testing::vcalendar("BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT5M\nEND:VALARM\n" + event()),
       Precondition::ValidCalendarData, "line 4: VALARM cannot stand directly inside VCALENDAR"},
      {"unknown component", testing::vcalendar("BEGIN:VMEETING\nUID:a\nEND:VMEETING\n"),
       Precondition::ValidCalendarData, "VMEETING is not an iCalendar component"},
      {"bad duration", testing::vcalendar(event("DURATION:1 hour\n")), Precondition::ValidCalendarData,
       "line 8: DURATION is not a duration"},
      {"bad period", testing::vcalendar(event("RDATE;VALUE=PERIOD:20240105T100000Z/tomorrow\n")),
       Precondition::ValidCalendarData, "line 8: RDATE is not a period"},
      {"unclosed quote", testing::vcalendar(event("ATTENDEE;CN=\"Ana:mailto:ana@example.com\n")),
       Precondition::ValidCalendarData, "line 8: a quoted parameter value of ATTENDEE is not closed"},
      {"lonely continuation", " BEGIN:VCALENDAR\n", Precondition::ValidCalendarData,
       "line 1: starts with a space"},
  };
  for (const Bad& bad : corpus) {
    try {
      parse(bad.text);
      ADD_FAILURE() << bad.name << ": accepted";
    } catch (const CalendarDataError& e) {
      EXPECT_EQ(e.which, bad.which) << bad.name << ": " << e.message;
      EXPECT_THAT(e.message, HasSubstr(bad.message)) << bad.name;
    }
  }
}

TEST(CalendarObject, UnsupportedComponentNamesTheAcceptedOnes) {
  try {
    parse(testing::vcalendar("BEGIN:VTODO\nUID:t\nEND:VTODO\n"), AllowedComponents{"VEVENT"});
    FAIL();
  } catch (const CalendarDataError& e) {
    EXPECT_EQ(e.which, Precondition::SupportedCalendarComponent);
    EXPECT_EQ(e.message, "line 4: VTODO is not accepted by this calendar (it takes VEVENT)");
  }
}

// Everything libical prints must be valid iCalendar as RFC 5545 writes it.
void expectServable(const std::string& text) {
  EXPECT_THAT(text, Not(HasSubstr("X-LIC-ERROR")));
  EXPECT_THAT(text, Not(HasSubstr("freeassociation")));
  size_t lineStart = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ASSERT_GT(i, 0u);
      ASSERT_EQ(text[i - 1], '\r') << "bare LF at " << i;
      EXPECT_LE(i - 1 - lineStart, 75u) << text.substr(lineStart, i - lineStart);
      lineStart = i + 1;
    }
  }
  EXPECT_EQ(lineStart, text.size()) << "no CRLF at the end";
}

TEST(CalendarObject, AcceptsWhatRealClientsSend) {
  std::string apple =
      "\xEF\xBB\xBF"
      "begin:vcalendar\n"
      "prodid:-//Apple Inc.//Mac OS X 10.15//EN\n"
      "calscale:gregorian\n"
      "begin:vevent\n"
      "uid:Apple-1\n"
      "dtstart;tzid=Europe/Berlin:20240101T100000\n"
      "dtend;tzid=Europe/Berlin:20240101T110000\n"
      "summary:Kaffee mit Zoë – ein längerer Titel, der über die Grenze von fünfundsiebzig Oktetten "
      "hinausgeht\n"
      "X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-ADDRESS=\"Unter den Linden 1, Berlin\";X-TITLE=\"Café: "
      "Mitte\":geo:52.5,13.4\n"
      "ATTENDEE;CN=\"Ana, Staff\";CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ana@example.com\n"
      "ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=text/plain:SGVsbG8gd29ybGQ=\n"
      "X-MOZ-GENERATION:3\n"
      "x-lower-case;x-param=Keep Value:kept\n"
      "begin:valarm\n"
      "action:DISPLAY\n"
      "trigger:-PT15M\n"
      "description:Reminder\n"
      "end:valarm\n"
      "end:vevent\n"
      "end:vcalendar\n";
  ParsedObject o = parse(apple);
  EXPECT_EQ(o.uid, "Apple-1");
  EXPECT_EQ(o.componentType, "VEVENT");
  expectServable(o.text);
  EXPECT_THAT(o.text, HasSubstr("VERSION:2.0\r\n"));
  EXPECT_THAT(o.text, HasSubstr("DTSTAMP:20240501T120000Z\r\n"));
  EXPECT_THAT(o.text, HasSubstr("BEGIN:VALARM\r\n"));
  EXPECT_THAT(o.text, HasSubstr("ATTACH;"));
  EXPECT_THAT(o.text, HasSubstr("X-MOZ-GENERATION:3\r\n"));
  EXPECT_THAT(o.text, HasSubstr("X-LOWER-CASE;X-PARAM=Keep Value:kept\r\n"));
  EXPECT_THAT(o.text, HasSubstr("DTSTART;TZID=Europe/Berlin:20240101T100000\r\n"));
  // Parsing the stored text again changes nothing.
  EXPECT_EQ(parse(o.text).text, o.text);
}

TEST(CalendarObject, KeepsExistingDtstampAndAddsProdid) {
  ParsedObject o = parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + event() + "END:VCALENDAR\r\n");
  EXPECT_THAT(o.text, HasSubstr("DTSTAMP:20240101T000000Z\r\n"));
  EXPECT_THAT(o.text, Not(HasSubstr("20240501T120000Z")));
  EXPECT_THAT(o.text, HasSubstr("PRODID:"));
}

// Found by fuzzing: the UID checked when an object is stored must be the UID its stored text reads
// back as (libical escapes ';' and ',' in TEXT when it writes, and joins across a lone CR).
TEST(CalendarObject, StoredTextReadsBackTheSameUid) {
  for (std::string uid : {"fb-;COUNT=1;BYSECOND=37", "a,b", "back\\slash", "escaped\\;semicolon"}) {
    ParsedObject first = parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" + uid +
                               "\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\r\n"
                               "END:VCALENDAR\r\n");
    ParsedObject again = parse(first.text);
    EXPECT_EQ(again.uid, first.uid) << uid;
  }
  EXPECT_EQ(parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + event() + "END:VCALENDAR\r\n").uid, "a");
  try {
    parse(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:two\\nlines\r\nDTSTAMP:20240101T000000Z\r\n"
        "DTSTART:20240101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    ADD_FAILURE() << "a UID with an escaped newline was accepted";
  } catch (const CalendarDataError& e) {
    EXPECT_THAT(e.what(), HasSubstr("control character"));
  }
}

TEST(CalendarObject, RefusesALoneCarriageReturn) {
  try {
    parse(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x-1\r0DTSTAMP:20261101T000000Z\r\n"
        "DTSTART:20270112T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    ADD_FAILURE() << "a lone CR was accepted";
  } catch (const CalendarDataError& e) {
    EXPECT_THAT(e.what(), HasSubstr("carriage return"));
    EXPECT_THAT(e.what(), HasSubstr("line 4"));
  }
}

TEST(CalendarObject, RewritesLibicalZonePrefixes) {
  ParsedObject o =
      parse(testing::vcalendar("BEGIN:VEVENT\nUID:z\nDTSTART;TZID=/freeassociation.sourceforge.net/Europe/"
                               "Berlin:20240101T100000\nEND:VEVENT\n"));
  EXPECT_THAT(o.text, HasSubstr("DTSTART;TZID=Europe/Berlin:20240101T100000\r\n"));
  expectServable(o.text);
}

TEST(CalendarObject, AcceptsEveryComponentTypeWithOverridesAndTimezones) {
  ParsedObject todo = parse(testing::vcalendar("BEGIN:VTODO\nUID:t\nDUE;VALUE=DATE:20240105\nEND:VTODO\n"));
  EXPECT_EQ(todo.componentType, "VTODO");
  ParsedObject journal = parse(testing::vcalendar("BEGIN:VJOURNAL\nUID:j\nDESCRIPTION:x\nEND:VJOURNAL\n"));
  EXPECT_EQ(journal.componentType, "VJOURNAL");
  ParsedObject availability = parse(testing::vcalendar(
      "BEGIN:VAVAILABILITY\nUID:v\nDTSTART:20240101T000000Z\nBEGIN:AVAILABLE\nUID:v-1\n"
      "DTSTART;TZID=Europe/Berlin:20240101T090000\nDTEND;TZID=Europe/Berlin:20240101T170000\n"
      "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\nEND:AVAILABLE\nEND:VAVAILABILITY\n"));
  EXPECT_EQ(availability.componentType, "VAVAILABILITY");
  ParsedObject recurring = parse(testing::vcalendar(
      "BEGIN:VTIMEZONE\nTZID:Custom/Zone\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0200\n"
      "TZOFFSETTO:+0200\nEND:STANDARD\nEND:VTIMEZONE\n"
      "BEGIN:VEVENT\nUID:r\nDTSTART;TZID=Custom/"
      "Zone:20240101T100000\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=5\n"
      "END:VEVENT\nBEGIN:VEVENT\nUID:r\nRECURRENCE-ID;TZID=Custom/Zone:20240102T100000\n"
      "DTSTART;TZID=Custom/Zone:20240102T120000\nDURATION:PT1H\nEND:VEVENT\n"));
  EXPECT_EQ(recurring.uid, "r");
  expectServable(recurring.text);
}

TEST(CalendarObject, HugeButValidValueIsFoldedAtUtf8Boundaries) {
  std::string description;
  for (int i = 0; i < 20000; ++i) description += i ? " Grüße" : "Grüße";  // libical trims trailing blanks
  ParsedObject o = parse(testing::vcalendar(event("DESCRIPTION:" + description + "\n")));
  expectServable(o.text);
  std::string stored = *propertyText(childComponents(o.calendar.get(), "VEVENT").front(), "DESCRIPTION");
  EXPECT_EQ(stored.size(), description.size());
  EXPECT_TRUE(stored == description) << "the description changed";
}

TEST(CalendarObject, LibicalDropsUnknownPropertiesButKeepsTheObject) {
  ParsedObject o = parse(testing::vcalendar(event("GEO:not a place\nFOO:bar\n")));
  EXPECT_THAT(o.text, Not(HasSubstr("GEO")));
  EXPECT_THAT(o.text, Not(HasSubstr("FOO")));
  expectServable(o.text);
}

}  // namespace
}  // namespace bookdav::caldav::ical
