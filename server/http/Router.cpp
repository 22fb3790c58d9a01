#include "server/http/Router.h"

#include "caldav/webdav/DavError.h"
#include "server/api/ApiError.h"

namespace bookdav::server {

Router::Router(Backend& backend)
    : backend_(backend),
      authenticator_(backend.accounts),
      api_(backend),
      pages_(backend, api_.guests()),
      deskSessions_(backend.signInSessions, backend.clock),
      desk_(authenticator_, deskSessions_) {}

namespace {

constexpr const char* kChallenge = "Basic realm=\"bookdav\", charset=\"UTF-8\"";

bool isWellKnown(const std::string& path) {
  return path == "/.well-known/caldav" || path == "/.well-known/caldav/";
}

bool isFeed(const std::string& path) {
  return path.rfind("/feeds/", 0) == 0;
}

// A browser asking for the bare host (GET, Accept: text/html) of a public business: the booking pages.
bool wantsPages(const caldav::Request& request) {
  return request.path == "/" && (request.method == "GET" || request.method == "HEAD") &&
         request.header("Accept", "").find("text/html") != std::string::npos;
}

bool isDav(const std::string& path) {
  return path == "/" || path.rfind("/dav", 0) == 0;
}

// The announced body size; nullopt for chunked bodies (malformed values never get this far).
std::optional<std::uint64_t> announcedLength(const caldav::Request& request) {
  auto text = request.header("Content-Length");
  if (!text || text->empty() || text->size() > 18 ||
      text->find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoull(*text);
}

caldav::Response refuse(const std::string& path, int status, const std::string& code,
                        const std::string& message) {
  if (JsonApi::owns(path)) return api::errorResponse(api::ApiError(status, code, message));
  return caldav::DavError(status, std::nullopt, message).toResponse();
}

caldav::Response guestTooLarge(const std::string& path, std::uint64_t length) {
  return refuse(path, 413, "too-large",
                "the request body has " + std::to_string(length) +
                    " bytes; without signing in bookdav takes " +
                    std::to_string(JsonApi::kMaxGuestBodyBytes) + " at most");
}

}  // namespace

caldav::Response Router::unauthorized(const std::string& path, const std::string& why) const {
  if (JsonApi::owns(path)) return api::unauthenticated(why, kChallenge);
  caldav::Response r = caldav::DavError(401, std::nullopt, why).toResponse();
  r.set("WWW-Authenticate", kChallenge);
  return r;
}

void Router::provisionOnce(const std::string& user) {
  {
    std::lock_guard lock(provisionedMutex_);
    if (provisioned_.count(user)) return;
  }
  backend_.dav.provision(user);
  std::lock_guard lock(provisionedMutex_);
  provisioned_.insert(user);
}

std::variant<domain::Account, Verdict> Router::signIn(const caldav::Request& request) {
  auto header = request.header("Authorization");
  if (!header)
    return Verdict::of(unauthorized(request.path, "sign in with your bookdav user name and password"));
  SignInResult result = authenticator_.signIn(*header, request.clientAddress);
  if (auto* account = std::get_if<domain::Account>(&result)) return std::move(*account);
  const SignInRefusal& refusal = std::get<SignInRefusal>(result);
  switch (refusal.reason) {
    case SignInRefusal::Reason::WrongCredentials:
      return Verdict::of(unauthorized(request.path, refusal.message));
    case SignInRefusal::Reason::Busy:
      return Verdict{Verdict::Kind::AskAgain, {}};
    case SignInRefusal::Reason::TooManyAttempts:
      break;
  }
  // The client is held back by the login throttle (server/auth/LoginThrottle.h).
  caldav::Response r =
      JsonApi::owns(request.path)
          ? api::errorResponse(api::ApiError(429, "too-many-requests", refusal.message))
          : caldav::DavError(429, caldav::xml::QName{std::string(caldav::xml::kBookdav), "too-many-requests"},
                             refusal.message)
                .toResponse();
  r.set("Retry-After", std::to_string(refusal.retryAfter.count()));
  return Verdict::of(std::move(r));
}

caldav::Response Router::tooBusy(const std::string& path) {
  const std::string message = "the server is checking too many passwords at once; try again in a moment";
  caldav::Response r = JsonApi::owns(path) ? api::errorResponse(api::ApiError(503, "overloaded", message))
                                           : caldav::DavError(503, std::nullopt, message).toResponse();
  r.set("Retry-After", "1");
  return r;
}

// A request without credentials that guests of a public business may make (JsonApi::forGuests);
// the manage-token endpoints always go this way (the token is the authority).
bool Router::asGuest(const caldav::Request& request) {
  if (!JsonApi::forGuests(request)) return false;
  if (JsonApi::isManage(request.path)) return true;
  return !request.header("Authorization") && backend_.booking.desk.publicBooking();
}

std::optional<std::variant<web::DeskSession, caldav::Response>> Router::deskCaller(
    const caldav::Request& request) {
  if (!JsonApi::owns(request.path) || request.header("Authorization")) return std::nullopt;
  std::optional<std::string> cookie = request.header("Cookie");
  if (!cookie) return std::nullopt;
  std::optional<web::DeskSession> session = deskSessions_.find(*cookie);
  if (!session) return std::nullopt;
  // The account as it is now: removed, or no longer staff, ends the session.
  std::optional<domain::Account> account = backend_.accounts.find(session->user);
  if (!account || account->role == domain::Role::Customer) {
    deskSessions_.close(session->id);
    return std::nullopt;
  }
  session->role = account->role;
  const std::string& m = request.method;
  if (m != "GET" && m != "HEAD" && m != "OPTIONS" &&
      !deskSessions_.csrfMatches(*session, request.header("X-CSRF-Token", "")))
    return api::errorResponse(api::ApiError(
        403, "not-allowed", "a change from the front desk needs the session's X-CSRF-Token header"));
  return *session;
}

Verdict Router::admit(const caldav::Request& request) {
  const std::string& path = request.path;
  if (web::FrontDesk::owns(path)) {
    auto length = announcedLength(request);
    if (length && *length <= JsonApi::kMaxGuestBodyBytes) return Verdict{Verdict::Kind::Admitted, {}};
    return Verdict::of(refuse(path, 413, "too-large", "the front desk takes small requests only"));
  }
  if (auto desk = deskCaller(request)) {
    if (auto* refused = std::get_if<caldav::Response>(&*desk)) return Verdict::of(std::move(*refused));
    return Verdict{Verdict::Kind::Admitted, {}};
  }
  if (isWellKnown(path) || isFeed(path) || web::BookingPages::owns(path) || request.method == "OPTIONS")
    return Verdict::of(
        refuse(path, 413, "too-large", request.method + " " + path + " takes no request body"));
  if (!isDav(path) && !JsonApi::owns(path))
    return Verdict::of(caldav::DavError::notFound(path + " is not part of bookdav's URL space").toResponse());
  auto length = announcedLength(request);
  if (JsonApi::owns(path) && length && *length > JsonApi::kMaxBodyBytes)
    return Verdict::of(refuse(path, 413, "too-large",
                              "the request body has " + std::to_string(*length) +
                                  " bytes; the JSON API takes " + std::to_string(JsonApi::kMaxBodyBytes) +
                                  " at most"));
  if (asGuest(request)) {
    if (length && *length > JsonApi::kMaxGuestBodyBytes) return Verdict::of(guestTooLarge(path, *length));
    return Verdict{Verdict::Kind::Admitted, {}};
  }
  auto signedIn = signIn(request);
  if (auto* verdict = std::get_if<Verdict>(&signedIn)) return std::move(*verdict);
  return Verdict{Verdict::Kind::Admitted, {}};
}

Verdict Router::route(caldav::Request& request) {
  const std::string& path = request.path;
  if (path == "/.well-known/caldav" || path == "/.well-known/caldav/") {
    caldav::Response r = caldav::Response::empty(301);
    r.set("Location", "/dav/");
    return Verdict::of(std::move(r));
  }
  if (path.rfind("/feeds/", 0) == 0) return Verdict::of(backend_.dav.serveFeed(request));
  if (web::BookingPages::owns(path)) return Verdict::of(pages_.handle(request));
  if (web::FrontDesk::owns(path)) {
    std::optional<caldav::Response> answer = desk_.handle(request);
    if (!answer) return Verdict{Verdict::Kind::AskAgain, {}};
    return Verdict::of(std::move(*answer));
  }
  if (wantsPages(request) && backend_.booking.desk.publicBooking()) {
    caldav::Response r = caldav::Response::empty(302);
    r.set("Location", "/book/");
    return Verdict::of(std::move(r));
  }
  if (request.method == "OPTIONS")
    return Verdict::of(JsonApi::owns(path) ? JsonApi::options() : backend_.dav.handle(request));
  if (auto desk = deskCaller(request)) {
    if (auto* refused = std::get_if<caldav::Response>(&*desk)) return Verdict::of(std::move(*refused));
    const web::DeskSession& session = std::get<web::DeskSession>(*desk);
    request.user = session.user;
    request.role = session.role;
    return Verdict::of(api_.handle(request));
  }

  if (asGuest(request)) {
    if (request.body.size() > JsonApi::kMaxGuestBodyBytes)
      return Verdict::of(guestTooLarge(path, request.body.size()));
    request.user.clear();
    request.role = domain::Role::Customer;
    return Verdict::of(api_.handle(request));
  }
  auto signedIn = signIn(request);
  if (auto* verdict = std::get_if<Verdict>(&signedIn)) return std::move(*verdict);
  const domain::Account& account = std::get<domain::Account>(signedIn);
  request.user = account.name;
  request.role = account.role;
  provisionOnce(account.name);

  if (path == "/" || path.rfind("/dav", 0) == 0) return Verdict::of(backend_.dav.handle(request));
  if (JsonApi::owns(path)) return Verdict::of(api_.handle(request));
  return Verdict::of(caldav::DavError::notFound(path + " is not part of bookdav's URL space").toResponse());
}

}  // namespace bookdav::server
