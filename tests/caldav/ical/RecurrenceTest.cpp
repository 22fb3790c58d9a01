// Instance sets computed by hand: every expected instant below is written out in UTC.
#include "caldav/ical/Recurrence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "caldav/ical/IcalTime.h"
#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace testing;

std::string event(std::string_view props) {
  return "BEGIN:VEVENT\nUID:e\n" + std::string(props) + "END:VEVENT\n";
}

TEST(Recurrence, WeeklyBerlinAcrossMarchChange) {
  Component cal = calendarOf(
      event("DTSTART;TZID=Europe/Berlin:20240319T100000\nDTEND;TZID=Europe/Berlin:20240319T110000\n"
            "RRULE:FREQ=WEEKLY;COUNT=4\n"));
  EXPECT_THAT(
      instancesIn(cal, always()),
      ElementsAre("2024-03-19T09:00:00Z/2024-03-19T10:00:00Z", "2024-03-26T09:00:00Z/2024-03-26T10:00:00Z",
                  "2024-04-02T08:00:00Z/2024-04-02T09:00:00Z", "2024-04-09T08:00:00Z/2024-04-09T09:00:00Z"));
}

TEST(Recurrence, WeeklyBerlinAcrossOctoberChange) {
  Component cal = calendarOf(
      event("DTSTART;TZID=Europe/Berlin:20241015T100000\nDTEND;TZID=Europe/Berlin:20241015T110000\n"
            "RRULE:FREQ=WEEKLY;COUNT=4\n"));
  EXPECT_THAT(
      instancesIn(cal, always()),
      ElementsAre("2024-10-15T08:00:00Z/2024-10-15T09:00:00Z", "2024-10-22T08:00:00Z/2024-10-22T09:00:00Z",
                  "2024-10-29T09:00:00Z/2024-10-29T10:00:00Z", "2024-11-05T09:00:00Z/2024-11-05T10:00:00Z"));
}

TEST(Recurrence, WeeklyNewYorkAcrossMarchAndNovemberChanges) {
  Component march = calendarOf(
      event("DTSTART;TZID=America/New_York:20240303T100000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=3\n"));
  EXPECT_THAT(instancesIn(march, always()), ElementsAre("2024-03-03T15:00:00Z/2024-03-03T16:00:00Z",
                                                        "2024-03-10T14:00:00Z/2024-03-10T15:00:00Z",
                                                        "2024-03-17T14:00:00Z/2024-03-17T15:00:00Z"));
  Component november = calendarOf(
      event("DTSTART;TZID=America/New_York:20241027T100000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=3\n"));
  EXPECT_THAT(instancesIn(november, always()), ElementsAre("2024-10-27T14:00:00Z/2024-10-27T15:00:00Z",
                                                           "2024-11-03T15:00:00Z/2024-11-03T16:00:00Z",
                                                           "2024-11-10T15:00:00Z/2024-11-10T16:00:00Z"));
}

TEST(Recurrence, DailyAcrossTheShortAndTheLongDay) {
  Component spring = calendarOf(
      event("DTSTART;TZID=Europe/Berlin:20240330T100000\nDTEND;TZID=Europe/Berlin:20240330T110000\n"
            "RRULE:FREQ=DAILY;COUNT=3\n"));
  EXPECT_THAT(instancesIn(spring, always()), ElementsAre("2024-03-30T09:00:00Z/2024-03-30T10:00:00Z",
                                                         "2024-03-31T08:00:00Z/2024-03-31T09:00:00Z",
                                                         "2024-04-01T08:00:00Z/2024-04-01T09:00:00Z"));
  Component autumn = calendarOf(
      event("DTSTART;TZID=Europe/Berlin:20241026T100000\nDTEND;TZID=Europe/Berlin:20241026T110000\n"
            "RRULE:FREQ=DAILY;COUNT=3\n"));
  EXPECT_THAT(instancesIn(autumn, always()), ElementsAre("2024-10-26T08:00:00Z/2024-10-26T09:00:00Z",
                                                         "2024-10-27T09:00:00Z/2024-10-27T10:00:00Z",
                                                         "2024-10-28T09:00:00Z/2024-10-28T10:00:00Z"));
}

TEST(Recurrence, AllDayEventsLastTheLocalDay) {
  Component cal =
      calendarOf(event("DTSTART;VALUE=DATE:20240331\nRRULE:FREQ=YEARLY;COUNT=1\n") +
                 "BEGIN:VEVENT\nUID:autumn\nDTSTART;VALUE=DATE:20241027\nDTEND;VALUE=DATE:20241028\n"
                 "END:VEVENT\n");
  // As if UTC (the index's view)...
  EXPECT_THAT(instancesIn(cal, always()), ElementsAre("2024-03-31T00:00:00Z/2024-04-01T00:00:00Z",
                                                      "2024-10-27T00:00:00Z/2024-10-28T00:00:00Z"));
  // ...and read in Berlin: the 23 h and the 25 h day.
  TimeZoneContext berlin = *TimeZoneContext::named("Europe/Berlin");
  EXPECT_THAT(instancesIn(cal, always(), &berlin), ElementsAre("2024-03-30T23:00:00Z/2024-03-31T22:00:00Z",
                                                               "2024-10-26T22:00:00Z/2024-10-27T23:00:00Z"));
}

TEST(Recurrence, DailyAllDayInNewYorkAcrossTheChange) {
  Component cal = calendarOf(event("DTSTART;VALUE=DATE:20240309\nRRULE:FREQ=DAILY;COUNT=3\n"));
  TimeZoneContext ny = *TimeZoneContext::named("America/New_York");
  EXPECT_THAT(instancesIn(cal, always(), &ny), ElementsAre("2024-03-09T05:00:00Z/2024-03-10T05:00:00Z",
                                                           "2024-03-10T05:00:00Z/2024-03-11T04:00:00Z",
                                                           "2024-03-11T04:00:00Z/2024-03-12T04:00:00Z"));
}

TEST(Recurrence, NominalDayDurationVersusExactHours) {
  Component nominalDay = calendarOf(event("DTSTART;TZID=Europe/Berlin:20240330T120000\nDURATION:P1D\n"));
  EXPECT_THAT(instancesIn(nominalDay, always()), ElementsAre("2024-03-30T11:00:00Z/2024-03-31T10:00:00Z"));
  Component exact = calendarOf(event("DTSTART;TZID=Europe/Berlin:20240330T120000\nDURATION:PT24H\n"));
  EXPECT_THAT(instancesIn(exact, always()), ElementsAre("2024-03-30T11:00:00Z/2024-03-31T11:00:00Z"));
}

TEST(Recurrence, ExdateInLocalTimeAndInUtc) {
  Component cal = calendarOf(
      event("DTSTART;TZID=Europe/Berlin:20240305T100000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;COUNT=4\n"
            "EXDATE;TZID=Europe/Berlin:20240312T100000\nEXDATE:20240326T090000Z\n"));
  EXPECT_THAT(instancesIn(cal, always()), ElementsAre("2024-03-05T09:00:00Z/2024-03-05T10:00:00Z",
                                                      "2024-03-19T09:00:00Z/2024-03-19T10:00:00Z"));
}

TEST(Recurrence, UntilIsInclusive) {
  Component through =
      calendarOf(event("DTSTART;TZID=Europe/"
                       "Berlin:20240319T100000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;UNTIL=20240402T080000Z\n"));
  EXPECT_THAT(instancesIn(through, always()), ElementsAre("2024-03-19T09:00:00Z/2024-03-19T10:00:00Z",
                                                          "2024-03-26T09:00:00Z/2024-03-26T10:00:00Z",
                                                          "2024-04-02T08:00:00Z/2024-04-02T09:00:00Z"));
  Component before =
      calendarOf(event("DTSTART;TZID=Europe/"
                       "Berlin:20240319T100000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;UNTIL=20240402T075959Z\n"));
  EXPECT_EQ(instancesIn(before, always()).size(), 2u);
}

TEST(Recurrence, DtstartCountsAsFirstOccurrenceEvenOffRule) {
  // 2024-01-01 is a Monday; the rule asks for Tuesdays. RFC 5545: DTSTART is the first of COUNT.
  Component cal =
      calendarOf(event("DTSTART:20240101T100000Z\nDURATION:PT1H\nRRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3\n"));
  EXPECT_THAT(instancesIn(cal, always()), ElementsAre("2024-01-01T10:00:00Z/2024-01-01T11:00:00Z",
                                                      "2024-01-02T10:00:00Z/2024-01-02T11:00:00Z",
                                                      "2024-01-09T10:00:00Z/2024-01-09T11:00:00Z"));
}

TEST(Recurrence, RdateWithPeriodsDateTimesAndDates) {
  Component cal = calendarOf(
      event("DTSTART:20240101T100000Z\nDURATION:PT1H\n"
            "RDATE;VALUE=PERIOD:20240105T120000Z/PT2H,20240106T090000Z/20240106T093000Z\n"
            "RDATE;TZID=Europe/Berlin:20240110T100000\n") +
      "BEGIN:VEVENT\nUID:allday\nDTSTART;VALUE=DATE:20240201\nRDATE;VALUE=DATE:20240210\nEND:VEVENT\n");
  EXPECT_THAT(
      instancesIn(cal, always()),
      ElementsAre("2024-01-01T10:00:00Z/2024-01-01T11:00:00Z", "2024-01-05T12:00:00Z/2024-01-05T14:00:00Z",
                  "2024-01-06T09:00:00Z/2024-01-06T09:30:00Z", "2024-01-10T09:00:00Z/2024-01-10T10:00:00Z",
                  "2024-02-01T00:00:00Z/2024-02-02T00:00:00Z", "2024-02-10T00:00:00Z/2024-02-11T00:00:00Z"));
  // A period is found by a range that only touches its end.
  EXPECT_THAT(instancesIn(cal, between("2024-01-05T13:30:00Z", "2024-01-05T13:31:00Z")),
              ElementsAre("2024-01-05T12:00:00Z/2024-01-05T14:00:00Z"));
}

// Weekly at 10:00 Berlin on 5, 12, 19, 26 March 2024 (09:00Z), with three overrides.
const char* kOverridden =
    "BEGIN:VEVENT\nUID:o\nDTSTART;TZID=Europe/Berlin:20240305T100000\nDTEND;TZID=Europe/"
    "Berlin:20240305T110000\n"
    "RRULE:FREQ=WEEKLY;COUNT=4\nSUMMARY:master\nEND:VEVENT\n"
    // 12 March moved to Friday 15 March 14:00 Berlin.
    "BEGIN:VEVENT\nUID:o\nRECURRENCE-ID;TZID=Europe/Berlin:20240312T100000\n"
    "DTSTART;TZID=Europe/Berlin:20240315T140000\nDTEND;TZID=Europe/Berlin:20240315T150000\nSUMMARY:moved\n"
    "END:VEVENT\n"
    // 19 March shortened to 30 minutes; its RECURRENCE-ID is written in UTC.
    "BEGIN:VEVENT\nUID:o\nRECURRENCE-ID:20240319T090000Z\nDTSTART:20240319T090000Z\nDTEND:20240319T093000Z\n"
    "SUMMARY:short\nEND:VEVENT\n"
    // 26 March cancelled.
    "BEGIN:VEVENT\nUID:o\nRECURRENCE-ID;TZID=Europe/Berlin:20240326T100000\nSTATUS:CANCELLED\n"
    "DTSTART;TZID=Europe/Berlin:20240326T100000\nDTEND;TZID=Europe/Berlin:20240326T110000\nEND:VEVENT\n";

TEST(Recurrence, OverridesMoveShortenAndCancel) {
  Component cal = calendarOf(kOverridden);
  std::vector<std::string> seen;
  forEachInstance(
      cal, always(),
      [&](const Instance& in) {
        seen.push_back(domain::toRfc3339(in.start) + "/" + domain::toRfc3339(in.end) + " rid " +
                       domain::toRfc3339(*in.recurrenceId) + " " + *propertyText(in.source, "UID") +
                       (in.busy == BusyType::None ? " free" : " busy") + (in.overridden ? " override" : ""));
        return true;
      },
      testing::roomyBudget());
  EXPECT_THAT(
      seen,
      ElementsAre("2024-03-05T09:00:00Z/2024-03-05T10:00:00Z rid 2024-03-05T09:00:00Z o busy",
                  "2024-03-15T13:00:00Z/2024-03-15T14:00:00Z rid 2024-03-12T09:00:00Z o busy override",
                  "2024-03-19T09:00:00Z/2024-03-19T09:30:00Z rid 2024-03-19T09:00:00Z o busy override",
                  "2024-03-26T09:00:00Z/2024-03-26T10:00:00Z rid 2024-03-26T09:00:00Z o free override"));
}

TEST(Recurrence, OverrideMovedOutOfAndIntoARange) {
  Component cal = calendarOf(kOverridden);
  // The 12 March occurrence left its day...
  EXPECT_THAT(instancesIn(cal, between("2024-03-12T00:00:00Z", "2024-03-13T00:00:00Z")), IsEmpty());
  // ...and arrived on the 15th.
  EXPECT_THAT(instancesIn(cal, between("2024-03-15T00:00:00Z", "2024-03-16T00:00:00Z")),
              ElementsAre("2024-03-15T13:00:00Z/2024-03-15T14:00:00Z"));
  // The shortened one no longer reaches 09:45.
  EXPECT_THAT(instancesIn(cal, between("2024-03-19T09:45:00Z", "2024-03-19T10:00:00Z")), IsEmpty());
}

TEST(Recurrence, OverrideOfAnUnboundedRuleFarFromItsStart) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:u\nDTSTART;TZID=Europe/Berlin:20000104T100000\nDURATION:PT1H\n"
      "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:u\nRECURRENCE-ID;TZID=Europe/Berlin:20240411T100000\n"
      "DTSTART;TZID=Europe/Berlin:20240412T180000\nDURATION:PT1H\nEND:VEVENT\n");
  // Week of 2024-04-09 is an even number of weeks after 2000-01-04: Tue 9th, Thu 11th (moved).
  EXPECT_THAT(
      instancesIn(cal, between("2024-04-08T00:00:00Z", "2024-04-15T00:00:00Z")),
      ElementsAre("2024-04-09T08:00:00Z/2024-04-09T09:00:00Z", "2024-04-12T16:00:00Z/2024-04-12T17:00:00Z"));
  EXPECT_THAT(instancesIn(cal, between("2024-04-15T00:00:00Z", "2024-04-22T00:00:00Z")), IsEmpty());
}

TEST(Recurrence, ThisAndFutureShiftsTheRest) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:f\nDTSTART;TZID=Europe/Berlin:20240305T100000\nDTEND;TZID=Europe/"
      "Berlin:20240305T110000\n"
      "RRULE:FREQ=WEEKLY;COUNT=5\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:f\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20240319T100000\n"
      "DTSTART;TZID=Europe/Berlin:20240319T120000\nDTEND;TZID=Europe/Berlin:20240319T140000\nEND:VEVENT\n");
  EXPECT_THAT(
      instancesIn(cal, always()),
      ElementsAre("2024-03-05T09:00:00Z/2024-03-05T10:00:00Z", "2024-03-12T09:00:00Z/2024-03-12T10:00:00Z",
                  "2024-03-19T11:00:00Z/2024-03-19T13:00:00Z", "2024-03-26T11:00:00Z/2024-03-26T13:00:00Z",
                  "2024-04-02T10:00:00Z/2024-04-02T12:00:00Z"));
}

TEST(Recurrence, FloatingTimesAreReadInTheGivenZone) {
  Component cal = calendarOf(event("DTSTART:20240101T100000\nDTEND:20240101T110000\n"));
  EXPECT_THAT(instancesIn(cal, always()), ElementsAre("2024-01-01T10:00:00Z/2024-01-01T11:00:00Z"));
  TimeZoneContext berlin = *TimeZoneContext::named("Europe/Berlin");
  EXPECT_THAT(instancesIn(cal, always(), &berlin), ElementsAre("2024-01-01T09:00:00Z/2024-01-01T10:00:00Z"));
  TimeZoneContext ny = *TimeZoneContext::named("America/New_York");
  EXPECT_THAT(instancesIn(cal, always(), &ny), ElementsAre("2024-01-01T15:00:00Z/2024-01-01T16:00:00Z"));
  bool floating = false;
  forEachInstance(
      cal, always(), [&](const Instance& in) { return floating = in.floating, true; },
      testing::roomyBudget());
  EXPECT_TRUE(floating);
}

const char* kPlusThree =
    "BEGIN:VTIMEZONE\nTZID:Test/Plus3\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0300\n"
    "TZOFFSETTO:+0300\nTZNAME:P3\nEND:STANDARD\nEND:VTIMEZONE\n";

TEST(Recurrence, TzidWithAndWithoutVtimezone) {
  Component embedded =
      calendarOf(std::string(kPlusThree) + event("DTSTART;TZID=Test/Plus3:20240101T100000\nDURATION:PT1H\n"));
  EXPECT_THAT(instancesIn(embedded, always()), ElementsAre("2024-01-01T07:00:00Z/2024-01-01T08:00:00Z"));
  // A VTIMEZONE in the calendar wins over the built-in zone of the same name.
  Component shadowed = calendarOf(
      "BEGIN:VTIMEZONE\nTZID:Europe/Berlin\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0500\n"
      "TZOFFSETTO:+0500\nEND:STANDARD\nEND:VTIMEZONE\n" +
      event("DTSTART;TZID=Europe/Berlin:20240101T100000\nDURATION:PT1H\n"));
  EXPECT_THAT(instancesIn(shadowed, always()), ElementsAre("2024-01-01T05:00:00Z/2024-01-01T06:00:00Z"));
  // Without a VTIMEZONE the built-in zone answers, also for libical's prefixed ids.
  Component builtin =
      calendarOf(event("DTSTART;TZID=Europe/Berlin:20240701T100000\nDURATION:PT1H\n") +
                 "BEGIN:VEVENT\nUID:p\nDTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:"
                 "20240101T100000\nDURATION:PT1H\nEND:VEVENT\n");
  EXPECT_THAT(instancesIn(builtin, always()), ElementsAre("2024-07-01T08:00:00Z/2024-07-01T09:00:00Z",
                                                          "2024-01-01T09:00:00Z/2024-01-01T10:00:00Z"));
}

TEST(Recurrence, RangeMatchingFollowsTheEventTable) {
  // Zero length: qs <= DTSTART < qe.
  Component instant = calendarOf(event("DTSTART:20240101T100000Z\n"));
  EXPECT_EQ(instancesIn(instant, between("2024-01-01T10:00:00Z", "2024-01-01T10:00:01Z")).size(), 1u);
  EXPECT_EQ(instancesIn(instant, between("2024-01-01T09:00:00Z", "2024-01-01T10:00:00Z")).size(), 0u);
  // Half-open: a range ending at DTSTART or starting at DTEND does not match.
  Component hour = calendarOf(event("DTSTART:20240101T100000Z\nDTEND:20240101T110000Z\n"));
  EXPECT_EQ(instancesIn(hour, between("2024-01-01T09:00:00Z", "2024-01-01T10:00:00Z")).size(), 0u);
  EXPECT_EQ(instancesIn(hour, between("2024-01-01T11:00:00Z", "2024-01-01T12:00:00Z")).size(), 0u);
  EXPECT_EQ(instancesIn(hour, between("2024-01-01T10:59:59Z", "2024-01-01T12:00:00Z")).size(), 1u);
}

struct TodoRow {
  const char* props;
  const char* start;
  const char* end;
  bool matches;
};

// RFC 4791 §9.9, the VTODO table, row by row (S = 10:00, DUE/END = 12:00, CREATED 08:00,
// COMPLETED 14:00 on 2024-01-10 UTC).
TEST(Recurrence, TodoTimeRangeRows) {
  const TodoRow rows[] = {
      // DTSTART + DURATION: (start <= DTSTART+DURATION) and (end > DTSTART or end >= DTSTART+DURATION)
      {"DTSTART:20240110T100000Z\nDURATION:PT2H\n", "20240110T080000Z", "20240110T100000Z", false},
      {"DTSTART:20240110T100000Z\nDURATION:PT2H\n", "20240110T080000Z", "20240110T100100Z", true},
      {"DTSTART:20240110T100000Z\nDURATION:PT2H\n", "20240110T120000Z", "20240110T130000Z", true},
      {"DTSTART:20240110T100000Z\nDURATION:PT2H\n", "20240110T120100Z", "20240110T130000Z", false},
      // DTSTART + DUE: ((start < DUE) or (start <= DTSTART)) and ((end > DTSTART) or (end >= DUE))
      {"DTSTART:20240110T100000Z\nDUE:20240110T120000Z\n", "20240110T120000Z", "20240110T130000Z", false},
      {"DTSTART:20240110T100000Z\nDUE:20240110T120000Z\n", "20240110T090000Z", "20240110T100000Z", false},
      {"DTSTART:20240110T100000Z\nDUE:20240110T120000Z\n", "20240110T110000Z", "20240110T113000Z", true},
      {"DTSTART:20240110T100000Z\nDUE:20240110T100000Z\n", "20240110T090000Z", "20240110T100000Z", true},
      // DTSTART only: (start <= DTSTART) and (end > DTSTART)
      {"DTSTART:20240110T100000Z\n", "20240110T100000Z", "20240110T100100Z", true},
      {"DTSTART:20240110T100000Z\n", "20240110T090000Z", "20240110T100000Z", false},
      // DUE only: (start < DUE) and (end >= DUE)
      {"DUE:20240110T120000Z\n", "20240110T110000Z", "20240110T120000Z", true},
      {"DUE:20240110T120000Z\n", "20240110T120000Z", "20240110T130000Z", false},
      // COMPLETED + CREATED
      {"CREATED:20240110T080000Z\nCOMPLETED:20240110T140000Z\n", "20240110T140000Z", "20240110T150000Z",
       true},
      {"CREATED:20240110T080000Z\nCOMPLETED:20240110T140000Z\n", "20240110T070000Z", "20240110T080000Z",
       true},
      {"CREATED:20240110T080000Z\nCOMPLETED:20240110T140000Z\n", "20240110T140100Z", "20240110T150000Z",
       false},
      {"CREATED:20240110T080000Z\nCOMPLETED:20240110T140000Z\n", "20240110T060000Z", "20240110T075900Z",
       false},
      // COMPLETED only: (start <= COMPLETED) and (end >= COMPLETED)
      {"COMPLETED:20240110T140000Z\n", "20240110T130000Z", "20240110T140000Z", true},
      {"COMPLETED:20240110T140000Z\n", "20240110T140000Z", "20240110T150000Z", true},
      {"COMPLETED:20240110T140000Z\n", "20240110T130000Z", "20240110T135900Z", false},
      // CREATED only: (end > CREATED)
      {"CREATED:20240110T080000Z\n", "20000101T000000Z", "20240110T080000Z", false},
      {"CREATED:20240110T080000Z\n", "20000101T000000Z", "20240110T080100Z", true},
      {"CREATED:20240110T080000Z\n", "20990101T000000Z", "20990102T000000Z", true},
      // nothing: TRUE
      {"SUMMARY:someday\n", "19700101T000000Z", "19700102T000000Z", true},
  };
  for (const TodoRow& row : rows) {
    Component cal = calendarOf("BEGIN:VTODO\nUID:t\n" + std::string(row.props) + "END:VTODO\n");
    domain::Interval range{*parseUtcDateTime(row.start), *parseUtcDateTime(row.end)};
    EXPECT_EQ(instancesIn(cal, range).size(), row.matches ? 1u : 0u)
        << row.props << row.start << "/" << row.end;
  }
}

TEST(Recurrence, JournalRows) {
  Component timed = calendarOf("BEGIN:VJOURNAL\nUID:j\nDTSTART:20240110T100000Z\nEND:VJOURNAL\n");
  EXPECT_EQ(instancesIn(timed, between("2024-01-10T10:00:00Z", "2024-01-10T10:00:01Z")).size(), 1u);
  EXPECT_EQ(instancesIn(timed, between("2024-01-10T09:00:00Z", "2024-01-10T10:00:00Z")).size(), 0u);
  Component day = calendarOf("BEGIN:VJOURNAL\nUID:j\nDTSTART;VALUE=DATE:20240110\nEND:VJOURNAL\n");
  EXPECT_EQ(instancesIn(day, between("2024-01-10T23:00:00Z", "2024-01-11T01:00:00Z")).size(), 1u);
  EXPECT_EQ(instancesIn(day, between("2024-01-11T00:00:00Z", "2024-01-11T01:00:00Z")).size(), 0u);
  Component undated = calendarOf("BEGIN:VJOURNAL\nUID:j\nSUMMARY:x\nEND:VJOURNAL\n");
  EXPECT_EQ(instancesIn(undated, always()).size(), 0u);
}

TEST(Recurrence, RecurringTodoShiftsItsDue) {
  Component cal = calendarOf(
      "BEGIN:VTODO\nUID:t\nDTSTART:20240101T090000Z\nDUE:20240101T170000Z\nRRULE:FREQ=DAILY;COUNT=2\nEND:"
      "VTODO\n");
  EXPECT_THAT(instancesIn(cal, always()), ElementsAre("2024-01-01T09:00:00Z/2024-01-01T17:00:00Z",
                                                      "2024-01-02T09:00:00Z/2024-01-02T17:00:00Z"));
}

TEST(Recurrence, SkippingAheadGivesTheSameOccurrencesAsWalking) {
  // The engine jumps straight to far ranges for rules without COUNT; compare with a walk from DTSTART.
  const char* rules[] = {
      "FREQ=DAILY",
      "FREQ=DAILY;INTERVAL=3",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR",
      "FREQ=MONTHLY;BYDAY=2TU",
      "FREQ=MONTHLY;BYMONTHDAY=-1",
      "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31",
      "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
      "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
      "FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYDAY=-1SU",
      "FREQ=HOURLY;INTERVAL=7",
  };
  for (const char* rule : rules) {
    Component cal = calendarOf(event(
        "DTSTART;TZID=Europe/Berlin:20100105T103000\nDURATION:PT1H\nRRULE:" + std::string(rule) + "\n"));
    domain::Interval far = between("2024-02-01T00:00:00Z", "2024-05-01T00:00:00Z");
    std::vector<std::string> jumped = instancesIn(cal, far);
    std::vector<std::string> walked;
    forEachInstance(
        cal, {domain::Instant::min(), far.end},
        [&](const Instance& in) {
          if (in.window.matches(far))
            walked.push_back(domain::toRfc3339(in.start) + "/" + domain::toRfc3339(in.end));
          return true;
        },
        testing::roomyBudget());
    EXPECT_EQ(jumped, walked) << rule;
    EXPECT_FALSE(jumped.empty()) << rule;
  }
}

TEST(Recurrence, WallTimeInTheSpringGapMovesForward) {
  // 02:30 does not exist in Berlin on 31 March 2024; it is read as 03:30 CEST.
  Component cal = calendarOf(
      event("DTSTART;TZID=Europe/Berlin:20240330T023000\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=3\n"));
  EXPECT_THAT(instancesIn(cal, always()), ElementsAre("2024-03-30T01:30:00Z/2024-03-30T02:30:00Z",
                                                      "2024-03-31T01:30:00Z/2024-03-31T02:30:00Z",
                                                      "2024-04-01T00:30:00Z/2024-04-01T01:30:00Z"));
}

TEST(Recurrence, AmbiguousWallTimeIsItsFirstOccurrence) {
  // 02:30 happens twice in Berlin on 27 October 2024: first in CEST (00:30Z), then in CET.
  Component cal = calendarOf(
      event("DTSTART;TZID=Europe/Berlin:20241026T023000\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=3\n"));
  EXPECT_THAT(instancesIn(cal, always()), ElementsAre("2024-10-26T00:30:00Z/2024-10-26T01:30:00Z",
                                                      "2024-10-27T00:30:00Z/2024-10-27T01:30:00Z",
                                                      "2024-10-28T01:30:00Z/2024-10-28T02:30:00Z"));
}

TEST(Recurrence, OverridesWithoutAMaster) {
  // An invitation to one occurrence only.
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:i\nRECURRENCE-ID:20240312T090000Z\nDTSTART:20240312T100000Z\nDURATION:PT1H\nEND:"
      "VEVENT\n");
  std::vector<std::string> seen;
  forEachInstance(
      cal, always(),
      [&](const Instance& in) {
        seen.push_back(domain::toRfc3339(in.start) + " rid " + domain::toRfc3339(*in.recurrenceId));
        return true;
      },
      testing::roomyBudget());
  EXPECT_THAT(seen, ElementsAre("2024-03-12T10:00:00Z rid 2024-03-12T09:00:00Z"));
}

TEST(Recurrence, ExdateRemovesRdatesAndWholeDays) {
  Component cal = calendarOf(
      event("DTSTART:20240101T100000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=4\nRDATE:20240110T100000Z\n"
            "EXDATE:20240110T100000Z\nEXDATE;VALUE=DATE:20240102\n"));
  EXPECT_THAT(instancesIn(cal, always()), ElementsAre("2024-01-01T10:00:00Z/2024-01-01T11:00:00Z",
                                                      "2024-01-03T10:00:00Z/2024-01-03T11:00:00Z",
                                                      "2024-01-04T10:00:00Z/2024-01-04T11:00:00Z"));
}

TEST(Recurrence, MonthlyAndYearlyRulesGoThroughLibical) {
  Component cal = calendarOf(
      event("DTSTART;TZID=America/"
            "New_York:20240131T090000\nDURATION:PT30M\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4\n"));
  EXPECT_THAT(
      instancesIn(cal, always()),
      ElementsAre("2024-01-31T14:00:00Z/2024-01-31T14:30:00Z", "2024-02-29T14:00:00Z/2024-02-29T14:30:00Z",
                  "2024-03-31T13:00:00Z/2024-03-31T13:30:00Z", "2024-04-30T13:00:00Z/2024-04-30T13:30:00Z"));
}

TEST(Recurrence, VisitorCanStop) {
  Component cal = calendarOf(event("DTSTART:20240101T100000Z\nRRULE:FREQ=DAILY\n"));
  int seen = 0;
  InstanceScan scan = forEachInstance(
      cal, between("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
      [&](const Instance&) { return ++seen < 3; }, testing::roomyBudget());
  EXPECT_TRUE(scan.stopped);
  EXPECT_EQ(seen, 3);
}

}  // namespace
}  // namespace bookdav::caldav::ical
