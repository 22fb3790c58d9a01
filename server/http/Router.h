// Decides who answers a request: the well-known redirect, secret-token feeds (no login), the booking
// pages and the JSON API's guest endpoints of a public business (no login), the front desk (its own
// sign-in, then a session cookie that the JSON API accepts too), and, after HTTP Basic
// authentication, the CalDAV service (and the JSON API).
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
#include "server/web/BookingPages.h"
#include "server/web/DeskSessions.h"
#include "server/web/FrontDesk.h"

namespace bookdav::server {

// What the Router tells the front door about a request: its answer; for an admission question, that
// the body may come; or to ask again shortly, when every slow password check is taken (the request
// then waits in the front door's queue, not on a worker thread, and the request is unchanged).
struct Verdict {
  enum class Kind { Answer, Admitted, AskAgain };
  Kind kind = Kind::Answer;
  caldav::Response answer;  // Kind::Answer

  static Verdict of(caldav::Response answer) { return {Kind::Answer, std::move(answer)}; }
};

class Router {
 public:
  explicit Router(Backend& backend);
  // The answer (or AskAgain). Checks the password: run it on a worker.
  Verdict route(caldav::Request& request);

  // Whether a request may send its body, decided on its header block alone (request.body is
  // empty): Admitted lets it; otherwise the answer refusing it: 404 outside bookdav's URL space, 413
  // where no body is taken or the API's limit is passed, and what signIn answers (401, 429); or
  // AskAgain. The front door asks before reading a large or chunked body. Run it on a worker.
  Verdict admit(const caldav::Request& headersOnly);

  // What the front door answers a request that had to ask again for too long (503, Retry-After).
  static caldav::Response tooBusy(const std::string& path);

 private:
  // The signed-in account of the request's Authorization header, or the verdict refusing it (401,
  // 429 while the login throttle holds the client back) or asking again (every check taken).
  std::variant<domain::Account, Verdict> signIn(const caldav::Request& request);
  caldav::Response unauthorized(const std::string& path, const std::string& why) const;
  // A request the JSON API answers without sign-in, for guests of the public booking pages.
  bool asGuest(const caldav::Request& request);
  // A JSON API request from a front desk session (its cookie, no Authorization header): the session,
  // or the answer refusing a change without the session's X-CSRF-Token.
  std::optional<std::variant<web::DeskSession, caldav::Response>> deskCaller(const caldav::Request& request);
  void provisionOnce(const std::string& user);

  Backend& backend_;
  Authenticator authenticator_;
  JsonApi api_;
  web::BookingPages pages_;
  web::DeskSessions deskSessions_;
  web::FrontDesk desk_;
  std::mutex provisionedMutex_;
  std::set<std::string> provisioned_;
};

}  // namespace bookdav::server
