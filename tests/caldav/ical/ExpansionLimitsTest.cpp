// What no client text may make bookdav do: rules that keep the expansion busy, VTIMEZONEs that keep
// libical busy, components nested or repeated without end. Each is refused quickly, on the way in
// (parseObject and the other parsers of client text) and on the way out (stored objects).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/CalendarObject.h"
#include "caldav/ical/ClientText.h"
#include "caldav/ical/IcalZoneRules.h"
#include "caldav/ical/Instances.h"
#include "caldav/ical/TimeZoneContext.h"
#include "caldav/ical/TimeZoneScreen.h"
#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

using ::testing::HasSubstr;

const domain::FixedClock kClock(*domain::parseRfc3339("2026-01-01T12:00:00Z"));

std::string object(std::string_view body) {
  return testing::vcalendar(body);
}

std::string event(std::string_view rules, std::string_view start = "DTSTART:20260105T100000Z") {
  return "BEGIN:VEVENT\nUID:x\nDTSTAMP:20260101T000000Z\n" + std::string(start) + "\nDURATION:PT1H\n" +
         std::string(rules) + "END:VEVENT\n";
}

// parseObject under the write budget (or a smaller one); the message of what it throws, or "" when
// it accepts.
template <typename Error>
std::string refusal(const std::string& text, ExpansionBudget budget = ExpansionBudget::forWrite()) {
  initialize();
  try {
    parseObject(text, AllowedComponents::all(), budget, kClock);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::string zone(std::string_view observances, std::string_view tzid = "Test/Zone") {
  return "BEGIN:VTIMEZONE\nTZID:" + std::string(tzid) + "\n" + std::string(observances) + "END:VTIMEZONE\n";
}

std::string standard(std::string_view dtstart, std::string_view rest) {
  return "BEGIN:STANDARD\nDTSTART:" + std::string(dtstart) + "\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\n" +
         std::string(rest) + "END:STANDARD\n";
}

std::string daylight(std::string_view dtstart, std::string_view rest) {
  return "BEGIN:DAYLIGHT\nDTSTART:" + std::string(dtstart) + "\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\n" +
         std::string(rest) + "END:DAYLIGHT\n";
}

std::string zonedEvent(const std::string& vtimezone) {
  return object(vtimezone + event("RRULE:FREQ=WEEKLY;COUNT=5\n", "DTSTART;TZID=Test/Zone:20260105T100000"));
}

// The probe's body: one RRULE that never produces an instance; seen at once (in a hundred steps),
// not after centuries of seconds.
TEST(ExpansionLimits, ARuleThatNeverProducesIsRefusedAtOnce) {
  const ExpansionBudget small(100, std::chrono::hours(1));
  EXPECT_THAT(
      refusal<ExpansionTooComplex>(object(event("RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\n")), small),
      HasSubstr("the RRULE FREQ=SECONDLY;BYMONTHDAY=30;BYMONTH=2 of VEVENT \"x\" produces no instance"));
  EXPECT_THAT(refusal<ExpansionTooComplex>(
                  object(event("RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31;COUNT=3\n")), small),
              HasSubstr("produces no instance"));
}

// The probe's object: 50 SECONDLY rules, each walked from DTSTART by every read.
TEST(ExpansionLimits, RulesWithCountMustReachTheirEndWithinTheWriteBudget) {
  std::string rules;
  for (int i = 0; i < 50; ++i) rules += "RRULE:FREQ=SECONDLY;COUNT=1000000\n";
  EXPECT_THAT(refusal<ExpansionTooComplex>(object(event(rules))),
              HasSubstr("50 RRULE and EXRULE properties"));
  std::string eight;
  for (int i = 0; i < 8; ++i)
    eight += "RRULE:FREQ=SECONDLY;COUNT=200000;BYSECOND=" + std::to_string(i) + "\n";
  EXPECT_THAT(refusal<ExpansionTooComplex>(object(event(eight))),
              HasSubstr("of VEVENT \"x\" needs more than 1000000 steps to expand"));
  EXPECT_THAT(refusal<ExpansionTooComplex>(object(event("RRULE:FREQ=MINUTELY;COUNT=5000000\n"))),
              HasSubstr("the RRULE FREQ=MINUTELY;COUNT=5000000 of VEVENT \"x\""));
}

TEST(ExpansionLimits, RealCalendarsFitTheBudgets) {
  // A daily event for 10 years, a weekly class for 5 years, a birthday since 1900, a meeting every
  // 15 minutes of working days, Monday to Friday without end.
  for (const std::string& body :
       {event("RRULE:FREQ=DAILY;COUNT=3650\n"),
        event("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20301231T000000Z\n"),
        event("RRULE:FREQ=YEARLY\n", "DTSTART;VALUE=DATE:19000315"),
        event("RRULE:FREQ=MINUTELY;INTERVAL=15;BYHOUR=9,10,11,12,13,14,15,16;BYDAY=MO,TU,WE,TH,FR\n"),
        event("RRULE:FREQ=DAILY;COUNT=3650\nEXRULE:FREQ=WEEKLY;BYDAY=SA,SU;COUNT=1000\n")}) {
    EXPECT_EQ(refusal<ExpansionTooComplex>(object(body)), "") << body;
    ExpansionBudget budget = ExpansionBudget::forWrite();
    ParsedObject parsed = parseObject(object(body), AllowedComponents::all(), budget, kClock);
    Expansion index = expandForIndex(parsed.calendar, kClock.now() + std::chrono::days(5 * 366), budget);
    EXPECT_FALSE(index.spans.empty()) << body;
  }
}

TEST(ExpansionLimits, ReadsStopWithTheRuleNamed) {
  // A stored object written before these limits: a read walks its COUNT rules from DTSTART.
  std::string rules;
  for (int i = 0; i < 50; ++i)
    rules += "RRULE:FREQ=SECONDLY;COUNT=1000000;BYSECOND=" + std::to_string(i) + "\n";
  Component stored = testing::calendarOf(event(rules, "DTSTART:20200101T000000Z"));
  ExpansionBudget budget = ExpansionBudget::forRead();
  try {
    forEachInstance(
        stored, testing::between("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
        [](const Instance&) { return true; }, budget);
    ADD_FAILURE() << "the read finished";
  } catch (const ExpansionTooComplex& e) {
    EXPECT_THAT(e.what(), HasSubstr("the RRULE FREQ=SECONDLY;COUNT=1000000;BYSECOND="));
    EXPECT_THAT(e.what(), HasSubstr("of VEVENT \"x\""));
  }
  EXPECT_LE(budget.used(), budget.steps() + 1);
}

TEST(ExpansionLimits, TimeZonesRealClientsSendPass) {
  const std::string zones[] = {
      // Apple and Google: rules from 1970 or 2007.
      zone(daylight("19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\n") +
           standard("19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n")),
      // Outlook: from 1601.
      zone(daylight("16010325T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\n") +
           standard("16011028T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\n")),
      // The old United States rule, a fixed date, rules that ended, and history as RDATEs.
      zone(daylight("19670430T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=24,25,26,27,28,29,30;BYDAY=SU;"
                    "UNTIL=19730429T070000Z\n") +
           standard("19671029T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;COUNT=40\n") +
           daylight("19790321T000000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=21\n") +
           standard("18830101T000000", "RDATE:18830101T000000\nRDATE:19180331T020000,19190330T020000\n")),
      // A zone without daylight saving time, from the year 1.
      zone(standard("00010101T000000", "")),
  };
  for (const std::string& z : zones) {
    EXPECT_EQ(refusal<CalendarDataError>(zonedEvent(z)), "") << z;
    EXPECT_NO_THROW(TimeZoneContext::fromVtimezoneText(object(z))) << z;
  }
  // The zones bookdav itself serves in booking events (libical's, made from tzdata, history back to
  // 1900 with rules such as the Saturday among the 13th, 14th and 17th of April that some years lack)
  // come back in when a client PUTs or imports what it was given.
  initialize();
  for (const char* olson : {"Europe/Madrid", "Europe/Berlin", "America/New_York", "Australia/Sydney"}) {
    std::string served = IcalZoneRules::instance().vtimezone(olson);
    ASSERT_FALSE(served.empty()) << olson;
    EXPECT_NO_THROW(TimeZoneContext::fromVtimezoneText(object(served))) << olson;
    const std::string tzid = std::string("TZID=") + olson;
    EXPECT_EQ(refusal<CalendarDataError>(
                  object(served + event("", ("DTSTART;" + tzid + ":20261025T023000").c_str()))),
              "")
        << olson;
  }
}

TEST(ExpansionLimits, TimeZonesLibicalWouldLoopOnAreRefused) {
  struct Case {
    std::string vtimezone;
    const char* message;
  };
  std::string manyObservances, manyRdates;
  for (int i = 0; i < 201; ++i) manyObservances += standard("19700101T000000", "");
  for (int i = 0; i < 1001; ++i) manyRdates += "RDATE:" + std::to_string(1000 + i) + "0101T000000\n";
  const Case cases[] = {
      // The probe's zone.
      {zone(standard("19701025T030000", "RRULE:FREQ=SECONDLY\n")), "time zone rules repeat every year"},
      {zone(standard("19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\n")),
       "which never gives a transition"},
      {zone(standard("19701025T030000", "RRULE:FREQ=YEARLY;BYDAY=SU\n")),
       "which gives 53 transitions in 2006"},
      {zone(standard("19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;BYHOUR=3\n")),
       "use only BYMONTH, BYDAY, BYMONTHDAY"},
      {zone(standard("00010101T000000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n")), "from the year 1"},
      {zone(manyObservances), "more than 200 STANDARD and DAYLIGHT"},
      {zone(standard("19700101T000000", manyRdates)), "more than 1000 RDATE"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(refusal<CalendarDataError>(zonedEvent(c.vtimezone)), HasSubstr(c.message));
    try {
      TimeZoneContext::fromVtimezoneText(object(c.vtimezone));
      ADD_FAILURE() << c.message;
    } catch (const CalendarDataError& e) {
      EXPECT_THAT(e.message, HasSubstr(c.message));
    }
  }
  // A stored object with such a zone (written before the screening) is not expanded.
  EXPECT_THROW(parseStored(zonedEvent(zone(standard("19701025T030000", "RRULE:FREQ=SECONDLY\n")))),
               ExpansionTooComplex);
}

TEST(ExpansionLimits, NestingAndSizeAreBoundedBeforeLibicalParses) {
  // libical frees and serialises components recursively: a deep tree would overflow the stack.
  std::string deep = "BEGIN:VCALENDAR\n";
  for (int i = 0; i < 300000; ++i) deep += "BEGIN:X-A\n";
  EXPECT_THAT(refusal<CalendarDataError>(deep), HasSubstr("nested"));
  EXPECT_THROW(TimeZoneContext::fromVtimezoneText(deep), CalendarDataError);
  EXPECT_THROW(parseClientText(deep), CalendarDataError);
  std::string nine = "BEGIN:VCALENDAR\n", close;
  for (int i = 0; i < 8; ++i) nine += "BEGIN:X-A\n", close += "END:X-A\n";
  EXPECT_THROW(checkShape(nine + close + "END:VCALENDAR\n"), CalendarDataError);
  EXPECT_NO_THROW(checkShape(object(event("BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT5M\nEND:VALARM\n"))));

  std::string components = "BEGIN:VCALENDAR\n", properties = "BEGIN:VCALENDAR\nBEGIN:VEVENT\n";
  for (size_t i = 0; i < kMaxComponents; ++i) components += "BEGIN:X-A\nEND:X-A\n";
  for (size_t i = 0; i <= kMaxProperties; ++i) properties += "X-A:1\n";
  EXPECT_THAT(refusal<CalendarDataError>(components + "END:VCALENDAR\n"),
              HasSubstr("components in one object"));
  EXPECT_THAT(refusal<CalendarDataError>(properties + "END:VEVENT\nEND:VCALENDAR\n"),
              HasSubstr("properties in one object"));
}

}  // namespace
}  // namespace bookdav::caldav::ical
