#include "caldav/calendar/FreeBusy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::calendar {
namespace {

using ical::testing::at;
using ical::testing::between;
using ical::testing::calendarOf;
using ::testing::ElementsAre;

FreeBusyPeriod period(const char* s, const char* e, FbType t) {
  return {between(s, e), t};
}

TEST(FreeBusy, MergesPerTypeClipsAndOrders) {
  std::vector<FreeBusyPeriod> periods = {
      period("2024-01-01T09:00:00Z", "2024-01-01T10:00:00Z", FbType::Busy),
      period("2024-01-01T09:30:00Z", "2024-01-01T11:00:00Z", FbType::Busy),             // overlaps
      period("2024-01-01T11:00:00Z", "2024-01-01T11:30:00Z", FbType::Busy),             // touches
      period("2024-01-01T10:00:00Z", "2024-01-01T12:00:00Z", FbType::BusyTentative),    // another type
      period("2024-01-01T06:00:00Z", "2024-01-01T08:30:00Z", FbType::BusyUnavailable),  // clipped
      period("2024-01-01T20:00:00Z", "2024-01-02T20:00:00Z", FbType::Busy),             // clipped
      period("2024-01-02T09:00:00Z", "2024-01-02T10:00:00Z", FbType::Busy),             // outside
  };
  FreeBusyOptions options;
  options.dtstamp = at("2023-12-31T12:00:00Z");
  std::string text =
      renderFreeBusy(periods, between("2024-01-01T08:00:00Z", "2024-01-01T22:00:00Z"), options);
  EXPECT_EQ(text,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav//bookdav//EN\r\nBEGIN:VFREEBUSY\r\n"
            "DTSTAMP:20231231T120000Z\r\nDTSTART:20240101T080000Z\r\nDTEND:20240101T220000Z\r\n"
            "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20240101T080000Z/20240101T083000Z\r\n"
            "FREEBUSY:20240101T090000Z/20240101T113000Z\r\n"
            "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20240101T100000Z/20240101T120000Z\r\n"
            "FREEBUSY:20240101T200000Z/20240101T220000Z\r\n"
            "END:VFREEBUSY\r\nEND:VCALENDAR\r\n");
}

TEST(FreeBusy, BookableSlotsStayOnePeriodEach) {
  std::vector<FreeBusyPeriod> slots = {
      period("2024-01-01T09:00:00Z", "2024-01-01T09:30:00Z", FbType::Free),
      period("2024-01-01T09:30:00Z", "2024-01-01T10:00:00Z", FbType::Free),
  };
  FreeBusyOptions options;
  options.dtstamp = at("2024-01-01T00:00:00Z");
  options.mergeFree = false;
  options.uid = "fb-1";
  std::string separate =
      renderFreeBusy(slots, between("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"), options);
  EXPECT_THAT(separate, ::testing::HasSubstr("UID:fb-1\r\nDTSTAMP:20240101T000000Z\r\n"));
  EXPECT_THAT(separate, ::testing::HasSubstr("FREEBUSY;FBTYPE=FREE:20240101T090000Z/20240101T093000Z\r\n"
                                             "FREEBUSY;FBTYPE=FREE:20240101T093000Z/20240101T100000Z\r\n"));
  options.mergeFree = true;
  std::string merged =
      renderFreeBusy(slots, between("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"), options);
  EXPECT_THAT(merged, ::testing::HasSubstr("FREEBUSY;FBTYPE=FREE:20240101T090000Z/20240101T100000Z\r\n"));
}

TEST(FreeBusy, DtstampIsUtcEvenByDefault) {
  std::string text = renderFreeBusy({}, between("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"));
  size_t pos = text.find("DTSTAMP:");
  ASSERT_NE(pos, std::string::npos);
  EXPECT_EQ(text.substr(pos + 8 + 15, 3), "Z\r\n");
}

TEST(FreeBusy, BusyFromCalendarHonoursTranspStatusAndOverrides) {
  ical::Component cal = calendarOf(
      "BEGIN:VEVENT\nUID:w\nDTSTART;TZID=Europe/"
      "Berlin:20240325T100000\nDURATION:PT1H\nRRULE:FREQ=DAILY;COUNT=4\n"
      "END:VEVENT\n"
      // 26 March cancelled, 27 March tentative and moved to 14:00 Berlin.
      "BEGIN:VEVENT\nUID:w\nRECURRENCE-ID;TZID=Europe/Berlin:20240326T100000\nDTSTART;TZID=Europe/"
      "Berlin:20240326T100000\n"
      "DURATION:PT1H\nSTATUS:CANCELLED\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:w\nRECURRENCE-ID;TZID=Europe/Berlin:20240327T100000\nDTSTART;TZID=Europe/"
      "Berlin:20240327T140000\n"
      "DURATION:PT1H\nSTATUS:TENTATIVE\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:t\nDTSTART:20240325T120000Z\nDURATION:PT1H\nTRANSP:TRANSPARENT\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:c\nDTSTART:20240325T130000Z\nDURATION:PT1H\nSTATUS:CANCELLED\nEND:VEVENT\n"
      "BEGIN:VEVENT\nUID:f\nDTSTART:20240325T150000\nDURATION:PT1H\nEND:VEVENT\n"
      "BEGIN:VTODO\nUID:todo\nDTSTART:20240325T160000Z\nDUE:20240325T170000Z\nEND:VTODO\n");
  std::vector<FreeBusyPeriod> busy =
      busyFromCalendar(cal, between("2024-03-25T00:00:00Z", "2024-03-29T00:00:00Z"),
                       *TimeZoneContext::named("Europe/Berlin"), ical::testing::roomyBudget());
  // Berlin switches to summer time on 31 March: +01:00 all week. The floating 15:00 is 14:00Z.
  EXPECT_THAT(busy, ElementsAre(period("2024-03-25T09:00:00Z", "2024-03-25T10:00:00Z", FbType::Busy),
                                period("2024-03-27T13:00:00Z", "2024-03-27T14:00:00Z", FbType::BusyTentative),
                                period("2024-03-28T09:00:00Z", "2024-03-28T10:00:00Z", FbType::Busy),
                                period("2024-03-25T14:00:00Z", "2024-03-25T15:00:00Z", FbType::Busy)));
}

TEST(FreeBusy, StoredFreeBusyPeriodsKeepTheirTypes) {
  ical::Component cal = calendarOf(
      "BEGIN:VFREEBUSY\nUID:f\nFREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20240101T080000Z/PT1H\n"
      "FREEBUSY;FBTYPE=FREE:20240101T100000Z/PT1H\nFREEBUSY:20240101T120000Z/PT2H\nEND:VFREEBUSY\n");
  std::vector<FreeBusyPeriod> busy =
      busyFromCalendar(cal, between("2024-01-01T00:00:00Z", "2024-01-01T13:00:00Z"), TimeZoneContext::utc(),
                       ical::testing::roomyBudget());
  EXPECT_THAT(busy,
              ElementsAre(period("2024-01-01T08:00:00Z", "2024-01-01T09:00:00Z", FbType::BusyUnavailable),
                          period("2024-01-01T12:00:00Z", "2024-01-01T13:00:00Z", FbType::Busy)));
}

}  // namespace
}  // namespace bookdav::caldav::calendar
