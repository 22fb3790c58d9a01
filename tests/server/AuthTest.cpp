#include <Poco/HMACEngine.h>
#include <Poco/PBKDF2Engine.h>
#include <Poco/SHA2Engine.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "server/auth/Authenticator.h"
#include "server/auth/CredentialCache.h"
#include "server/auth/LoginThrottle.h"
#include "server/auth/PasswordCheckGate.h"
#include "server/auth/PasswordHash.h"
#include "storage/sql/SqlAccountRepository.h"
#include "tests/storage/TempDir.h"

namespace bookdav::server {
namespace {

using std::chrono::seconds;

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

// ---- LoginThrottle ----

// A clock the test moves by hand.
struct FakeClock {
  std::shared_ptr<std::chrono::steady_clock::time_point> now =
      std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::hours(1000));
  LoginThrottle::Clock clock() const {
    return [now = now] { return *now; };
  }
  void advance(std::chrono::steady_clock::duration d) const { *now += d; }
};

ThrottleRules rules(ThrottleRule address, ThrottleRule userName) {
  ThrottleRules r;
  r.address = address;
  r.userName = userName;
  return r;
}

// Address: 3 free failures, then 1 s doubling up to 8 s, forgotten after 60 s. User names: loose.
const ThrottleRule kAddress{3, seconds(1), seconds(8), seconds(60), 100};
const ThrottleRule kLooseName{1000, seconds(1), seconds(1), seconds(1), 100};

// Let through (true) or refused; a refusal's wait goes to *wait.
bool tryOnce(LoginThrottle& t, const std::string& address, const std::string& user, bool succeed = false,
             seconds* wait = nullptr) {
  auto r = t.begin(address, user);
  if (auto* refusal = std::get_if<LoginThrottle::Refusal>(&r)) {
    if (wait) *wait = refusal->retryAfter;
    EXPECT_FALSE(refusal->message.empty());
    return false;
  }
  auto& attempt = std::get<LoginThrottle::Attempt>(r);
  succeed ? attempt.succeeded() : attempt.failed();
  return true;
}

TEST(LoginThrottle, AllowanceThenDoublingDelaysUpToTheCap) {
  FakeClock clock;
  LoginThrottle t(rules(kAddress, kLooseName), clock.clock());
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice")) << "failure " << i + 1 << " is free";
  EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice")) << "the 4th attempt is checked and fails";
  std::vector<long> waits;
  for (int round = 0; round < 6; ++round) {
    seconds wait{0};
    ASSERT_FALSE(tryOnce(t, "10.0.0.1", "alice", true, &wait)) << "even a right password waits";
    waits.push_back(static_cast<long>(wait.count()));
    clock.advance(wait - std::chrono::milliseconds(1));
    EXPECT_FALSE(tryOnce(t, "10.0.0.1", "alice", true)) << "still waiting just before the end";
    clock.advance(std::chrono::milliseconds(1));
    EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice")) << "one more guess after the wait, which fails";
  }
  EXPECT_EQ(waits, (std::vector<long>{1, 2, 4, 8, 8, 8}));
  EXPECT_TRUE(tryOnce(t, "10.0.0.2", "alice")) << "another address is not held back";
}

TEST(LoginThrottle, RecordsExpireAfterAQuietPeriod) {
  FakeClock clock;
  LoginThrottle t(rules(kAddress, kLooseName), clock.clock());
  for (int i = 0; i < 4; ++i) tryOnce(t, "10.0.0.1", "alice");
  EXPECT_FALSE(tryOnce(t, "10.0.0.1", "alice"));
  EXPECT_EQ(t.addressesTracked(), 1u);
  clock.advance(seconds(60));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice")) << "the allowance is back";
  clock.advance(seconds(61));
  EXPECT_TRUE(tryOnce(t, "10.0.0.9", "bob", true));
  EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice"));
  EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice"));
  EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice"));
  EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice")) << "the expired failures no longer count";
}

TEST(LoginThrottle, ASuccessClearsTheAddressAndTheUserName) {
  FakeClock clock;
  const ThrottleRule name{3, seconds(1), seconds(30), seconds(300), 100};
  LoginThrottle t(rules(kAddress, name), clock.clock());
  for (int i = 0; i < 3; ++i) tryOnce(t, "10.0.0.1", "alice");
  EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice", true));
  EXPECT_EQ(t.addressesTracked(), 0u);
  EXPECT_EQ(t.userNamesTracked(), 0u);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice")) << "a fresh allowance";
}

TEST(LoginThrottle, UserNamesAreLooserAndHoldBackOnlyAddressesWithFailures) {
  FakeClock clock;
  const ThrottleRule address{5, seconds(1), seconds(300), seconds(900), 100};
  const ThrottleRule name{2, seconds(1), seconds(30), seconds(300), 100};
  LoginThrottle t(rules(address, name), clock.clock());
  // A guesser spread over addresses: one failure each, so no address is held back by itself.
  for (int i = 1; i <= 8; ++i) EXPECT_TRUE(tryOnce(t, "10.0.1." + std::to_string(i), "alice"));
  seconds wait{0};
  EXPECT_FALSE(tryOnce(t, "10.0.1.1", "alice", false, &wait)) << "the user name holds back failing addresses";
  EXPECT_EQ(wait, seconds(30)) << "and for at most its cap";
  EXPECT_TRUE(tryOnce(t, "10.0.1.1", "bob")) << "other names are not held back";
  // The real user, from an address with a clean record, is always let through and clears the name.
  EXPECT_TRUE(tryOnce(t, "192.0.2.7", "alice", true));
  EXPECT_TRUE(tryOnce(t, "10.0.1.2", "alice"));
}

TEST(LoginThrottle, PastTheAllowanceAttemptsGoOneAtATime) {
  FakeClock clock;
  LoginThrottle t(rules(kAddress, kLooseName), clock.clock());
  for (int i = 0; i < 2; ++i) tryOnce(t, "10.0.0.1", "alice");
  {
    auto first = t.begin("10.0.0.1", "alice");
    ASSERT_TRUE(std::holds_alternative<LoginThrottle::Attempt>(first));
    auto second = t.begin("10.0.0.1", "alice");
    ASSERT_TRUE(std::holds_alternative<LoginThrottle::Refusal>(second))
        << "an attempt in progress counts as a failure";
    EXPECT_EQ(std::get<LoginThrottle::Refusal>(second).retryAfter, seconds(1));
  }  // the first attempt ends without a verdict (the server was busy): it counts as nothing
  EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice"));
  EXPECT_TRUE(tryOnce(t, "10.0.0.1", "alice")) << "so this is the 4th failure, the first past the allowance";
  EXPECT_FALSE(tryOnce(t, "10.0.0.1", "alice"));
}

TEST(LoginThrottle, ConcurrentSignInsWithoutFailuresAreNotHeldBack) {
  FakeClock clock;
  const ThrottleRule name{3, seconds(1), seconds(30), seconds(300), 100};
  LoginThrottle t(rules(kAddress, name), clock.clock());
  std::vector<LoginThrottle::Attempt> inFlight;  // many users behind one address signing in at once
  for (int i = 0; i < 20; ++i) {
    auto r = t.begin("10.0.0.1", "user" + std::to_string(i % 2));
    ASSERT_TRUE(std::holds_alternative<LoginThrottle::Attempt>(r)) << "sign-in " << i;
    inFlight.push_back(std::move(std::get<LoginThrottle::Attempt>(r)));
  }
  for (auto& a : inFlight) a.succeeded();
  EXPECT_EQ(t.addressesTracked(), 0u);
}

TEST(LoginThrottle, TablesAreBounded) {
  FakeClock clock;
  const ThrottleRule address{3, seconds(1), seconds(8), seconds(60), 5};
  const ThrottleRule name{3, seconds(1), seconds(8), seconds(60), 7};
  LoginThrottle t(rules(address, name), clock.clock());
  for (int i = 0; i < 1000; ++i)
    tryOnce(t, "10.1." + std::to_string(i / 256) + "." + std::to_string(i % 256), "user" + std::to_string(i));
  EXPECT_EQ(t.addressesTracked(), 5u);
  EXPECT_EQ(t.userNamesTracked(), 7u);
}

TEST(LoginThrottle, AddressKeys) {
  EXPECT_EQ(LoginThrottle::addressKey("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(LoginThrottle::addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(LoginThrottle::addressKey("2001:db8:1:2::1"), LoginThrottle::addressKey("2001:db8:1:2:ffff::9"));
  EXPECT_NE(LoginThrottle::addressKey("2001:db8:1:2::1"), LoginThrottle::addressKey("2001:db8:1:3::1"));
  EXPECT_EQ(LoginThrottle::addressKey("::ffff:192.0.2.1"), "192.0.2.1");
}

// ---- PasswordCheckGate ----

TEST(PasswordCheckGate, BoundsRunningChecksAndNeverMakesAnyoneWait) {
  PasswordCheckGate gate(2);
  auto first = gate.tryEnter();
  auto second = gate.tryEnter();
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(gate.running(), 2u);
  EXPECT_FALSE(gate.tryEnter()) << "every turn taken: told at once, nobody waits";
  first.reset();
  auto third = gate.tryEnter();
  EXPECT_TRUE(third) << "a turn given back is the next one's";
  second.reset();
  third.reset();
  EXPECT_EQ(gate.running(), 0u);
}

// ---- Authenticator ----

domain::Account account(const std::string& name, const std::string& password, unsigned iterations) {
  domain::Account a;
  a.name = name;
  a.role = domain::Role::Admin;
  a.passwordHash = hashPassword(password, iterations);
  return a;
}

bool signedIn(const SignInResult& r) {
  return std::holds_alternative<domain::Account>(r);
}

SignInRefusal::Reason reasonOf(const SignInResult& r) {
  return std::get<SignInRefusal>(r).reason;
}

TEST(Authenticator, BasicHeaderAgainstRealAccounts) {
  TempDir dir;
  storage::sql::Database db(dir.file("a.db"));
  storage::sql::SqlAccountRepository accounts(db);
  domain::Account alice = account("alice", "wonder:land", kPasswordIterations);
  accounts.save(alice);
  Authenticator auth(accounts);
  // "alice:wonder:land"
  auto ok = auth.signIn("Basic YWxpY2U6d29uZGVyOmxhbmQ=", "127.0.0.1");
  ASSERT_TRUE(signedIn(ok));
  EXPECT_EQ(std::get<domain::Account>(ok).role, domain::Role::Admin);
  EXPECT_TRUE(signedIn(auth.signIn("basic YWxpY2U6d29uZGVyOmxhbmQ=", "127.0.0.1")));
  EXPECT_EQ(reasonOf(auth.signIn("Basic YWxpY2U6d3Jvbmc=", "127.0.0.1")),  // alice:wrong
            SignInRefusal::Reason::WrongCredentials);
  EXPECT_FALSE(signedIn(auth.signIn("Bearer YWxpY2U6d29uZGVyOmxhbmQ=", "127.0.0.2")));
  EXPECT_FALSE(signedIn(auth.signIn("Basic !!!", "127.0.0.3")));
  EXPECT_FALSE(signedIn(auth.signIn("Basic Ym9iOng=", "127.0.0.4")));  // bob:x, unknown user
  // A new password invalidates the remembered one.
  alice.passwordHash = hashPassword("new", 1000);
  accounts.save(alice);
  EXPECT_FALSE(signedIn(auth.signIn("Basic YWxpY2U6d29uZGVyOmxhbmQ=", "127.0.0.5")));
  EXPECT_TRUE(signedIn(auth.check("alice", "new", "127.0.0.5")));
}

TEST(Authenticator, ThrottledClientsAreRefusedWhateverTheyKnow) {
  TempDir dir;
  storage::sql::Database db(dir.file("a.db"));
  storage::sql::SqlAccountRepository accounts(db);
  accounts.save(account("alice", "right", kPasswordIterations));
  FakeClock clock;
  Authenticator auth(accounts, rules(kAddress, kLooseName), clock.clock());
  // Wrong passwords, an unknown user and malformed credentials all count.
  EXPECT_EQ(reasonOf(auth.check("alice", "wrong", "10.0.0.1")), SignInRefusal::Reason::WrongCredentials);
  EXPECT_EQ(reasonOf(auth.check("nobody", "x", "10.0.0.1")), SignInRefusal::Reason::WrongCredentials);
  EXPECT_EQ(reasonOf(auth.signIn("Basic !!!", "10.0.0.1")), SignInRefusal::Reason::WrongCredentials);
  EXPECT_EQ(reasonOf(auth.check("bad name", "x", "10.0.0.1")), SignInRefusal::Reason::WrongCredentials);
  auto held = auth.check("alice", "right", "10.0.0.1");
  ASSERT_FALSE(signedIn(held)) << "the right password from a throttled address is not even checked";
  EXPECT_EQ(reasonOf(held), SignInRefusal::Reason::TooManyAttempts);
  EXPECT_EQ(std::get<SignInRefusal>(held).retryAfter, seconds(1));
  EXPECT_EQ(reasonOf(auth.signIn("Basic YWxpY2U6cmlnaHQ=", "10.0.0.1")),
            SignInRefusal::Reason::TooManyAttempts);
  EXPECT_TRUE(signedIn(auth.check("alice", "right", "10.0.0.2"))) << "another address signs in";
  clock.advance(seconds(1));
  EXPECT_TRUE(signedIn(auth.check("alice", "right", "10.0.0.1")))
      << "after the wait, the right password works";
  EXPECT_EQ(auth.throttle().addressesTracked(), 0u) << "and clears the address's failures";
}

TEST(Authenticator, ASuccessfulSignInUpgradesAWeakerHash) {
  TempDir dir;
  storage::sql::Database db(dir.file("a.db"));
  storage::sql::SqlAccountRepository accounts(db);
  accounts.save(account("alice", "pw", 1000));
  Authenticator auth(accounts);
  EXPECT_FALSE(signedIn(auth.check("alice", "nope", "10.0.0.1")));
  EXPECT_EQ(accounts.find("alice")->passwordHash.rfind("pbkdf2-sha256$1000$", 0), 0u)
      << "a failure changes nothing";
  auto ok = auth.check("alice", "pw", "10.0.0.1");
  ASSERT_TRUE(signedIn(ok));
  const std::string stored = accounts.find("alice")->passwordHash;
  EXPECT_EQ(stored.rfind("pbkdf2-sha256$" + std::to_string(kPasswordIterations) + "$", 0), 0u) << stored;
  EXPECT_EQ(std::get<domain::Account>(ok).passwordHash, stored);
  EXPECT_TRUE(verifyPassword("pw", stored));
  EXPECT_TRUE(signedIn(auth.check("alice", "pw", "10.0.0.1")));
  EXPECT_EQ(accounts.find("alice")->passwordHash, stored) << "a current hash is kept";
}

TEST(Authenticator, AnUpgradeNeverUndoesAPasswordChange) {
  TempDir dir;
  storage::sql::Database db(dir.file("a.db"));
  storage::sql::SqlAccountRepository accounts(db);
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
