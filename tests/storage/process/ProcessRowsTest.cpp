// What several processes share besides the business's data, on both engines: work leases (one holder;
// taken over once expired; released) and front desk sessions (digests; idle ones dropped; bounded),
// each seen through two Database objects on one database, as two processes see it.
#include <gtest/gtest.h>

#include "storage/sql/process/SqlSignInSessions.h"
#include "storage/sql/process/SqlWorkLeases.h"
#include "tests/storage/TempDir.h"
#include "tests/storage/TestDatabase.h"

namespace bookdav::storage::sql {
namespace {

using domain::Seconds;

class ProcessRowsTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (bookdav::testing::engineUnavailable(GetParam())) GTEST_SKIP() << "no PostgreSQL cluster";
  }
  ProcessRowsTest()
      : location(bookdav::testing::testDatabase(GetParam(), dir, "unit.db")), a(location), b(location) {}

  TempDir dir;
  std::string location;
  Database a, b;  // two processes
  domain::Instant t0 = domain::fromUnix(1'800'000'000);
};

TEST_P(ProcessRowsTest, OneHolderAtATimeUntilItsLeaseExpires) {
  SqlWorkLeases leasesA(a), leasesB(b);
  EXPECT_TRUE(leasesA.hold("notifications", "a", t0, t0 + Seconds{10}));
  EXPECT_FALSE(leasesB.hold("notifications", "b", t0 + Seconds{5}, t0 + Seconds{15}));
  EXPECT_TRUE(leasesA.hold("notifications", "a", t0 + Seconds{5}, t0 + Seconds{15}));  // renewed
  EXPECT_FALSE(leasesB.hold("notifications", "b", t0 + Seconds{14}, t0 + Seconds{24}));
  EXPECT_TRUE(leasesB.hold("notifications", "b", t0 + Seconds{15}, t0 + Seconds{25}));  // a died
  std::optional<domain::WorkLease> row = leasesA.find("notifications");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->holder, "b");
  EXPECT_EQ(row->expires, t0 + Seconds{25});
  leasesA.release("notifications", "a");  // not a's: nothing happens
  EXPECT_EQ(leasesA.find("notifications")->holder, "b");
  leasesB.release("notifications", "b");
  EXPECT_FALSE(leasesA.find("notifications"));
  EXPECT_TRUE(leasesA.hold("notifications", "a", t0 + Seconds{16}, t0 + Seconds{26}));
}

TEST_P(ProcessRowsTest, SessionsAreSharedRenewedDroppedWhenIdleAndBounded) {
  SqlSignInSessions sessionsA(a), sessionsB(b);
  const auto idle = Seconds{12 * 3600};
  sessionsA.add({"id1", "csrf1", "ana", domain::Role::Staff, t0}, t0 - idle, 3);
  std::optional<domain::SignInSession> s = sessionsB.use("id1", t0 + Seconds{600}, t0 + Seconds{600} - idle);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user, "ana");
  EXPECT_EQ(s->role, domain::Role::Staff);
  EXPECT_EQ(s->csrfDigest, "csrf1");
  // Renewed at 600 s: still there 12 hours after that, less a second; gone at 12 hours.
  const domain::Instant later = t0 + Seconds{600} + idle;
  EXPECT_TRUE(sessionsA.use("id1", later - Seconds{1}, later - Seconds{1} - idle));
  EXPECT_FALSE(sessionsA.use("id1", later + idle, later));
  EXPECT_FALSE(sessionsB.use("id1", later + idle, later));
  // At most 3: the least recently used goes.
  for (int i = 0; i < 4; ++i)
    sessionsA.add({"s" + std::to_string(i), "c", "ana", domain::Role::Admin, t0 + Seconds{i}}, t0 - idle, 3);
  EXPECT_FALSE(sessionsB.use("s0", t0 + Seconds{10}, t0 - idle));
  for (int i = 1; i < 4; ++i)
    EXPECT_TRUE(sessionsB.use("s" + std::to_string(i), t0 + Seconds{10}, t0 - idle));
  sessionsB.remove("s2");
  EXPECT_FALSE(sessionsA.use("s2", t0 + Seconds{10}, t0 - idle));
}

BOOKDAV_ON_BOTH_ENGINES(ProcessRowsTest);

}  // namespace
}  // namespace bookdav::storage::sql
