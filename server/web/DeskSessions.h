// Signed-in sessions of the front desk (/desk/): a browser that signed in with a staff or admin
// account holds a random session id in an HttpOnly cookie, and sends the session's CSRF token in the
// X-CSRF-Token header with every change. Held in memory (a restart signs everyone out), bounded,
// forgotten after 12 hours without use.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "domain/account/Account.h"

namespace bookdav::server::web {

struct DeskSession {
  std::string id;    // the cookie's value: 128 random bits, hex
  std::string csrf;  // 128 random bits, hex
  std::string user;
  domain::Role role = domain::Role::Staff;
};

class DeskSessions {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::string_view kCookie = "bookdav_desk";
  static constexpr std::chrono::hours kIdle{12};
  static constexpr std::size_t kMaxSessions = 10000;

  explicit DeskSessions(std::function<Clock::time_point()> now = Clock::now) : now_(std::move(now)) {}

  DeskSession open(const std::string& user, domain::Role role);
  // The session of a Cookie header (its bookdav_desk value), renewed; nullopt when none or expired.
  std::optional<DeskSession> find(std::string_view cookieHeader);
  void close(std::string_view id);

  // The Set-Cookie value for a session (Secure under TLS), and the one that ends it.
  static std::string cookie(const DeskSession& session, bool tls);
  static std::string expiredCookie(bool tls);
  // The cookie's value in a Cookie header ("a=1; bookdav_desk=...; b=2").
  static std::optional<std::string> cookieValue(std::string_view cookieHeader);

 private:
  struct Entry {
    DeskSession session;
    Clock::time_point lastUse;
  };
  std::function<Clock::time_point()> now_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> sessions_;
};

// Constant-time comparison of two secrets (CSRF tokens).
bool sameSecret(std::string_view a, std::string_view b);

}  // namespace bookdav::server::web
