#include "domain/time/Instant.h"

#include <gtest/gtest.h>

namespace bookdav::domain {
namespace {

TEST(Rfc3339, RoundTripsUtc) {
  auto t = parseRfc3339("2026-12-01T10:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(toRfc3339(*t), "2026-12-01T10:30:00Z");
  EXPECT_EQ(toUnix(*t), 1796121000);
}

TEST(Rfc3339, AppliesOffsetsAndDropsFractions) {
  EXPECT_EQ(toRfc3339(*parseRfc3339("2026-12-01T11:30:00+01:00")), "2026-12-01T10:30:00Z");
  EXPECT_EQ(toRfc3339(*parseRfc3339("2026-12-01T05:30:00.250-05:00")), "2026-12-01T10:30:00Z");
}

TEST(Rfc3339, RejectsNonsense) {
  for (const char* bad : {"", "2026-12-01", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                          "2026-12-01T10:30:00", "2026-12-01T10:30:00Zjunk", "2026-12-01T25:00:00Z"}) {
    EXPECT_FALSE(parseRfc3339(bad)) << bad;
  }
}

TEST(IsoDuration, ParsesAndFormats) {
  EXPECT_EQ(parseIsoDuration("PT30M"), Seconds{1800});
  EXPECT_EQ(parseIsoDuration("P1DT1H"), Seconds{90000});
  EXPECT_EQ(parseIsoDuration("P2W"), Seconds{14 * 86400});
  EXPECT_EQ(parseIsoDuration("-PT15M"), Seconds{-900});
  EXPECT_FALSE(parseIsoDuration("P"));
  EXPECT_FALSE(parseIsoDuration("PT"));
  EXPECT_FALSE(parseIsoDuration("30M"));
  EXPECT_FALSE(parseIsoDuration("P1H"));
  EXPECT_EQ(toIsoDuration(Seconds{1800}), "PT30M");
  EXPECT_EQ(toIsoDuration(Seconds{90000}), "P1DT1H");
  EXPECT_EQ(toIsoDuration(Seconds{0}), "PT0S");
}

TEST(Interval, HalfOpenOverlap) {
  Interval a{fromUnix(0), fromUnix(10)}, b{fromUnix(10), fromUnix(20)}, c{fromUnix(5), fromUnix(15)};
  EXPECT_FALSE(a.overlaps(b));
  EXPECT_TRUE(a.overlaps(c));
  EXPECT_TRUE(c.overlaps(b));
  EXPECT_TRUE(a.contains(fromUnix(0)));
  EXPECT_FALSE(a.contains(fromUnix(10)));
}

}  // namespace
}  // namespace bookdav::domain
