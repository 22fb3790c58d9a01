// Signed-in sessions of the front desk (/desk/): a browser that signed in with a staff or admin
// account holds a random session id in an HttpOnly cookie, and sends the session's CSRF token in the
// X-CSRF-Token header with every change. Kept in the database (domain/account/SignInSessions.h, only
// digests of the secrets), so every bookdav process on it knows a session and a restart keeps it;
// bounded, forgotten after 12 hours without use. The CSRF token is derived from the session id.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/account/Account.h"
#include "domain/account/SignInSessions.h"
#include "domain/time/Clock.h"

namespace bookdav::server::web {

struct DeskSession {
  std::string id;          // the cookie's value: 128 random bits, hex
  std::string csrf;        // 128 bits, hex, derived from the id
  std::string csrfDigest;  // as stored
  std::string user;
  domain::Role role = domain::Role::Staff;
};

class DeskSessions {
 public:
  static constexpr std::string_view kCookie = "bookdav_desk";
  static constexpr std::chrono::hours kIdle{12};
  static constexpr std::size_t kMaxSessions = 10000;

  DeskSessions(domain::SignInSessions& store, const domain::Clock& clock) : store_(store), clock_(clock) {}

  DeskSession open(const std::string& user, domain::Role role);
  // The session of a Cookie header (its bookdav_desk value), renewed; nullopt when none or expired.
  std::optional<DeskSession> find(std::string_view cookieHeader);
  void close(std::string_view id);
  // Whether a presented X-CSRF-Token header is the session's token (compared by its stored digest).
  bool csrfMatches(const DeskSession& session, std::string_view presented) const;

  // The Set-Cookie value for a session (Secure under TLS), and the one that ends it.
  static std::string cookie(const DeskSession& session, bool tls);
  static std::string expiredCookie(bool tls);
  // The cookie's value in a Cookie header ("a=1; bookdav_desk=...; b=2").
  static std::optional<std::string> cookieValue(std::string_view cookieHeader);

 private:
  domain::SignInSessions& store_;
  const domain::Clock& clock_;
};

// Constant-time comparison of two secrets (CSRF tokens).
bool sameSecret(std::string_view a, std::string_view b);

}  // namespace bookdav::server::web
