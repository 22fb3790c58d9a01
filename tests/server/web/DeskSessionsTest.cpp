// DeskSessions: the front desk's session cookies, found by the Cookie header, renewed on use,
// forgotten after 12 idle hours or on sign-out; kept in the database, so that a second DeskSessions on
// another connection to the same file (another process) knows them; the cookie's attributes.
#include "server/web/DeskSessions.h"

#include <gtest/gtest.h>

#include "storage/sql/Database.h"
#include "storage/sql/process/SqlSignInSessions.h"
#include "tests/storage/TempDir.h"

namespace bookdav::server::web {
namespace {

using namespace std::chrono;

class DeskSessionsTest : public ::testing::Test {
 protected:
  TempDir dir;
  domain::FixedClock clock{domain::fromUnix(1'800'000'000)};
  storage::sql::Database db{dir.file("bookdav.db")};
  storage::sql::SqlSignInSessions store{db};
  DeskSessions sessions{store, clock};
};

TEST_F(DeskSessionsTest, ACookieFindsItsSessionAmongOtherCookies) {
  DeskSession s = sessions.open("ana", domain::Role::Staff);
  EXPECT_EQ(s.id.size(), 32u);
  EXPECT_EQ(s.csrf.size(), 32u);
  EXPECT_NE(s.id, s.csrf);
  std::optional<DeskSession> found = sessions.find("theme=dark; bookdav_desk=" + s.id + "; lang=en");
  ASSERT_TRUE(found);
  EXPECT_EQ((std::pair{found->user, found->csrf}), (std::pair{std::string("ana"), s.csrf}));
  EXPECT_FALSE(sessions.find("bookdav_desk=" + std::string(32, '0')));
  EXPECT_FALSE(sessions.find("other_bookdav_desk=" + s.id));
  EXPECT_FALSE(sessions.find("bookdav_desk=" + s.id + "x"));
}

TEST_F(DeskSessionsTest, SessionsEndAfterTwelveIdleHoursOrOnSignOut) {
  DeskSession s = sessions.open("admin", domain::Role::Admin);
  const std::string cookie = "bookdav_desk=" + s.id;
  clock.advance(hours{11});
  EXPECT_TRUE(sessions.find(cookie));  // renewed
  clock.advance(hours{11});
  EXPECT_TRUE(sessions.find(cookie));
  clock.advance(hours{12});
  EXPECT_FALSE(sessions.find(cookie));
  DeskSession t = sessions.open("admin", domain::Role::Admin);
  sessions.close(t.id);
  EXPECT_FALSE(sessions.find("bookdav_desk=" + t.id));
}

TEST_F(DeskSessionsTest, TheCsrfTokenIsCheckedAgainstItsStoredDigest) {
  DeskSession s = sessions.open("ana", domain::Role::Staff);
  std::optional<DeskSession> found = sessions.find("bookdav_desk=" + s.id);
  ASSERT_TRUE(found);
  EXPECT_TRUE(sessions.csrfMatches(*found, s.csrf));
  EXPECT_FALSE(sessions.csrfMatches(*found, s.id));
  EXPECT_FALSE(sessions.csrfMatches(*found, ""));
  // Neither secret is stored as it is.
  auto lease = db.connection();
  auto rows = lease->prepare("SELECT count(*) FROM desk_sessions WHERE id_digest = ?1 OR csrf_digest = ?2");
  rows.bindAll(s.id, s.csrf);
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.int64(0), 0);
}

TEST_F(DeskSessionsTest, ASessionOpenedInOneProcessIsFoundAndEndedInAnother) {
  storage::sql::Database otherDb{dir.file("bookdav.db")};
  storage::sql::SqlSignInSessions otherStore{otherDb};
  DeskSessions other{otherStore, clock};
  DeskSession s = sessions.open("ana", domain::Role::Staff);
  std::optional<DeskSession> there = other.find("bookdav_desk=" + s.id);
  ASSERT_TRUE(there);
  EXPECT_EQ(there->user, "ana");
  EXPECT_EQ(there->csrf, s.csrf);
  EXPECT_TRUE(other.csrfMatches(*there, s.csrf));
  other.close(s.id);
  EXPECT_FALSE(sessions.find("bookdav_desk=" + s.id));
}

TEST_F(DeskSessionsTest, TheLeastRecentlyUsedSessionGoesWhenTheBoundIsReached) {
  storage::sql::SqlSignInSessions& rows = store;
  const domain::Instant now = clock.now();
  rows.add({"a", "x", "ana", domain::Role::Staff, now - minutes{3}}, now - hours{12}, 2);
  rows.add({"b", "x", "ana", domain::Role::Staff, now - minutes{2}}, now - hours{12}, 2);
  rows.add({"c", "x", "ana", domain::Role::Staff, now - minutes{1}}, now - hours{12}, 2);
  EXPECT_FALSE(rows.use("a", now, now - hours{12}));
  EXPECT_TRUE(rows.use("b", now, now - hours{12}));
  EXPECT_TRUE(rows.use("c", now, now - hours{12}));
}

TEST_F(DeskSessionsTest, TheCookieIsHttpOnlyAndSameSiteLaxAndSecureUnderTls) {
  DeskSession s = sessions.open("ana", domain::Role::Staff);
  EXPECT_EQ(DeskSessions::cookie(s, false), "bookdav_desk=" + s.id + "; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(DeskSessions::cookie(s, true),
            "bookdav_desk=" + s.id + "; Path=/; HttpOnly; SameSite=Lax; Secure");
  EXPECT_EQ(DeskSessions::expiredCookie(true),
            "bookdav_desk=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
}

TEST_F(DeskSessionsTest, SecretsCompareWhole) {
  EXPECT_TRUE(sameSecret("abc", "abc"));
  EXPECT_FALSE(sameSecret("abc", "abd"));
  EXPECT_FALSE(sameSecret("abc", "ab"));
  EXPECT_FALSE(sameSecret("", "a"));
}

}  // namespace
}  // namespace bookdav::server::web
