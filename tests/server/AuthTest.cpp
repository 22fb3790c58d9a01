#include <gtest/gtest.h>

#include <thread>

#include "server/auth/Authenticator.h"
#include "server/auth/CredentialCache.h"
#include "server/auth/PasswordHash.h"
#include "storage/sqlite/SqliteAccountRepository.h"
#include "tests/storage/TempDir.h"

namespace bookdav::server {
namespace {

TEST(PasswordHash, SaltedAndVerifiable) {
  std::string a = hashPassword("s3cret:ü", 1000), b = hashPassword("s3cret:ü", 1000);
  EXPECT_NE(a, b) << "a random salt per hash";
  EXPECT_EQ(a.rfind("pbkdf2-sha256$1000$", 0), 0u);
  EXPECT_EQ(a.find("s3cret"), std::string::npos);
  EXPECT_TRUE(verifyPassword("s3cret:ü", a));
  EXPECT_FALSE(verifyPassword("s3cret:u", a));
  EXPECT_FALSE(verifyPassword("", a));
}

TEST(PasswordHash, MalformedStoredHashesNeverVerify) {
  for (const char* bad : {"", "plain", "pbkdf2-sha256$x$00$00", "pbkdf2-sha256$0$00$00", "md5$1$00$00",
                          "pbkdf2-sha256$10$zz$00"}) {
    EXPECT_FALSE(verifyPassword("x", bad)) << bad;
  }
}

TEST(CredentialCache, RemembersForTheSameStoredHashOnly) {
  CredentialCache cache(4, std::chrono::seconds(60));
  cache.remember("alice", "pw", "hash-1");
  EXPECT_TRUE(cache.knows("alice", "pw", "hash-1"));
  EXPECT_FALSE(cache.knows("alice", "other", "hash-1"));
  EXPECT_FALSE(cache.knows("bob", "pw", "hash-1"));
  EXPECT_FALSE(cache.knows("alice", "pw", "hash-2")) << "a password change forgets the credential";
  EXPECT_FALSE(cache.knows("alice", "pw", "hash-1")) << "and the stale entry is gone";
}

TEST(CredentialCache, BoundedAndExpiring) {
  CredentialCache cache(3, std::chrono::seconds(60));
  for (int i = 0; i < 10; ++i) cache.remember("u" + std::to_string(i), "pw", "h");
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_TRUE(cache.knows("u9", "pw", "h"));
  EXPECT_FALSE(cache.knows("u0", "pw", "h"));
  CredentialCache expired(3, std::chrono::seconds(0));
  expired.remember("a", "pw", "h");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_FALSE(expired.knows("a", "pw", "h"));
}

TEST(Authenticator, BasicHeaderAgainstRealAccounts) {
  TempDir dir;
  storage::sqlite::Database db(dir.file("a.db"));
  storage::sqlite::SqliteAccountRepository accounts(db);
  domain::Account alice;
  alice.name = "alice";
  alice.role = domain::Role::Admin;
  alice.passwordHash = hashPassword("wonder:land", 1000);
  accounts.save(alice);
  Authenticator auth(accounts);
  // "alice:wonder:land"
  auto ok = auth.authenticate("Basic YWxpY2U6d29uZGVyOmxhbmQ=");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->role, domain::Role::Admin);
  EXPECT_TRUE(auth.authenticate("basic YWxpY2U6d29uZGVyOmxhbmQ="));
  EXPECT_FALSE(auth.authenticate("Basic YWxpY2U6d3Jvbmc="));  // alice:wrong
  EXPECT_FALSE(auth.authenticate("Bearer YWxpY2U6d29uZGVyOmxhbmQ="));
  EXPECT_FALSE(auth.authenticate("Basic !!!"));
  EXPECT_FALSE(auth.authenticate("Basic Ym9iOng="));  // bob:x, unknown user
  // A new password invalidates the remembered one.
  alice.passwordHash = hashPassword("new", 1000);
  accounts.save(alice);
  EXPECT_FALSE(auth.authenticate("Basic YWxpY2U6d29uZGVyOmxhbmQ="));
  EXPECT_TRUE(auth.check("alice", "new"));
}

}  // namespace
}  // namespace bookdav::server
