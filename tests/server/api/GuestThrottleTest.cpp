// GuestThrottle: guests' bookings per address and per e-mail, and manage-token misses per address, in
// fixed windows on a clock the test moves.
#include "server/api/GuestThrottle.h"

#include <gtest/gtest.h>

namespace bookdav::server::api {
namespace {

using namespace std::chrono;

class GuestThrottleTest : public ::testing::Test {
 protected:
  GuestThrottle::Clock::time_point at{hours{1000}};
  GuestLimits limits() {
    GuestLimits l;
    l.bookingsPerAddress = 3;
    l.bookingsPerEmail = 2;
    l.missesPerAddress = 2;
    l.window = seconds{600};
    l.maxRecords = 4;
    return l;
  }
  GuestThrottle throttle{limits(), [this] { return at; }};
};

TEST_F(GuestThrottleTest, AnEmailAddressBooksAsOftenAsItsLimitPerWindow) {
  EXPECT_FALSE(throttle.booking("10.0.0.1", "gus@example.com"));
  EXPECT_FALSE(throttle.booking("10.0.0.2", "GUS@example.com"));  // the same address, differently cased
  at += seconds{100};
  std::optional<seconds> wait = throttle.booking("10.0.0.3", "gus@example.com");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, seconds{500});
  EXPECT_FALSE(throttle.booking("10.0.0.3", "ida@example.com"));  // the refusal counted nothing
  at += seconds{500};
  EXPECT_FALSE(throttle.booking("10.0.0.4", "gus@example.com"));  // a new window
}

TEST_F(GuestThrottleTest, AClientAddressBooksAsOftenAsItsLimitPerWindow) {
  EXPECT_FALSE(throttle.booking("2001:db8:1:2::1", "a@example.com"));
  EXPECT_FALSE(throttle.booking("2001:db8:1:2::2", "b@example.com"));
  EXPECT_FALSE(throttle.booking("2001:db8:1:2::3", "c@example.com"));
  std::optional<seconds> wait = throttle.booking("2001:db8:1:2:ffff::9", "d@example.com");  // same /64
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, seconds{600});
  EXPECT_FALSE(throttle.booking("2001:db8:1:3::1", "d@example.com"));  // another /64
}

TEST_F(GuestThrottleTest, ManageTokenMissesHoldAnAddressBack) {
  EXPECT_FALSE(throttle.lookup("10.0.0.1"));
  throttle.missed("10.0.0.1");
  throttle.missed("10.0.0.1");
  std::optional<seconds> wait = throttle.lookup("10.0.0.1");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, seconds{600});
  EXPECT_FALSE(throttle.lookup("10.0.0.2"));
  at += seconds{600};
  EXPECT_FALSE(throttle.lookup("10.0.0.1"));
}

TEST_F(GuestThrottleTest, TablesStayBoundedAndNewClientsAreNeverLockedOut) {
  for (int i = 0; i < 50; ++i)
    EXPECT_FALSE(throttle.booking("10.0.1." + std::to_string(i), "x" + std::to_string(i) + "@example.com"));
  // The first address's record was forgotten to make room: it books again.
  EXPECT_FALSE(throttle.booking("10.0.1.0", "x0@example.com"));
}

}  // namespace
}  // namespace bookdav::server::api
