#include "caldav/calendar/Filter.h"

#include <gtest/gtest.h>

#include "caldav/xml/Xml.h"
#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::calendar {
namespace {

using ical::testing::at;
using ical::testing::calendarOf;

Filter filterOf(const std::string& inner) {
  xml::Document doc =
      xml::Document::parse(R"(<C:calendar-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:filter>)" + inner +
                           "</C:filter></C:calendar-query>");
  return Filter::parse(xml::child(doc.root(), xml::kCalDav, "filter"));
}

// VCALENDAR > inner.
Filter cal(const std::string& inner) {
  return filterOf(R"(<C:comp-filter name="VCALENDAR">)" + inner + "</C:comp-filter>");
}

// Weekly on Tuesdays 10:00 Berlin (09:00Z) from 5 March 2024, four times; 12 March moved to 14:00
// Berlin (13:00Z) and renamed; an alarm 15 minutes before every instance of the master.
const char* kMeeting =
    "BEGIN:VEVENT\nUID:m\nDTSTAMP:20240101T000000Z\nCREATED:20240101T000000Z\n"
    "DTSTART;TZID=Europe/Berlin:20240305T100000\nDTEND;TZID=Europe/Berlin:20240305T110000\n"
    "RRULE:FREQ=WEEKLY;COUNT=4\nSUMMARY:Team Meeting\nCATEGORIES:Work\n"
    "ATTENDEE;CN=Ana Staff;PARTSTAT=ACCEPTED:mailto:ana@example.com\n"
    "ATTENDEE;CN=Bob;PARTSTAT=NEEDS-ACTION;ROLE=OPT-PARTICIPANT:mailto:bob@example.com\n"
    "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:soon\nTRIGGER:-PT15M\nEND:VALARM\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\nUID:m\nDTSTAMP:20240101T000000Z\nRECURRENCE-ID;TZID=Europe/Berlin:20240312T100000\n"
    "DTSTART;TZID=Europe/Berlin:20240312T140000\nDTEND;TZID=Europe/Berlin:20240312T150000\n"
    "SUMMARY:Moved meeting\nEND:VEVENT\n";

class FilterMatch : public ::testing::Test {
 protected:
  bool matches(const Filter& f, const TimeZoneContext& zone = TimeZoneContext::utc()) {
    return f.matches(meeting_, zone, ical::testing::roomyBudget());
  }
  ical::Component meeting_ = calendarOf(kMeeting);
};

TEST_F(FilterMatch, ComponentPresenceAndAbsence) {
  EXPECT_TRUE(matches(filterOf(R"(<C:comp-filter name="VCALENDAR"/>)")));
  EXPECT_TRUE(matches(cal(R"(<C:comp-filter name="VEVENT"/>)")));
  EXPECT_FALSE(matches(cal(R"(<C:comp-filter name="VTODO"/>)")));
  EXPECT_TRUE(matches(cal(R"(<C:comp-filter name="VTODO"><C:is-not-defined/></C:comp-filter>)")));
  EXPECT_FALSE(matches(cal(R"(<C:comp-filter name="VEVENT"><C:is-not-defined/></C:comp-filter>)")));
  EXPECT_FALSE(matches(filterOf(R"(<C:comp-filter name="VCALENDAR"><C:is-not-defined/></C:comp-filter>)")));
  EXPECT_TRUE(matches(cal(R"(<C:comp-filter name="VEVENT"><C:comp-filter name="VALARM"/></C:comp-filter>)")));
}

TEST_F(FilterMatch, TimeRangeFollowsInstancesAndOverrides) {
  auto range = [](const char* s, const char* e) {
    return cal(std::string(R"(<C:comp-filter name="VEVENT"><C:time-range start=")") + s + R"(" end=")" + e +
               R"("/></C:comp-filter>)");
  };
  EXPECT_FALSE(matches(range("20240312T080000Z", "20240312T093000Z")));  // moved away
  EXPECT_TRUE(matches(range("20240312T120000Z", "20240312T140000Z")));   // moved here
  EXPECT_TRUE(matches(range("20240326T085959Z", "20240326T090001Z")));
  EXPECT_FALSE(matches(range("20240326T100000Z", "20240401T000000Z")));  // after the last one
  EXPECT_TRUE(matches(
      cal(R"(<C:comp-filter name="VEVENT"><C:time-range start="20240326T000000Z"/></C:comp-filter>)")));
  EXPECT_FALSE(
      matches(cal(R"(<C:comp-filter name="VEVENT"><C:time-range end="20240305T090000Z"/></C:comp-filter>)")));
}

TEST_F(FilterMatch, TextMatchCollationsAndNegation) {
  auto summary = [](const std::string& attrs, const std::string& text) {
    return cal(R"(<C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY"><C:text-match )" + attrs + ">" +
               text + "</C:text-match></C:prop-filter></C:comp-filter>");
  };
  EXPECT_TRUE(matches(summary("", "MEETING")));  // i;ascii-casemap by default
  EXPECT_TRUE(matches(summary(R"(collation="i;ascii-casemap")", "team meeting")));
  EXPECT_FALSE(matches(summary(R"(collation="i;octet")", "MEETING")));
  EXPECT_TRUE(matches(summary(R"(collation="i;octet")", "Team")));
  EXPECT_FALSE(matches(summary(R"(negate-condition="yes")", "meeting")));  // both SUMMARYs contain it
  EXPECT_TRUE(matches(summary(R"(negate-condition="yes")", "moved")));     // the master does not
  EXPECT_TRUE(matches(summary(R"(negate-condition="no")", "eam Mee")));
  EXPECT_TRUE(matches(summary("", "")));
  // Other properties: CATEGORIES, the calendar address of ATTENDEE, UID.
  EXPECT_TRUE(matches(cal(
      R"(<C:comp-filter name="VEVENT"><C:prop-filter name="categories"><C:text-match>work</C:text-match></C:prop-filter></C:comp-filter>)")));
  EXPECT_TRUE(matches(cal(
      R"(<C:comp-filter name="VEVENT"><C:prop-filter name="ATTENDEE"><C:text-match>mailto:BOB@</C:text-match></C:prop-filter></C:comp-filter>)")));
  EXPECT_TRUE(matches(cal(
      R"(<C:comp-filter name="VEVENT"><C:prop-filter name="UID"><C:text-match collation="i;octet">m</C:text-match></C:prop-filter></C:comp-filter>)")));
}

TEST_F(FilterMatch, PropertiesAreTestedPerInstance) {
  // Only the moved instance lies in the range, and it is not called "Team ...".
  std::string range = R"(<C:time-range start="20240312T120000Z" end="20240312T140000Z"/>)";
  EXPECT_FALSE(matches(cal(
      R"(<C:comp-filter name="VEVENT">)" + range +
      R"(<C:prop-filter name="SUMMARY"><C:text-match>Team</C:text-match></C:prop-filter></C:comp-filter>)")));
  EXPECT_TRUE(matches(cal(
      R"(<C:comp-filter name="VEVENT">)" + range +
      R"(<C:prop-filter name="SUMMARY"><C:text-match>Moved</C:text-match></C:prop-filter></C:comp-filter>)")));
}

TEST_F(FilterMatch, IsNotDefinedOnProperties) {
  EXPECT_TRUE(matches(cal(
      R"(<C:comp-filter name="VEVENT"><C:prop-filter name="LOCATION"><C:is-not-defined/></C:prop-filter></C:comp-filter>)")));
  // The override has no CATEGORIES: some VEVENT lacks it.
  EXPECT_TRUE(matches(cal(
      R"(<C:comp-filter name="VEVENT"><C:prop-filter name="CATEGORIES"><C:is-not-defined/></C:prop-filter></C:comp-filter>)")));
  EXPECT_FALSE(matches(cal(
      R"(<C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY"><C:is-not-defined/></C:prop-filter></C:comp-filter>)")));
  EXPECT_TRUE(matches(cal(R"(<C:prop-filter name="METHOD"><C:is-not-defined/></C:prop-filter>)")));
  EXPECT_TRUE(
      matches(cal(R"(<C:prop-filter name="VERSION"><C:text-match>2.0</C:text-match></C:prop-filter>)")));
}

TEST_F(FilterMatch, ParamFilters) {
  auto attendee = [](const std::string& inner) {
    return cal(R"(<C:comp-filter name="VEVENT"><C:prop-filter name="ATTENDEE">)" + inner +
               "</C:prop-filter></C:comp-filter>");
  };
  EXPECT_TRUE(matches(
      attendee(R"(<C:param-filter name="PARTSTAT"><C:text-match>ACCEPTED</C:text-match></C:param-filter>)")));
  EXPECT_FALSE(matches(
      attendee(R"(<C:param-filter name="PARTSTAT"><C:text-match>DECLINED</C:text-match></C:param-filter>)")));
  EXPECT_TRUE(matches(
      attendee(R"(<C:param-filter name="cn"><C:text-match>ana staff</C:text-match></C:param-filter>)")));
  EXPECT_TRUE(
      matches(attendee(R"(<C:param-filter name="ROLE"><C:is-not-defined/></C:param-filter>)")));  // Ana
  EXPECT_TRUE(matches(attendee(R"(<C:param-filter name="ROLE"/>)")));                             // Bob
  EXPECT_FALSE(matches(attendee(R"(<C:param-filter name="RSVP"/>)")));
  // Both param-filters must hold for the same ATTENDEE.
  EXPECT_FALSE(
      matches(attendee(R"(<C:param-filter name="CN"><C:text-match>Ana</C:text-match></C:param-filter>)"
                       R"(<C:param-filter name="ROLE"/>)")));
  EXPECT_TRUE(matches(attendee(
      R"(<C:text-match>bob</C:text-match><C:param-filter name="ROLE"><C:text-match negate-condition="yes">CHAIR</C:text-match></C:param-filter>)")));
}

TEST_F(FilterMatch, TimeRangeOnDateProperties) {
  EXPECT_TRUE(matches(cal(
      R"(<C:comp-filter name="VEVENT"><C:prop-filter name="CREATED"><C:time-range start="20231231T000000Z" end="20240102T000000Z"/></C:prop-filter></C:comp-filter>)")));
  EXPECT_FALSE(matches(cal(
      R"(<C:comp-filter name="VEVENT"><C:prop-filter name="CREATED"><C:time-range start="20240101T000001Z"/></C:prop-filter></C:comp-filter>)")));
  // DTSTART as written (the master's 09:00Z on 5 March).
  EXPECT_TRUE(matches(cal(
      R"(<C:comp-filter name="VEVENT"><C:prop-filter name="DTSTART"><C:time-range start="20240305T090000Z" end="20240305T090001Z"/></C:prop-filter></C:comp-filter>)")));
}

TEST_F(FilterMatch, AlarmsOfEveryInstance) {
  auto alarm = [](const char* s, const char* e) {
    return cal(
        std::string(R"(<C:comp-filter name="VEVENT"><C:comp-filter name="VALARM"><C:time-range start=")") +
        s + R"(" end=")" + e + R"("/></C:comp-filter></C:comp-filter>)");
  };
  EXPECT_TRUE(matches(alarm("20240319T084000Z", "20240319T085000Z")));   // 09:00Z - 15 min
  EXPECT_TRUE(matches(alarm("20240326T084500Z", "20240326T084501Z")));   // the last instance
  EXPECT_FALSE(matches(alarm("20240312T084000Z", "20240312T085000Z")));  // moved; the override has no alarm
  EXPECT_FALSE(matches(alarm("20240319T084501Z", "20240319T090000Z")));
}

TEST(FilterAlarms, RelatedToEndWithRepeats) {
  ical::Component todo = calendarOf(
      "BEGIN:VTODO\nUID:t\nDTSTART:20240110T100000Z\nDUE:20240110T120000Z\n"
      "BEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:x\nTRIGGER;RELATED=END:PT5M\nREPEAT:2\nDURATION:PT10M\n"
      "END:VALARM\nEND:VTODO\n"
      "BEGIN:VEVENT\nUID:t2\nDTSTART:20240101T000000Z\nBEGIN:VALARM\nACTION:DISPLAY\nDESCRIPTION:x\n"
      "TRIGGER;VALUE=DATE-TIME:20300101T000000Z\nEND:VALARM\nEND:VEVENT\n");
  auto alarm = [](const char* type, const char* s, const char* e) {
    return cal(std::string(R"(<C:comp-filter name=")") + type +
               R"("><C:comp-filter name="VALARM"><C:time-range start=")" + s + R"(" end=")" + e +
               R"("/></C:comp-filter></C:comp-filter>)");
  };
  TimeZoneContext utc = TimeZoneContext::utc();
  // DUE 12:00 + 5 min, then every 10 minutes twice: 12:05, 12:15, 12:25.
  EXPECT_TRUE(alarm("VTODO", "20240110T122500Z", "20240110T122600Z")
                  .matches(todo, utc, ical::testing::roomyBudget()));
  EXPECT_TRUE(alarm("VTODO", "20240110T121000Z", "20240110T121600Z")
                  .matches(todo, utc, ical::testing::roomyBudget()));
  EXPECT_FALSE(alarm("VTODO", "20240110T120600Z", "20240110T121400Z")
                   .matches(todo, utc, ical::testing::roomyBudget()));
  EXPECT_FALSE(alarm("VTODO", "20240110T122501Z", "20240110T130000Z")
                   .matches(todo, utc, ical::testing::roomyBudget()));
  // An absolute trigger years after its event.
  EXPECT_TRUE(alarm("VEVENT", "20291231T000000Z", "20300102T000000Z")
                  .matches(todo, utc, ical::testing::roomyBudget()));
}

TEST(FilterTypes, TodoJournalFreeBusyAndFloating) {
  TimeZoneContext utc = TimeZoneContext::utc();
  auto range = [](const char* type, const char* s, const char* e) {
    return cal(std::string(R"(<C:comp-filter name=")") + type + R"("><C:time-range start=")" + s +
               R"(" end=")" + e + R"("/></C:comp-filter>)");
  };
  ical::Component dueOnly = calendarOf("BEGIN:VTODO\nUID:t\nDUE:20240110T120000Z\nEND:VTODO\n");
  EXPECT_TRUE(range("VTODO", "20240110T110000Z", "20240110T120000Z")
                  .matches(dueOnly, utc, ical::testing::roomyBudget()));
  EXPECT_FALSE(range("VTODO", "20240110T120000Z", "20240110T130000Z")
                   .matches(dueOnly, utc, ical::testing::roomyBudget()));
  ical::Component undated = calendarOf("BEGIN:VTODO\nUID:t\nSUMMARY:someday\nEND:VTODO\n");
  EXPECT_TRUE(range("VTODO", "19990101T000000Z", "19990102T000000Z")
                  .matches(undated, utc, ical::testing::roomyBudget()));

  ical::Component journal = calendarOf("BEGIN:VJOURNAL\nUID:j\nDTSTART;VALUE=DATE:20240110\nEND:VJOURNAL\n");
  EXPECT_TRUE(range("VJOURNAL", "20240110T230000Z", "20240111T000000Z")
                  .matches(journal, utc, ical::testing::roomyBudget()));
  EXPECT_FALSE(range("VJOURNAL", "20240111T000000Z", "20240112T000000Z")
                   .matches(journal, utc, ical::testing::roomyBudget()));

  ical::Component fb = calendarOf(
      "BEGIN:VFREEBUSY\nUID:f\nDTSTART:20240101T000000Z\nDTEND:20240102T000000Z\n"
      "FREEBUSY:20240101T100000Z/PT1H\nEND:VFREEBUSY\n");
  EXPECT_TRUE(range("VFREEBUSY", "20240102T000000Z", "20240103T000000Z")
                  .matches(fb, utc, ical::testing::roomyBudget()));  // start <= DTEND
  EXPECT_FALSE(range("VFREEBUSY", "20240102T000001Z", "20240103T000000Z")
                   .matches(fb, utc, ical::testing::roomyBudget()));

  // RFC 7953 VAVAILABILITY: its DTSTART/DTEND span (one AVAILABLE inside it).
  ical::Component availability = calendarOf(
      "BEGIN:VAVAILABILITY\nUID:a\nDTSTART:20240108T000000Z\nDTEND:20240113T000000Z\n"
      "BEGIN:AVAILABLE\nUID:a1\nDTSTART:20240108T090000Z\nDTEND:20240108T170000Z\nEND:AVAILABLE\n"
      "END:VAVAILABILITY\n");
  EXPECT_TRUE(range("VAVAILABILITY", "20240112T230000Z", "20240114T000000Z")
                  .matches(availability, utc, ical::testing::roomyBudget()));
  EXPECT_FALSE(range("VAVAILABILITY", "20240113T000000Z", "20240114T000000Z")
                   .matches(availability, utc, ical::testing::roomyBudget()));
  EXPECT_FALSE(range("VAVAILABILITY", "20240101T000000Z", "20240108T000000Z")
                   .matches(availability, utc, ical::testing::roomyBudget()));

  // Floating 10:00 is 09:00Z in Berlin and 10:00Z in UTC.
  ical::Component floating =
      calendarOf("BEGIN:VEVENT\nUID:f\nDTSTART:20240110T100000\nDURATION:PT30M\nEND:VEVENT\n");
  Filter nineZ = range("VEVENT", "20240110T090000Z", "20240110T093000Z");
  EXPECT_TRUE(
      nineZ.matches(floating, *TimeZoneContext::named("Europe/Berlin"), ical::testing::roomyBudget()));
  EXPECT_FALSE(nineZ.matches(floating, utc, ical::testing::roomyBudget()));
}

FilterError::Kind errorOf(const std::string& inner) {
  try {
    filterOf(inner);
  } catch (const FilterError& e) {
    return e.which;
  }
  ADD_FAILURE() << "accepted: " << inner;
  return FilterError::Kind::InvalidFilter;
}

TEST(FilterParse, RejectsInvalidFilters) {
  using K = FilterError::Kind;
  EXPECT_EQ(errorOf(""), K::InvalidFilter);
  EXPECT_EQ(errorOf(R"(<C:comp-filter name="VEVENT"/>)"), K::InvalidFilter);
  EXPECT_EQ(errorOf(R"(<C:comp-filter name="VCALENDAR"/><C:comp-filter name="VCALENDAR"/>)"),
            K::InvalidFilter);
  EXPECT_EQ(errorOf(R"(<C:comp-filter/>)"), K::InvalidFilter);
  EXPECT_EQ(
      errorOf(R"(<C:comp-filter name="VCALENDAR"><C:time-range start="20240101T000000Z"/></C:comp-filter>)"),
      K::InvalidFilter);
  EXPECT_EQ(
      errorOf(
          R"(<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:is-not-defined/><C:time-range start="20240101T000000Z"/></C:comp-filter></C:comp-filter>)"),
      K::InvalidFilter);
  EXPECT_EQ(
      errorOf(
          R"(<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY"><C:time-range start="20240101T000000Z"/><C:text-match>x</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>)"),
      K::InvalidFilter);
  EXPECT_EQ(
      errorOf(
          R"(<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY"><C:text-match negate-condition="maybe">x</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>)"),
      K::InvalidFilter);
  EXPECT_EQ(errorOf(R"(<C:comp-filter name="VCALENDAR"><C:bogus/></C:comp-filter>)"), K::InvalidFilter);
}

TEST(FilterParse, RejectsUnsupportedCollationsAndBadTimeRanges) {
  using K = FilterError::Kind;
  EXPECT_EQ(
      errorOf(
          R"(<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:prop-filter name="SUMMARY"><C:text-match collation="i;unicode-casemap">x</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>)"),
      K::UnsupportedCollation);
  EXPECT_EQ(
      errorOf(
          R"(<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="2024-01-01"/></C:comp-filter></C:comp-filter>)"),
      K::InvalidTimeRange);
  EXPECT_EQ(
      errorOf(
          R"(<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range/></C:comp-filter></C:comp-filter>)"),
      K::InvalidTimeRange);
  EXPECT_EQ(
      errorOf(
          R"(<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20240102T000000Z" end="20240101T000000Z"/></C:comp-filter></C:comp-filter>)"),
      K::InvalidTimeRange);
}

TEST(FilterParse, IgnoresElementsOfOtherNamespaces) {
  Filter f = filterOf(
      R"(<C:comp-filter name="VCALENDAR" xmlns:X="urn:x"><X:extension/><C:comp-filter name="VEVENT"/></C:comp-filter>)");
  EXPECT_TRUE(f.isPlainTimeRange());
}

TEST(FilterParse, IndexHintAndPlainTimeRange) {
  Filter plain = cal(
      R"(<C:comp-filter name="VEVENT"><C:time-range start="20240101T000000Z" end="20240201T000000Z"/></C:comp-filter>)");
  ASSERT_TRUE(plain.indexHint());
  EXPECT_EQ(plain.indexHint()->componentType, "VEVENT");
  EXPECT_EQ(plain.indexHint()->timeRange,
            (domain::Interval{at("2024-01-01T00:00:00Z"), at("2024-02-01T00:00:00Z")}));
  EXPECT_TRUE(plain.isPlainTimeRange());

  Filter open =
      cal(R"(<C:comp-filter name="VTODO"><C:time-range start="20240101T000000Z"/></C:comp-filter>)");
  EXPECT_EQ(open.indexHint()->timeRange->end, domain::Instant::max());
  EXPECT_TRUE(open.isPlainTimeRange());

  Filter all = cal(R"(<C:comp-filter name="VEVENT"/>)");
  EXPECT_FALSE(all.indexHint()->timeRange);
  EXPECT_TRUE(all.isPlainTimeRange());

  Filter withText = cal(
      R"(<C:comp-filter name="VEVENT"><C:time-range start="20240101T000000Z"/><C:prop-filter name="SUMMARY"><C:text-match>x</C:text-match></C:prop-filter></C:comp-filter>)");
  EXPECT_TRUE(withText.indexHint());
  EXPECT_FALSE(withText.isPlainTimeRange());

  EXPECT_FALSE(filterOf(R"(<C:comp-filter name="VCALENDAR"/>)").indexHint());
  EXPECT_FALSE(filterOf(R"(<C:comp-filter name="VCALENDAR"/>)").isPlainTimeRange());
  EXPECT_FALSE(cal(R"(<C:comp-filter name="VTODO"><C:is-not-defined/></C:comp-filter>)").indexHint());
  EXPECT_FALSE(cal(R"(<C:comp-filter name="VEVENT"><C:comp-filter name="VALARM"/></C:comp-filter>)")
                   .isPlainTimeRange());
}

}  // namespace
}  // namespace bookdav::caldav::calendar
