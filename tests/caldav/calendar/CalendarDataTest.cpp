#include "caldav/calendar/CalendarData.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "caldav/ical/CalendarObject.h"
#include "caldav/xml/Xml.h"
#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::calendar {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

CalendarDataRequest requestOf(const std::string& attrs, const std::string& inner) {
  xml::Document doc = xml::Document::parse(R"(<C:calendar-data xmlns:C="urn:ietf:params:xml:ns:caldav" )" +
                                           attrs + ">" + inner + "</C:calendar-data>");
  return CalendarDataRequest::parse(doc.root());
}

CalendarDataRequest requestOf(const std::string& inner) {
  return requestOf("", inner);
}

std::string stored(std::string_view body) {
  ical::initialize();
  domain::FixedClock clock(*domain::parseRfc3339("2024-01-01T00:00:00Z"));
  return ical::parseObject(ical::testing::vcalendar(body), ical::AllowedComponents::all(),
                           ical::testing::roomyBudget(), clock)
      .text;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

const char* kBerlinZone =
    "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\nBEGIN:DAYLIGHT\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\n"
    "DTSTART:19700329T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nEND:DAYLIGHT\nBEGIN:STANDARD\n"
    "TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nDTSTART:19701025T030000\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nEND:STANDARD\nEND:VTIMEZONE\n";

// Weekly at 10:00 Berlin on 5, 12, 19, 26 March 2024 (09:00Z); 12th moved, 19th shortened, 26th
// cancelled.
std::string weekly() {
  return stored(std::string(kBerlinZone) +
                "BEGIN:VEVENT\nUID:o\nDTSTART;TZID=Europe/Berlin:20240305T100000\n"
                "DTEND;TZID=Europe/Berlin:20240305T110000\nRRULE:FREQ=WEEKLY;COUNT=4\nSUMMARY:master\n"
                "DESCRIPTION:long notes\nEXDATE;TZID=Europe/Berlin:20240402T100000\nEND:VEVENT\n"
                "BEGIN:VEVENT\nUID:o\nRECURRENCE-ID;TZID=Europe/Berlin:20240312T100000\n"
                "DTSTART;TZID=Europe/Berlin:20240315T140000\nDTEND;TZID=Europe/Berlin:20240315T150000\n"
                "SUMMARY:moved\nEND:VEVENT\n"
                "BEGIN:VEVENT\nUID:o\nRECURRENCE-ID:20240319T090000Z\nDTSTART:20240319T090000Z\n"
                "DTEND:20240319T093000Z\nSUMMARY:short\nEND:VEVENT\n"
                "BEGIN:VEVENT\nUID:o\nRECURRENCE-ID;TZID=Europe/Berlin:20240326T100000\nSTATUS:CANCELLED\n"
                "DTSTART;TZID=Europe/Berlin:20240326T100000\nDTEND;TZID=Europe/Berlin:20240326T110000\n"
                "SUMMARY:off\nEND:VEVENT\n");
}

TEST(CalendarData, EverythingIsTheStoredTextUnparsed) {
  CalendarDataRequest all = requestOf("");
  EXPECT_TRUE(all.selectsEverything());
  EXPECT_EQ(render("not even iCalendar", all, TimeZoneContext::utc(), ical::testing::roomyBudget()),
            "not even iCalendar");
  EXPECT_TRUE(requestOf(R"(<C:comp name="VCALENDAR"><C:allprop/><C:allcomp/></C:comp>)").selectsEverything());
  EXPECT_TRUE(
      requestOf(R"(content-type="text/calendar; charset=utf-8" version="2.0")", "").selectsEverything());
}

TEST(CalendarData, PartialPropertiesAndComponents) {
  CalendarDataRequest r = requestOf(
      R"(<C:comp name="VCALENDAR"><C:prop name="VERSION"/>
           <C:comp name="VEVENT"><C:prop name="SUMMARY"/><C:prop name="UID"/><C:prop name="DTSTART"/>
             <C:prop name="DESCRIPTION" novalue="yes"/></C:comp>
         </C:comp>)");
  std::string out = render(weekly(), r, TimeZoneContext::utc(), ical::testing::roomyBudget());
  EXPECT_THAT(out, HasSubstr("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:o\r\n"));
  EXPECT_THAT(out, HasSubstr("DTSTART;TZID=Europe/Berlin:20240305T100000\r\n"));
  EXPECT_THAT(out, HasSubstr("SUMMARY:master\r\n"));
  EXPECT_THAT(out, HasSubstr("DESCRIPTION:\r\n"));
  EXPECT_THAT(out, Not(HasSubstr("long notes")));
  EXPECT_THAT(out, Not(HasSubstr("PRODID")));
  EXPECT_THAT(out, Not(HasSubstr("DTEND")));
  EXPECT_THAT(out, Not(HasSubstr("RRULE")));
  EXPECT_THAT(out, Not(HasSubstr("VTIMEZONE")));
  EXPECT_EQ(count(out, "BEGIN:VEVENT"), 4u);
  EXPECT_EQ(out.substr(out.size() - 15), "END:VCALENDAR\r\n");
}

TEST(CalendarData, CompWithoutChildrenSelectsNothingInside) {
  std::string out =
      render(weekly(), requestOf(R"(<C:comp name="VCALENDAR"><C:comp name="VTIMEZONE"/></C:comp>)"),
             TimeZoneContext::utc(), ical::testing::roomyBudget());
  EXPECT_EQ(out, "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n");
}

TEST(CalendarData, ExpandGivesEachInstanceInUtc) {
  CalendarDataRequest r = requestOf(R"(<C:expand start="20240310T000000Z" end="20240327T000000Z"/>)");
  std::string out = render(weekly(), r, TimeZoneContext::utc(), ical::testing::roomyBudget());
  EXPECT_THAT(out, Not(HasSubstr("VTIMEZONE")));
  EXPECT_THAT(out, Not(HasSubstr("TZID")));
  EXPECT_THAT(out, Not(HasSubstr("RRULE")));
  EXPECT_THAT(out, Not(HasSubstr("EXDATE")));
  EXPECT_EQ(count(out, "BEGIN:VEVENT"), 3u);
  EXPECT_THAT(out, HasSubstr("BEGIN:VEVENT\r\nUID:o\r\nRECURRENCE-ID:20240312T090000Z\r\n"
                             "DTSTART:20240315T130000Z\r\nDTEND:20240315T140000Z\r\nSUMMARY:moved\r\n"));
  EXPECT_THAT(out, HasSubstr("RECURRENCE-ID:20240319T090000Z\r\n"));
  EXPECT_THAT(out, HasSubstr("DTEND:20240319T093000Z\r\n"));
  EXPECT_THAT(out, HasSubstr("STATUS:CANCELLED\r\n"));
  EXPECT_THAT(out, HasSubstr("RECURRENCE-ID:20240326T090000Z\r\n"));
  EXPECT_THAT(out, Not(HasSubstr("20240305T")));  // the first instance is outside the range
}

TEST(CalendarData, ExpandOfMasterInstancesAndAllDayEvents) {
  std::string weeklyStored = weekly();
  std::string first =
      render(weeklyStored, requestOf(R"(<C:expand start="20240301T000000Z" end="20240306T000000Z"/>)"),
             TimeZoneContext::utc(), ical::testing::roomyBudget());
  EXPECT_THAT(first, HasSubstr("DTSTART:20240305T090000Z\r\nDTEND:20240305T100000Z\r\n"));
  EXPECT_THAT(first, HasSubstr("RECURRENCE-ID:20240305T090000Z\r\n"));
  EXPECT_THAT(first, HasSubstr("SUMMARY:master\r\n"));

  std::string days = stored(
      "BEGIN:VEVENT\nUID:d\nDTSTART;VALUE=DATE:20240101\nDTEND;VALUE=DATE:20240102\n"
      "RRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n");
  std::string out = render(days, requestOf(R"(<C:expand start="20240102T000000Z" end="20240103T000000Z"/>)"),
                           TimeZoneContext::utc(), ical::testing::roomyBudget());
  EXPECT_THAT(out, HasSubstr("DTSTART;VALUE=DATE:20240102\r\nDTEND;VALUE=DATE:20240103\r\n"));
  EXPECT_THAT(out, HasSubstr("RECURRENCE-ID;VALUE=DATE:20240102\r\n"));
  EXPECT_EQ(count(out, "BEGIN:VEVENT"), 1u);
}

TEST(CalendarData, ExpandReadsFloatingTimesInTheRequestZone) {
  std::string floating = stored("BEGIN:VEVENT\nUID:f\nDTSTART:20240110T100000\nDURATION:PT1H\nEND:VEVENT\n");
  std::string out =
      render(floating, requestOf(R"(<C:expand start="20240110T000000Z" end="20240111T000000Z"/>)"),
             *TimeZoneContext::named("Europe/Berlin"), ical::testing::roomyBudget());
  EXPECT_THAT(out, HasSubstr("DTSTART:20240110T090000Z\r\nDURATION:PT1H\r\n"));
  EXPECT_THAT(out, Not(HasSubstr("RECURRENCE-ID")));  // it does not recur
}

TEST(CalendarData, ExpandWithRdatePeriodsWritesTheirEnds) {
  std::string withPeriod = stored(
      "BEGIN:VEVENT\nUID:p\nDTSTART:20240101T100000Z\nDURATION:PT1H\n"
      "RDATE;VALUE=PERIOD:20240105T120000Z/PT2H\nEND:VEVENT\n");
  std::string out =
      render(withPeriod, requestOf(R"(<C:expand start="20240105T000000Z" end="20240106T000000Z"/>)"),
             TimeZoneContext::utc(), ical::testing::roomyBudget());
  EXPECT_THAT(out, HasSubstr("DTSTART:20240105T120000Z\r\n"));
  EXPECT_THAT(out, HasSubstr("DTEND:20240105T140000Z\r\n"));
  EXPECT_THAT(out, Not(HasSubstr("DURATION")));
}

TEST(CalendarData, LimitRecurrenceSetKeepsTheMasterAndOverridesInRange) {
  CalendarDataRequest r =
      requestOf(R"(<C:limit-recurrence-set start="20240315T000000Z" end="20240316T000000Z"/>)");
  std::string out = render(weekly(), r, TimeZoneContext::utc(), ical::testing::roomyBudget());
  EXPECT_EQ(count(out, "BEGIN:VEVENT"), 2u);
  EXPECT_THAT(out, HasSubstr("RRULE:FREQ=WEEKLY;COUNT=4\r\n"));
  EXPECT_THAT(out, HasSubstr("SUMMARY:moved\r\n"));
  EXPECT_THAT(out, Not(HasSubstr("SUMMARY:short")));
  EXPECT_THAT(out, HasSubstr("BEGIN:VTIMEZONE"));
}

TEST(CalendarData, LimitFreeBusySet) {
  std::string fb = stored(
      "BEGIN:VFREEBUSY\nUID:f\nDTSTART:20240101T000000Z\nDTEND:20240102T000000Z\n"
      "FREEBUSY:20240101T080000Z/PT1H\nFREEBUSY:20240101T120000Z/20240101T130000Z\nEND:VFREEBUSY\n");
  std::string out =
      render(fb, requestOf(R"(<C:limit-freebusy-set start="20240101T100000Z" end="20240101T123000Z"/>)"),
             TimeZoneContext::utc(), ical::testing::roomyBudget());
  EXPECT_THAT(out, HasSubstr("FREEBUSY:20240101T120000Z/20240101T130000Z\r\n"));
  EXPECT_THAT(out, Not(HasSubstr("20240101T080000Z")));
}

CalendarDataRequestError::Kind errorOf(const std::string& attrs, const std::string& inner) {
  try {
    requestOf(attrs, inner);
  } catch (const CalendarDataRequestError& e) {
    return e.which;
  }
  ADD_FAILURE() << "accepted: " << attrs << inner;
  return CalendarDataRequestError::Kind::InvalidRequest;
}

TEST(CalendarData, RequestErrors) {
  using K = CalendarDataRequestError::Kind;
  EXPECT_EQ(errorOf(R"(content-type="application/calendar+json")", ""), K::UnsupportedCalendarData);
  EXPECT_EQ(errorOf(R"(version="1.0")", ""), K::UnsupportedCalendarData);
  EXPECT_EQ(errorOf("", R"(<C:expand start="20240101T000000Z"/>)"), K::InvalidRequest);
  EXPECT_EQ(errorOf("", R"(<C:expand start="20240101" end="20240102T000000Z"/>)"), K::InvalidRequest);
  EXPECT_EQ(
      errorOf(
          "",
          R"(<C:expand start="20240101T000000Z" end="20240102T000000Z"/><C:limit-recurrence-set start="20240101T000000Z" end="20240102T000000Z"/>)"),
      K::InvalidRequest);
  EXPECT_EQ(errorOf("", R"(<C:comp name="VEVENT"/>)"), K::InvalidRequest);
  EXPECT_EQ(errorOf("", R"(<C:comp name="VCALENDAR"><C:allprop/><C:prop name="VERSION"/></C:comp>)"),
            K::InvalidRequest);
  EXPECT_EQ(errorOf("", R"(<C:comp name="VCALENDAR"><C:prop/></C:comp>)"), K::InvalidRequest);
}

}  // namespace
}  // namespace bookdav::caldav::calendar
