#include "server/web/FrontDesk.h"

#include "server/api/ApiError.h"
#include "server/api/JsonOutput.h"
#include "server/web/BookingPages.h"

namespace bookdav::server::web {
namespace {

bool isTls(const caldav::Request& request) {
  return request.baseUrl.starts_with("https:");
}

caldav::Response sessionJson(const DeskSession& s, int status) {
  api::JsonObject o = api::newObject();
  o->set("user", s.user);
  o->set("role", std::string(domain::roleName(s.role)));
  o->set("csrfToken", s.csrf);
  caldav::Response r = api::jsonResponse(status, o);
  r.set("Cache-Control", "no-store");
  return r;
}

caldav::Response refusal(int status, const std::string& code, const std::string& message) {
  caldav::Response r = api::errorResponse(api::ApiError(status, code, message));
  r.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

bool FrontDesk::owns(std::string_view path) {
  return path == "/desk" || path.starts_with("/desk/");
}

std::optional<caldav::Response> FrontDesk::handle(const caldav::Request& request) {
  const std::string& path = request.path;
  const bool read = request.method == "GET" || request.method == "HEAD";
  if (path == "/desk/session") {
    if (request.method == "POST") return signIn(request);
    std::optional<DeskSession> s = sessions_.find(request.header("Cookie", ""));
    if (read) {
      if (!s) return refusal(401, "unauthenticated", "sign in to the front desk");
      return sessionJson(*s, 200);
    }
    if (request.method == "DELETE") {
      if (s && sessions_.csrfMatches(*s, request.header("X-CSRF-Token", "")))
        sessions_.close(s->id);
      else if (s)
        return refusal(403, "not-allowed", "signing out needs the session's X-CSRF-Token header");
      caldav::Response r = caldav::Response::empty(204);
      r.set("Set-Cookie", DeskSessions::expiredCookie(isTls(request)));
      return r;
    }
    return api::errorResponse(api::ApiError::methodNotAllowed(request.method, "GET, POST, DELETE"));
  }
  if (!read) {
    caldav::Response r = messagePage(405, "This page can only be read.");
    r.set("Allow", "GET, HEAD");
    return r;
  }
  if (path == "/desk") {
    caldav::Response r = caldav::Response::empty(301);
    r.set("Location", "/desk/");
    return r;
  }
  if (path == "/desk/") return assetResponse("desk.html");
  constexpr std::string_view kAssets = "/desk/assets/";
  if (path.starts_with(kAssets) && !path.ends_with(".html"))
    return assetResponse(std::string_view(path).substr(kAssets.size()));
  return messagePage(404, "There is no such page.");
}

std::optional<caldav::Response> FrontDesk::signIn(const caldav::Request& request) {
  std::string user, password;
  try {
    api::JsonValue root = api::parseJson(request.body);
    api::JsonFields body(root, "");
    user = body.requiredString("user");
    password = body.requiredString("password");
    body.finish();
  } catch (const api::InvalidInput& e) {
    return api::errorResponse(api::fromInvalid(e));
  } catch (const api::ApiError& e) {
    return api::errorResponse(e);
  }
  SignInResult result = authenticator_.check(user, password, request.clientAddress);
  if (auto* refused = std::get_if<SignInRefusal>(&result)) {
    switch (refused->reason) {
      case SignInRefusal::Reason::Busy:
        return std::nullopt;
      case SignInRefusal::Reason::WrongCredentials:
        return refusal(401, "unauthenticated", "the user name or the password is wrong");
      case SignInRefusal::Reason::TooManyAttempts: {
        caldav::Response r = refusal(429, "too-many-requests", refused->message);
        r.set("Retry-After", std::to_string(refused->retryAfter.count()));
        return r;
      }
    }
  }
  const domain::Account& account = std::get<domain::Account>(result);
  if (account.role == domain::Role::Customer)
    return refusal(403, "not-allowed", "the front desk is for the business's staff and admins");
  DeskSession s = sessions_.open(account.name, account.role);
  caldav::Response r = sessionJson(s, 200);
  r.set("Set-Cookie", DeskSessions::cookie(s, isTls(request)));
  return r;
}

}  // namespace bookdav::server::web
