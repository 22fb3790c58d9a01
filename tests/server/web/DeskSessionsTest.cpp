// DeskSessions: the front desk's session cookies, found by the Cookie header, renewed on use,
// forgotten after 12 idle hours or on sign-out; the cookie's attributes.
#include "server/web/DeskSessions.h"

#include <gtest/gtest.h>

namespace bookdav::server::web {
namespace {

using namespace std::chrono;

class DeskSessionsTest : public ::testing::Test {
 protected:
  DeskSessions::Clock::time_point at{hours{1000}};
  DeskSessions sessions{[this] { return at; }};
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
  at += hours{11};
  EXPECT_TRUE(sessions.find(cookie));  // renewed
  at += hours{11};
  EXPECT_TRUE(sessions.find(cookie));
  at += hours{12};
  EXPECT_FALSE(sessions.find(cookie));
  DeskSession t = sessions.open("admin", domain::Role::Admin);
  sessions.close(t.id);
  EXPECT_FALSE(sessions.find("bookdav_desk=" + t.id));
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
