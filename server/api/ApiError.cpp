#include "server/api/ApiError.h"

#include "server/api/JsonOutput.h"

namespace bookdav::server::api {

ApiError ApiError::methodNotAllowed(std::string_view method, std::string allow) {
  ApiError e(405, "method-not-allowed", std::string(method) + " is not allowed here; use " + allow);
  e.allow_ = std::move(allow);
  return e;
}

ApiError fromRefused(const domain::Refused& refused) {
  using domain::Refusal;
  int status = 403;
  if (refused.lostRace()) status = 409;
  if (refused.reason() == Refusal::NotFound) status = 404;
  if (refused.reason() == Refusal::InvalidRequest) status = 400;
  return ApiError(status, std::string(refused.name()), refused.what());
}

ApiError fromInvalid(const InvalidInput& invalid) {
  return ApiError::invalid(invalid.path(), invalid.what());
}

caldav::Response errorResponse(const ApiError& error) {
  JsonObject inner = newObject();
  inner->set("code", error.code());
  inner->set("message", std::string(error.what()));
  if (!error.field().empty()) inner->set("field", error.field());
  JsonObject body = newObject();
  body->set("error", inner);
  caldav::Response r = jsonResponse(error.status(), body);
  if (!error.allow().empty()) r.set("Allow", error.allow());
  return r;
}

caldav::Response unauthenticated(const std::string& message, const std::string& challenge) {
  caldav::Response r = errorResponse(ApiError(401, "unauthenticated", message));
  r.set("WWW-Authenticate", challenge);
  return r;
}

}  // namespace bookdav::server::api
