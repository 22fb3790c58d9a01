#include "caldav/ical/Instances.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

using namespace testing;
using domain::Instant;

std::string describe(const IndexedSpan& s) {
  auto text = [](Instant t) {
    if (t == Instant::min()) return std::string("-inf");
    if (t == Instant::max()) return std::string("+inf");
    return domain::toRfc3339(t);
  };
  const char* busy[] = {"none", "busy", "tentative", "unavailable"};
  return text(s.start) + "/" + text(s.end) + (s.exact ? "" : " inexact") + (s.floating ? " floating" : "") +
         " " + busy[static_cast<int>(s.busy)];
}

std::vector<std::string> describe(const Expansion& e) {
  std::vector<std::string> out;
  for (const IndexedSpan& s : e.spans) out.push_back(describe(s));
  return out;
}

TEST(Instances, UnboundedRuleIsCoveredUntilTheHorizon) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:u\nDTSTART;TZID=Europe/Berlin:20240101T100000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY\n"
      "END:VEVENT\n");
  Expansion e = expandForIndex(cal, at("2024-02-01T00:00:00Z"), testing::roomyBudget());
  EXPECT_THAT(describe(e), ::testing::ElementsAre("2024-01-01T09:00:00Z/2024-01-01T10:00:00Z busy",
                                                  "2024-01-08T09:00:00Z/2024-01-08T10:00:00Z busy",
                                                  "2024-01-15T09:00:00Z/2024-01-15T10:00:00Z busy",
                                                  "2024-01-22T09:00:00Z/2024-01-22T10:00:00Z busy",
                                                  "2024-01-29T09:00:00Z/2024-01-29T10:00:00Z busy"));
  EXPECT_EQ(e.coveredUntil, at("2024-02-01T00:00:00Z"));
}

TEST(Instances, FiniteRuleIsCoveredForever) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:c\nDTSTART:20240101T100000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n");
  Expansion e = expandForIndex(cal, at("2030-01-01T00:00:00Z"), testing::roomyBudget());
  EXPECT_EQ(e.spans.size(), 3u);
  EXPECT_EQ(e.coveredUntil, Instant::max());
}

TEST(Instances, InstancesPastTheHorizonAreNotCovered) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:c\nDTSTART:20240101T100000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:later\nDTSTART:20250101T100000Z\nDURATION:PT1H\nEND:VEVENT\n");
  Expansion e = expandForIndex(cal, at("2024-01-02T12:00:00Z"), testing::roomyBudget());
  EXPECT_EQ(e.spans.size(), 2u);
  EXPECT_EQ(e.coveredUntil, at("2024-01-02T12:00:00Z"));
}

TEST(Instances, MaxInstancesCutsCoverage) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:d\nDTSTART:20240101T100000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY\nEND:VEVENT\n");
  Expansion e = expandForIndex(cal, at("2030-01-01T00:00:00Z"), testing::roomyBudget(), 3);
  EXPECT_EQ(e.spans.size(), 3u);
  EXPECT_EQ(e.coveredUntil, at("2024-01-03T10:00:00Z"));
  EXPECT_EQ(e.spans.back().start, at("2024-01-03T10:00:00Z"));
}

TEST(Instances, AHorizonStartKeepsOldDailyEventsSmall) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:d\nDTSTART;TZID=Europe/"
      "Berlin:20000101T080000\nDURATION:PT1H\nRRULE:FREQ=DAILY\nEND:VEVENT\n");
  Expansion e = expandForIndex(cal, at("2024-01-31T23:59:59Z"), testing::roomyBudget(), 100,
                               at("2024-01-01T00:00:00Z"));
  ASSERT_EQ(e.spans.size(), 31u);
  EXPECT_EQ(describe(e.spans.front()), "2024-01-01T07:00:00Z/2024-01-01T08:00:00Z busy");
  EXPECT_EQ(describe(e.spans.back()), "2024-01-31T07:00:00Z/2024-01-31T08:00:00Z busy");
  EXPECT_EQ(e.coveredFrom, at("2024-01-01T00:00:00Z"));
  EXPECT_EQ(e.coveredUntil, at("2024-01-31T23:59:59Z"));
  // From the beginning of time the same limit stops in 2000.
  Expansion all = expandForIndex(cal, at("2024-01-31T23:59:59Z"), testing::roomyBudget(), 100);
  EXPECT_EQ(all.spans.size(), 100u);
  EXPECT_EQ(all.coveredUntil, at("2000-04-09T06:00:00Z"));  // summer time since 26 March
}

TEST(Instances, OverrideMovedPastTheHorizonIsNotIndexedYet) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:m\nDTSTART:20240101T100000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:m\nRECURRENCE-ID:20240102T100000Z\nDTSTART:20240301T100000Z\nDURATION:PT1H\nEND:"
      "VEVENT\n");
  Expansion e = expandForIndex(cal, at("2024-02-01T00:00:00Z"), testing::roomyBudget());
  EXPECT_THAT(describe(e), ::testing::ElementsAre("2024-01-01T10:00:00Z/2024-01-01T11:00:00Z busy"));
  EXPECT_EQ(e.coveredUntil, at("2024-02-01T00:00:00Z"));
  Expansion all = expandForIndex(cal, at("2024-04-01T00:00:00Z"), testing::roomyBudget());
  EXPECT_EQ(all.spans.size(), 2u);
  EXPECT_EQ(all.coveredUntil, Instant::max());
}

TEST(Instances, ExactnessFloatingAndBusy) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:zero\nDTSTART:20240101T100000Z\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:allday\nDTSTART;VALUE=DATE:20240102\nTRANSP:TRANSPARENT\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:tentative\nDTSTART:20240103T100000\nDTEND:20240103T110000\nSTATUS:TENTATIVE\n"
      "END:VEVENT\n"
      "BEGIN:VEVENT\nUID:cancelled\nDTSTART:20240104T100000Z\nDURATION:PT1H\nSTATUS:CANCELLED\nEND:VEVENT\n");
  EXPECT_THAT(describe(expandForIndex(cal, at("2025-01-01T00:00:00Z"), testing::roomyBudget())),
              ::testing::ElementsAre("2024-01-01T10:00:00Z/2024-01-01T10:00:00Z inexact busy",
                                     "2024-01-02T00:00:00Z/2024-01-03T00:00:00Z floating none",
                                     "2024-01-03T10:00:00Z/2024-01-03T11:00:00Z floating tentative",
                                     "2024-01-04T10:00:00Z/2024-01-04T11:00:00Z none"));
}

TEST(Instances, TodosJournalsFreeBusyAndAvailability) {
  Component todos = calendarOf("BEGIN:VTODO\nUID:t\nSUMMARY:someday\nEND:VTODO\n");
  EXPECT_THAT(describe(expandForIndex(todos, at("2025-01-01T00:00:00Z"), testing::roomyBudget())),
              ::testing::ElementsAre("-inf/+inf none"));
  Component due = calendarOf("BEGIN:VTODO\nUID:t\nDUE:20240110T120000Z\nEND:VTODO\n");
  EXPECT_THAT(describe(expandForIndex(due, at("2025-01-01T00:00:00Z"), testing::roomyBudget())),
              ::testing::ElementsAre("2024-01-10T12:00:00Z/2024-01-10T12:00:00Z inexact none"));
  Component journal = calendarOf("BEGIN:VJOURNAL\nUID:j\nSUMMARY:x\nEND:VJOURNAL\n");
  EXPECT_TRUE(expandForIndex(journal, at("2025-01-01T00:00:00Z"), testing::roomyBudget()).spans.empty());
  Component fb = calendarOf(
      "BEGIN:VFREEBUSY\nUID:f\nDTSTART:20240101T000000Z\nDTEND:20240102T000000Z\n"
      "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20240101T080000Z/PT1H\nFREEBUSY:20240101T100000Z/20240101T110000Z\n"
      "FREEBUSY;FBTYPE=FREE:20240101T120000Z/PT1H\nEND:VFREEBUSY\n");
  EXPECT_THAT(describe(expandForIndex(fb, at("2025-01-01T00:00:00Z"), testing::roomyBudget())),
              ::testing::ElementsAre("2024-01-01T00:00:00Z/2024-01-02T00:00:00Z inexact none",
                                     "2024-01-01T08:00:00Z/2024-01-01T09:00:00Z unavailable",
                                     "2024-01-01T10:00:00Z/2024-01-01T11:00:00Z busy",
                                     "2024-01-01T12:00:00Z/2024-01-01T13:00:00Z none"));
  Component avail = calendarOf("BEGIN:VAVAILABILITY\nUID:a\nDTSTART:20240101T000000Z\nEND:VAVAILABILITY\n");
  EXPECT_THAT(describe(expandForIndex(avail, at("2025-01-01T00:00:00Z"), testing::roomyBudget())),
              ::testing::ElementsAre("2024-01-01T00:00:00Z/+inf none"));
}

TEST(Instances, CancelledOverrideIsIndexedAsFree) {
  Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:m\nDTSTART:20240101T100000Z\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=2\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:m\nRECURRENCE-ID:20240102T100000Z\nDTSTART:20240102T100000Z\nDURATION:PT1H\n"
      "STATUS:CANCELLED\nEND:VEVENT\n");
  EXPECT_THAT(describe(expandForIndex(cal, at("2025-01-01T00:00:00Z"), testing::roomyBudget())),
              ::testing::ElementsAre("2024-01-01T10:00:00Z/2024-01-01T11:00:00Z busy",
                                     "2024-01-02T10:00:00Z/2024-01-02T11:00:00Z none"));
}

}  // namespace
}  // namespace bookdav::caldav::ical
