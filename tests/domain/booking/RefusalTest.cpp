#include "domain/booking/Refusal.h"

#include <gtest/gtest.h>

#include "caldav/ical/IcalZoneRules.h"
#include "domain/booking/Ids.h"
#include "domain/booking/Intervals.h"
#include "domain/booking/LocalText.h"
#include "domain/booking/Sentences.h"
#include "tests/domain/booking/Builders.h"

namespace bookdav::domain {
namespace {

using namespace std::chrono;
using namespace testing;

TEST(Refusal, WireNamesMatchTheDesignPreconditions) {
  EXPECT_EQ(refusalName(Refusal::SlotUnavailable), "slot-unavailable");
  EXPECT_EQ(refusalName(Refusal::NotASessionTime), "not-a-session-time");
  EXPECT_EQ(refusalName(Refusal::SessionFull), "session-full");
  EXPECT_EQ(refusalName(Refusal::SessionLocked), "session-locked");
  EXPECT_EQ(refusalName(Refusal::TooEarly), "too-early");
  EXPECT_EQ(refusalName(Refusal::TooLate), "too-late");
  EXPECT_EQ(refusalName(Refusal::TooManyParticipants), "too-many-participants");
  EXPECT_EQ(refusalName(Refusal::CancellationClosed), "cancellation-closed");
  EXPECT_EQ(refusalName(Refusal::RescheduleClosed), "reschedule-closed");
  EXPECT_EQ(refusalName(Refusal::NotYourBooking), "not-your-booking");
  EXPECT_EQ(refusalName(Refusal::SessionStarted), "session-started");
  for (int i = 0; i <= static_cast<int>(Refusal::SessionStarted); ++i) {
    auto r = static_cast<Refusal>(i);
    EXPECT_EQ(parseRefusal(refusalName(r)), r) << refusalName(r);
  }
  EXPECT_EQ(parseRefusal("nonsense"), std::nullopt);
}

TEST(Refusal, SentencesNameTheLocalTimeAndTheService) {
  const auto& zones = caldav::ical::IcalZoneRules::instance();
  Service s = haircut();
  EXPECT_EQ(refusalSentence(Refusal::SlotUnavailable, s, zones, utc("2026-12-01T09:30:00Z"), true),
            "10:30 on 2026-12-01 is no longer free for Haircut");
  s.policy.minimumNotice = hours{2};
  EXPECT_EQ(refusalSentence(Refusal::TooEarly, s, zones, utc("2026-12-01T09:30:00Z")),
            "10:30 on 2026-12-01 is too soon to book Haircut: bookings close 2 hours before the start");
  try {
    refuse(Refusal::SessionFull, yoga(), zones, utc("2026-12-07T19:00:00Z"));
    FAIL();
  } catch (const Refused& r) {
    EXPECT_EQ(r.reason(), Refusal::SessionFull);
    EXPECT_EQ(r.name(), "session-full");
    EXPECT_STREQ(r.what(), "the session of Yoga at 20:00 on 2026-12-07 is full");
    EXPECT_FALSE(r.lostRace());
  }
}

TEST(Refusal, DurationsReadNaturally) {
  EXPECT_EQ(describeDuration(minutes{30}), "30 minutes");
  EXPECT_EQ(describeDuration(hours{1}), "1 hour");
  EXPECT_EQ(describeDuration(hours{26}), "1 day 2 hours");
  EXPECT_EQ(describeDuration(Seconds{0}), "0 minutes");
}

TEST(Ids, SlugsAreLowercaseWordsWithDashes) {
  EXPECT_TRUE(isSlug("haircut"));
  EXPECT_TRUE(isSlug("chair-1"));
  EXPECT_TRUE(isSlug("0day"));
  EXPECT_FALSE(isSlug(""));
  EXPECT_FALSE(isSlug("-a"));
  EXPECT_FALSE(isSlug("Ana"));
  EXPECT_FALSE(isSlug("a b"));
  EXPECT_FALSE(isSlug("a/b"));
  EXPECT_FALSE(isSlug(std::string(65, 'a')));
}

TEST(LocalText, DatesAndLocalTimesRoundTrip) {
  EXPECT_EQ(formatDate(date(2026, 3, 9)), "2026-03-09");
  EXPECT_EQ(parseDate("2026-03-09"), date(2026, 3, 9));
  EXPECT_EQ(parseDate("2026-02-30"), std::nullopt);
  EXPECT_EQ(formatLocal(local(2026, 12, 7, 20, 5)), "2026-12-07T20:05:00");
  EXPECT_EQ(parseLocal("2026-12-07T20:05:00"), local(2026, 12, 7, 20, 5));
  EXPECT_EQ(parseLocal("2026-12-07T25:00:00"), std::nullopt);
  EXPECT_EQ(parseLocal("2026-12-07 20:05"), std::nullopt);
}

TEST(Intervals, NormalizeSubtractClipComplement) {
  auto t = [](int h) { return utc("2026-12-01T00:00:00Z") + hours{h}; };
  Intervals set = normalized({{t(5), t(7)}, {t(1), t(3)}, {t(2), t(4)}, {t(7), t(8)}, {t(9), t(9)}});
  EXPECT_EQ(set, (Intervals{{t(1), t(4)}, {t(5), t(8)}}));
  EXPECT_EQ(subtract(set, {{t(2), t(3)}, {t(4), t(6)}}),
            (Intervals{{t(1), t(2)}, {t(3), t(4)}, {t(6), t(8)}}));
  EXPECT_EQ(subtract(set, {{t(0), t(10)}}), Intervals{});
  EXPECT_EQ(clip(set, {t(3), t(6)}), (Intervals{{t(3), t(4)}, {t(5), t(6)}}));
  EXPECT_EQ(complement(set, {t(0), t(10)}), (Intervals{{t(0), t(1)}, {t(4), t(5)}, {t(8), t(10)}}));
}

}  // namespace
}  // namespace bookdav::domain
