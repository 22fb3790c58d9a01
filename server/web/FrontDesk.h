// The front desk under /desk/ (README, "Front desk"): its page and assets, and signing in and out
// (/desk/session) with a staff or admin account, which gives the browser a DeskSessions cookie. The
// page then works through the JSON API, which the Router lets a desk session call (changes only with
// the session's X-CSRF-Token).
#pragma once

#include <optional>
#include <string_view>

#include "caldav/webdav/Message.h"
#include "server/auth/Authenticator.h"
#include "server/web/DeskSessions.h"

namespace bookdav::server::web {

class FrontDesk {
 public:
  FrontDesk(Authenticator& authenticator, DeskSessions& sessions)
      : authenticator_(authenticator), sessions_(sessions) {}

  static bool owns(std::string_view path);  // "/desk", "/desk/..."
  // The answer; nullopt to ask again shortly (every slow password check is taken).
  std::optional<caldav::Response> handle(const caldav::Request& request);

 private:
  std::optional<caldav::Response> signIn(const caldav::Request& request);

  Authenticator& authenticator_;
  DeskSessions& sessions_;
};

}  // namespace bookdav::server::web
