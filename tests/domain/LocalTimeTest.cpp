#include "domain/time/LocalTime.h"

#include <gtest/gtest.h>

#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::domain {
namespace {

using namespace std::chrono;
using caldav::ical::IcalZoneRules;

Instant utc(const char* text) {
  return *parseRfc3339(text);
}
LocalDateTime local(int y, unsigned m, unsigned d, int h, int mi) {
  return LocalDateTime{year_month_day{year{y}, month{m}, day{d}}, hours{h} + minutes{mi}};
}

TEST(LocalTime, BerlinOffsetsAcrossDst) {
  const auto& z = IcalZoneRules::instance();
  EXPECT_EQ(z.utcOffset("Europe/Berlin", utc("2026-01-15T12:00:00Z")), Seconds{3600});
  EXPECT_EQ(z.utcOffset("Europe/Berlin", utc("2026-07-15T12:00:00Z")), Seconds{7200});
  EXPECT_EQ(z.utcOffset("America/New_York", utc("2026-01-15T12:00:00Z")), Seconds{-5 * 3600});
  EXPECT_EQ(z.utcOffset("Asia/Kolkata", utc("2026-01-15T12:00:00Z")), Seconds{19800});
  EXPECT_TRUE(z.knows("Europe/Berlin"));
  EXPECT_FALSE(z.knows("Mars/Olympus_Mons"));
}

TEST(LocalTime, RoundTripOnOrdinaryDays) {
  const auto& z = IcalZoneRules::instance();
  Instant t = fromLocal(z, "Europe/Berlin", local(2026, 12, 1, 10, 30));
  EXPECT_EQ(toRfc3339(t), "2026-12-01T09:30:00Z");
  EXPECT_EQ(toLocal(z, "Europe/Berlin", t), local(2026, 12, 1, 10, 30));
}

TEST(LocalTime, SpringForwardGapMovesForward) {
  const auto& z = IcalZoneRules::instance();
  // 2026-03-29: Berlin skips 02:00-03:00.
  EXPECT_EQ(toRfc3339(fromLocal(z, "Europe/Berlin", local(2026, 3, 29, 2, 30))), "2026-03-29T01:30:00Z");
  EXPECT_EQ(toRfc3339(fromLocal(z, "Europe/Berlin", local(2026, 3, 29, 3, 0))), "2026-03-29T01:00:00Z");
  EXPECT_EQ(toRfc3339(fromLocal(z, "Europe/Berlin", local(2026, 3, 29, 1, 59))), "2026-03-29T00:59:00Z");
}

TEST(LocalTime, InstantsOfAWallClockTimeAreNoneOneOrTwo) {
  const auto& z = IcalZoneRules::instance();
  auto texts = [&](std::vector<Instant> all) {
    std::vector<std::string> out;
    for (Instant t : all) out.push_back(toRfc3339(t));
    return out;
  };
  EXPECT_EQ(texts(instantsOf(z, "Europe/Madrid", local(2026, 10, 25, 2, 30))),
            (std::vector<std::string>{"2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"}));
  EXPECT_EQ(texts(instantsOf(z, "Europe/Madrid", local(2026, 3, 29, 2, 30))), std::vector<std::string>{});
  EXPECT_EQ(texts(instantsOf(z, "Europe/Madrid", local(2026, 10, 25, 3, 0))),
            std::vector<std::string>{"2026-10-25T02:00:00Z"});
  EXPECT_EQ(texts(instantsOf(z, "UTC", local(2026, 10, 25, 2, 30))),
            std::vector<std::string>{"2026-10-25T02:30:00Z"});
}

TEST(LocalTime, FallBackOverlapTakesEarlierInstant) {
  const auto& z = IcalZoneRules::instance();
  // 2026-10-25: Berlin repeats 02:00-03:00.
  EXPECT_EQ(toRfc3339(fromLocal(z, "Europe/Berlin", local(2026, 10, 25, 2, 30))), "2026-10-25T00:30:00Z");
  // New York 2026-11-01 repeats 01:00-02:00.
  EXPECT_EQ(toRfc3339(fromLocal(z, "America/New_York", local(2026, 11, 1, 1, 30))), "2026-11-01T05:30:00Z");
}

TEST(LocalTime, DayLengths) {
  const auto& z = IcalZoneRules::instance();
  auto len = [&](int y, unsigned m, unsigned d) {
    year_month_day a{year{y}, month{m}, day{d}};
    year_month_day b{sys_days{a} + days{1}};
    return startOfLocalDay(z, "Europe/Berlin", b) - startOfLocalDay(z, "Europe/Berlin", a);
  };
  EXPECT_EQ(len(2026, 3, 29), hours{23});
  EXPECT_EQ(len(2026, 10, 25), hours{25});
  EXPECT_EQ(len(2026, 6, 1), hours{24});
}

}  // namespace
}  // namespace bookdav::domain
