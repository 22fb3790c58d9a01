// HTTP Basic authentication against the account store: the login throttle first (a throttled
// client's password is not even looked at), then the credential cache, then the slow hash check
// under the gate that bounds how many run at once. A successful sign-in with a hash weaker than
// today's replaces it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "domain/account/Account.h"
#include "server/auth/CredentialCache.h"
#include "server/auth/LoginThrottle.h"
#include "server/auth/PasswordCheckGate.h"

namespace bookdav::server {

// Why a sign-in did not succeed; the Router maps each reason onto one answer for each face.
struct SignInRefusal {
  enum class Reason {
    WrongCredentials,  // malformed header, unknown user or wrong password (401)
    TooManyAttempts,   // the login throttle holds the client back (429)
    Busy,              // every slow password check is taken: ask again shortly (see PasswordCheckGate)
  };
  Reason reason;
  std::string message;                 // a sentence for the client
  std::chrono::seconds retryAfter{0};  // for TooManyAttempts and Busy
};

using SignInResult = std::variant<domain::Account, SignInRefusal>;

class Authenticator {
 public:
  explicit Authenticator(domain::AccountRepository& accounts, LoginThrottle::Rules rules = {},
                         LoginThrottle::Clock clock = std::chrono::steady_clock::now)
      : accounts_(accounts), throttle_(rules, std::move(clock)) {}

  // The account for an "Authorization: Basic ..." header value sent from clientAddress.
  SignInResult signIn(std::string_view authorizationHeader, std::string_view clientAddress);
  SignInResult check(std::string_view user, std::string_view password, std::string_view clientAddress);

  const LoginThrottle& throttle() const { return throttle_; }

 private:
  // What one attempt let through by the throttle comes to.
  SignInResult verify(LoginThrottle::Attempt& attempt, std::string_view user, std::string_view password);

  domain::AccountRepository& accounts_;
  CredentialCache cache_;
  LoginThrottle throttle_;
  PasswordCheckGate gate_;
};

}  // namespace bookdav::server
