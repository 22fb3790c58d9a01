#include <Poco/HMACEngine.h>
#include <Poco/PBKDF2Engine.h>
#include <Poco/SHA2Engine.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "server/auth/Authenticator.h"
#include "server/auth/CredentialCache.h"
#include "server/auth/PasswordHash.h"
#include "storage/sqlite/SqliteAccountRepository.h"
#include "tests/storage/TempDir.h"

namespace bookdav::server {
namespace {

// ---- PasswordHash ----

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
                          "pbkdf2-sha256$10$zz$00", "pbkdf2-sha256$$00$00"}) {
    EXPECT_FALSE(verifyPassword("x", bad)) << bad;
    EXPECT_FALSE(needsRehash(bad)) << bad;
  }
}

// RFC 7914 section 11 (PBKDF2-HMAC-SHA256), and the widely published vectors in RFC 6070's pattern.
TEST(PasswordHash, Pbkdf2HmacSha256MatchesThePublishedVectors) {
  struct Vector {
    const char* password;
    const char* salt;
    unsigned iterations;
    std::size_t length;
    const char* hex;
  };
  const Vector vectors[] = {
      {"passwd", "salt", 1, 64,
       "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
       "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"},
      {"Password", "NaCl", 80000, 64,
       "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
       "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"},
      {"password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"},
      {"password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"},
      {"password", "salt", 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"},
      {"passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40,
       "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"},
  };
  for (const Vector& v : vectors) {
    EXPECT_EQ(toHex(pbkdf2HmacSha256(v.password, v.salt, v.iterations, v.length)), v.hex)
        << v.password << " / " << v.salt << " / " << v.iterations;
  }
}

// Poco's engine, as bookdav computed hashes before it used OpenSSL.
class PocoSha256 : public Poco::SHA2Engine {
 public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
  PocoSha256() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

TEST(PasswordHash, ComputesWhatPocosEngineComputed) {
  for (const std::string& password :
       {std::string(), std::string("alice"), std::string("s3cret:ü"), std::string(200, 'x')}) {
    const std::string salt = randomBytes(16);
    Poco::PBKDF2Engine<Poco::HMACEngine<PocoSha256>> poco(salt, 1000, 32);
    poco.update(password.data(), password.size());
    const auto& d = poco.digest();
    EXPECT_EQ(pbkdf2HmacSha256(password, salt, 1000, 32), std::string(d.begin(), d.end())) << password;
  }
}

TEST(PasswordHash, HashesStoredBeforeStillVerifyAndAskForARehash) {
  // Made by bookdav's previous hashPassword("alice") (Poco's engine, 60,000 iterations).
  const std::string stored =
      "pbkdf2-sha256$60000$41476e8e2995544d42e5cd381cf04115$"
      "5d0441f7181701f40cb75b8f16befc82c1de8055fff9f8c1fca9fe1f5a60037a";
  EXPECT_TRUE(verifyPassword("alice", stored));
  EXPECT_FALSE(verifyPassword("alicf", stored));
  EXPECT_TRUE(needsRehash(stored));
}

TEST(PasswordHash, NewHashesUseOwaspsWorkFactor) {
  EXPECT_GE(kPasswordIterations, 600000u);
  const std::string fresh = hashPassword("pw");
  EXPECT_EQ(fresh.rfind("pbkdf2-sha256$" + std::to_string(kPasswordIterations) + "$", 0), 0u) << fresh;
  EXPECT_TRUE(verifyPassword("pw", fresh));
  EXPECT_FALSE(needsRehash(fresh));
  EXPECT_TRUE(needsRehash(hashPassword("pw", 1000)));
  // The stand-in for unknown users costs a full check and matches nothing.
  EXPECT_EQ(unmatchableHash().rfind("pbkdf2-sha256$" + std::to_string(kPasswordIterations) + "$", 0), 0u);
  EXPECT_FALSE(verifyPassword("", unmatchableHash()));
  EXPECT_FALSE(needsRehash(unmatchableHash()));
}

// ---- CredentialCache ----

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

// ---- Authenticator ----

domain::Account account(const std::string& name, const std::string& password, unsigned iterations) {
  domain::Account a;
  a.name = name;
  a.role = domain::Role::Admin;
  a.passwordHash = hashPassword(password, iterations);
  return a;
}

TEST(Authenticator, BasicHeaderAgainstRealAccounts) {
  TempDir dir;
  storage::sqlite::Database db(dir.file("a.db"));
  storage::sqlite::SqliteAccountRepository accounts(db);
  domain::Account alice = account("alice", "wonder:land", kPasswordIterations);
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

TEST(Authenticator, ASuccessfulSignInUpgradesAWeakerHash) {
  TempDir dir;
  storage::sqlite::Database db(dir.file("a.db"));
  storage::sqlite::SqliteAccountRepository accounts(db);
  accounts.save(account("alice", "pw", 1000));
  Authenticator auth(accounts);
  EXPECT_FALSE(auth.check("alice", "nope"));
  EXPECT_EQ(accounts.find("alice")->passwordHash.rfind("pbkdf2-sha256$1000$", 0), 0u)
      << "a failure changes nothing";
  auto ok = auth.check("alice", "pw");
  ASSERT_TRUE(ok);
  const std::string stored = accounts.find("alice")->passwordHash;
  EXPECT_EQ(stored.rfind("pbkdf2-sha256$" + std::to_string(kPasswordIterations) + "$", 0), 0u) << stored;
  EXPECT_EQ(ok->passwordHash, stored);
  EXPECT_TRUE(verifyPassword("pw", stored));
  EXPECT_TRUE(auth.check("alice", "pw"));
  EXPECT_EQ(accounts.find("alice")->passwordHash, stored) << "a current hash is kept";
}
TEST(Authenticator, AnUpgradeNeverUndoesAPasswordChange) {
  TempDir dir;
  storage::sqlite::Database db(dir.file("a.db"));
  storage::sqlite::SqliteAccountRepository accounts(db);
  domain::Account alice = account("alice", "old", 1000);
  accounts.save(alice);
  const std::string changed = hashPassword("new", 1000);
  domain::Account renewed = alice;
  renewed.passwordHash = changed;
  accounts.save(renewed);  // an admin changes the password while a sign-in with "old" is in flight
  EXPECT_FALSE(accounts.replacePasswordHash("alice", alice.passwordHash, hashPassword("old", 1000)));
  EXPECT_EQ(accounts.find("alice")->passwordHash, changed);
  EXPECT_TRUE(accounts.replacePasswordHash("alice", changed, "pbkdf2-sha256$1$00$00"));
  EXPECT_FALSE(accounts.replacePasswordHash("nobody", "", "x"));
}

}  // namespace
}  // namespace bookdav::server
