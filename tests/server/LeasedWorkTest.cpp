// LeasedWork over SqlWorkLeases: two processes (two Database objects on one file) want the same
// work; one holds it at a time, the other takes it over when the holder stops renewing (kill -9) or
// gives it up (a clean stop).
#include "server/LeasedWork.h"

#include <gtest/gtest.h>

#include "storage/sql/Database.h"
#include "storage/sql/process/SqlWorkLeases.h"
#include "tests/storage/TempDir.h"

namespace bookdav::server {
namespace {

using domain::Seconds;

class LeasedWorkTest : public ::testing::Test {
 protected:
  TempDir dir;
  domain::FixedClock clock{domain::fromUnix(1'800'000'000)};
  storage::sql::Database dbA{dir.file("bookdav.db")};
  storage::sql::Database dbB{dir.file("bookdav.db")};
  storage::sql::SqlWorkLeases leasesA{dbA};
  storage::sql::SqlWorkLeases leasesB{dbB};
  LeasedWork a{leasesA, "notifications", clock};
  LeasedWork b{leasesB, "notifications", clock};
};

TEST_F(LeasedWorkTest, OneProcessHoldsTheWorkAndRenewsIt) {
  EXPECT_NE(a.holder(), b.holder());
  EXPECT_TRUE(a.mine());
  EXPECT_FALSE(b.mine());
  for (int i = 0; i < 10; ++i) {  // 50 s of renewing every 5 s
    clock.advance(Seconds{5});
    EXPECT_TRUE(a.mine());
    EXPECT_FALSE(b.mine());
  }
  std::optional<domain::WorkLease> row = leasesB.find("notifications");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->holder, a.holder());
  EXPECT_GT(row->expires, clock.now());
}

TEST_F(LeasedWorkTest, AnotherProcessTakesOverWhenTheHolderStopsRenewing) {
  ASSERT_TRUE(a.mine());
  clock.advance(Seconds{9});
  EXPECT_FALSE(b.mine());  // not expired yet
  clock.advance(Seconds{1});
  EXPECT_TRUE(b.mine());   // expired: a died
  EXPECT_FALSE(a.mine());  // a, back from a long pause, finds it taken
  EXPECT_EQ(leasesA.find("notifications")->holder, b.holder());
}

TEST_F(LeasedWorkTest, GivingUpHandsTheWorkOnAtOnce) {
  ASSERT_TRUE(a.mine());
  a.giveUp();
  EXPECT_TRUE(b.mine());
  EXPECT_FALSE(a.mine());
}

TEST_F(LeasedWorkTest, LeasesOfDifferentWorkAreIndependent) {
  LeasedWork other{leasesB, "other", clock};
  EXPECT_TRUE(a.mine());
  EXPECT_TRUE(other.mine());
}

}  // namespace
}  // namespace bookdav::server
