// Generated events give local times with their zone and carry its VTIMEZONE, except where only UTC
// names the instant (the second pass through a fall-back hour).
#include "caldav/booking/EventText.h"

#include <gtest/gtest.h>

#include "domain/time/Instant.h"

namespace bookdav::caldav {
namespace {

domain::Instant utc(const char* text) {
  return *domain::parseRfc3339(text);
}

std::string eventWith(const char* start, const char* end, const char* zone) {
  EventText e("-//test//EN");
  e.begin("VEVENT");
  e.zoned("DTSTART", utc(start), zone);
  e.zoned("DTEND", utc(end), zone);
  e.end("VEVENT");
  return e.finish();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(EventTextZone, LocalTimesCarryTheirZoneAndItsVtimezone) {
  std::string text = eventWith("2026-12-01T09:30:00Z", "2026-12-01T10:00:00Z", "Europe/Madrid");
  EXPECT_TRUE(contains(text, "DTSTART;TZID=Europe/Madrid:20261201T103000\r\n")) << text;
  EXPECT_TRUE(contains(text, "DTEND;TZID=Europe/Madrid:20261201T110000\r\n"));
  const size_t zone = text.find("BEGIN:VTIMEZONE\r\nTZID:Europe/Madrid\r\n");
  ASSERT_NE(zone, std::string::npos) << text;
  EXPECT_LT(zone, text.find("BEGIN:VEVENT")) << "the VTIMEZONE comes before the event that uses it";
  EXPECT_EQ(text.find("BEGIN:VTIMEZONE", zone + 1), std::string::npos) << "once";
  EXPECT_FALSE(contains(text, "freeassociation"));
}

TEST(EventTextZone, UtcAndTheSecondPassThroughTheFallBackHourStayUtc) {
  std::string text = eventWith("2026-12-01T09:30:00Z", "2026-12-01T10:00:00Z", "UTC");
  EXPECT_TRUE(contains(text, "DTSTART:20261201T093000Z\r\n")) << text;
  EXPECT_FALSE(contains(text, "VTIMEZONE"));
  // 02:30 CEST (00:30Z) is what local 02:30 means on 2026-10-25; 02:30 CET (01:30Z) can only be UTC.
  text = eventWith("2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "Europe/Madrid");
  EXPECT_TRUE(contains(text, "DTSTART;TZID=Europe/Madrid:20261025T023000\r\n")) << text;
  EXPECT_TRUE(contains(text, "DTEND:20261025T013000Z\r\n")) << text;
}

}  // namespace
}  // namespace bookdav::caldav
