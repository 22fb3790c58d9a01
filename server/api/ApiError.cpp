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
  if (refused.reason() == Refusal::ConflictsWithBookings) status = 409;
  return ApiError(status, std::string(refused.name()), refused.what()).withConflicts(refused.conflicts());
}

ApiError fromInvalid(const InvalidInput& invalid) {
  return ApiError::invalid(invalid.path(), invalid.what());
}

caldav::Response errorResponse(const ApiError& error) {
  JsonObject inner = newObject();
  inner->set("code", error.code());
  inner->set("message", std::string(error.what()));
  if (!error.field().empty()) inner->set("field", error.field());
  if (!error.conflicts().empty()) {
    JsonArray conflicts = newArray();
    for (const domain::BookingConflict& c : error.conflicts()) {
      JsonObject o = newObject();
      o->set("bookingId", Poco::Int64(c.bookingId));
      o->set("serviceId", c.serviceId);
      o->set("sessionId", Poco::Int64(c.sessionId));
      o->set("start", utcText(c.time.start));
      o->set("end", utcText(c.time.end));
      conflicts->add(o);
    }
    inner->set("conflicts", conflicts);
  }
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
