// Decides who answers a request: the well-known redirect, secret-token feeds (no login), and,
// after HTTP Basic authentication, the CalDAV service (and the JSON API).
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "caldav/webdav/Message.h"
#include "server/Backend.h"
#include "server/api/JsonApi.h"
#include "server/auth/Authenticator.h"

namespace bookdav::server {

class Router {
 public:
  explicit Router(Backend& backend);
  caldav::Response route(caldav::Request& request);

  // Whether a request may send its body, decided on its header block alone (request.body is
  // empty): nullopt lets it; otherwise the answer refusing it: 404 outside bookdav's URL space, 413
  // where no body is taken or the API's limit is passed, and what signIn answers (401). The front
  // door asks before reading a large or chunked body. Checks the password: run it on a worker.
  std::optional<caldav::Response> admit(const caldav::Request& headersOnly);

 private:
  // The signed-in account of the request's Authorization header, or the answer refusing it: 401,
  // 429 while the login throttle holds the client back, 503 when too many passwords are being checked.
  std::variant<domain::Account, caldav::Response> signIn(const caldav::Request& request);
  caldav::Response unauthorized(const std::string& path, const std::string& why) const;
  void provisionOnce(const std::string& user);

  Backend& backend_;
  Authenticator authenticator_;
  JsonApi api_;
  std::mutex provisionedMutex_;
  std::set<std::string> provisioned_;
};

}  // namespace bookdav::server
