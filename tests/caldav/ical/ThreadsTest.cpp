// libical keeps iteration state inside components and loads zones lazily: four threads that parse,
// expand, filter and render their own components at the same time must see what one thread sees.
#include <gtest/gtest.h>

#include <thread>

#include "caldav/calendar/CalendarData.h"
#include "caldav/calendar/FreeBusy.h"
#include "caldav/ical/CalendarObject.h"
#include "caldav/ical/Instances.h"
#include "caldav/xml/Xml.h"
#include "tests/caldav/ical/IcalTestSupport.h"

namespace bookdav::caldav::ical {
namespace {

const domain::FixedClock kClock(*domain::parseRfc3339("2024-05-01T12:00:00Z"));

std::string objectText(int n) {
  // Zones differ per object, and some are built-in zones no other test touched before.
  const char* zones[] = {"Europe/Berlin",     "America/New_York", "Asia/Tokyo",   "Australia/Sydney",
                         "America/Sao_Paulo", "Europe/Lisbon",    "Africa/Cairo", "Pacific/Auckland"};
  std::string zone = zones[n % 8];
  return "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:obj-" + std::to_string(n) +
         "\nDTSTART;TZID=" + zone + ":20240105T0930" + std::to_string(10 + n % 50) +
         "\nDURATION:PT45M\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=60\nSUMMARY:Class " + std::to_string(n) +
         "\nEND:VEVENT\nBEGIN:VEVENT\nUID:obj-" + std::to_string(n) + "\nRECURRENCE-ID;TZID=" + zone +
         ":20240108T0930" + std::to_string(10 + n % 50) + "\nDTSTART;TZID=" + zone + ":20240109T1200" +
         "00\nDURATION:PT1H\nSTATUS:TENTATIVE\nEND:VEVENT\nEND:VCALENDAR\n";
}

// Everything one object yields, as one string.
std::string work(int n) {
  ParsedObject o = parseObject(objectText(n), AllowedComponents::all(), testing::roomyBudget(), kClock);
  std::string out = o.text;
  Expansion e =
      expandForIndex(o.calendar, *domain::parseRfc3339("2025-01-01T00:00:00Z"), testing::roomyBudget());
  for (const IndexedSpan& s : e.spans) out += domain::toRfc3339(s.start) + domain::toRfc3339(s.end);
  calendar::CalendarDataRequest expand;
  expand.expand = testing::between("2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z");
  out += calendar::render(o.text, expand, TimeZoneContext::utc(), ical::testing::roomyBudget());
  for (const calendar::FreeBusyPeriod& p : calendar::busyFromCalendar(
           o.calendar, testing::between("2024-01-01T00:00:00Z", "2024-04-01T00:00:00Z"),
           *TimeZoneContext::named("Europe/Berlin"), testing::roomyBudget()))
    out += domain::toRfc3339(p.interval.start);
  return out;
}

TEST(Threads, FourThreadsComputeWhatOneComputes) {
  initialize();
  constexpr int kObjects = 24;
  // Run alone (as ctest does) the threads are the first to load most of these zones.
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &results] {
      for (int round = 0; round < 5; ++round)
        for (int n = 0; n < kObjects; ++n) results[t].push_back(work((n + t * 7) % kObjects));
    });
  }
  for (std::thread& th : threads) th.join();
  std::vector<std::string> expected;
  for (int n = 0; n < kObjects; ++n) expected.push_back(work(n));
  for (int t = 0; t < 4; ++t) {
    ASSERT_EQ(results[t].size(), 5u * kObjects);
    for (size_t i = 0; i < results[t].size(); ++i) {
      int n = (static_cast<int>(i % kObjects) + t * 7) % kObjects;
      EXPECT_TRUE(results[t][i] == expected[n]) << "thread " << t << " object " << n;
    }
  }
}

}  // namespace
}  // namespace bookdav::caldav::ical
