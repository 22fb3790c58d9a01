// The JSON API's one error type and the one mapping onto HTTP: every refusal (the API's own and the
// booking domain's Refused) becomes a status and {"error": {"code", "message"[, "field"]}}.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "caldav/webdav/Message.h"
#include "domain/booking/Refusal.h"
#include "server/api/JsonInput.h"

namespace bookdav::server::api {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}

  // 400 invalid-request about one field of the input ("policy.minimumNotice"; "" for the whole body).
  static ApiError invalid(std::string field, const std::string& message) {
    return ApiError(400, "invalid-request", message, std::move(field));
  }
  static ApiError notFound(const std::string& message) { return ApiError(404, "not-found", message); }
  // 403 not-allowed: the caller's role may not do this.
  static ApiError notAllowed(const std::string& message) { return ApiError(403, "not-allowed", message); }
  static ApiError methodNotAllowed(std::string_view method, std::string allow);

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::string& allow() const { return allow_; }
  // 409 conflicts-with-bookings: the bookings in the way, listed in the body as "conflicts".
  const std::vector<domain::BookingConflict>& conflicts() const { return conflicts_; }
  ApiError& withConflicts(std::vector<domain::BookingConflict> conflicts) {
    conflicts_ = std::move(conflicts);
    return *this;
  }

 private:
  int status_;
  std::string code_;
  std::string field_;
  std::string allow_;  // 405: the methods the resource has
  std::vector<domain::BookingConflict> conflicts_;
};

// The status of a booking-domain refusal: 404 not-found, 400 invalid-request, 409 for a lost race and
// for conflicts-with-bookings (with "conflicts": [{"bookingId", "serviceId", "sessionId", "start",
// "end"}]), 403 for every other (policy) refusal. The code is the refusal's name, as in CalDAV.
ApiError fromRefused(const domain::Refused& refused);

// 400 invalid-request naming the field.
ApiError fromInvalid(const InvalidInput& invalid);

// The answer for an error: JSON body, Content-Type, and Allow for 405.
caldav::Response errorResponse(const ApiError& error);

// 401 for /api/ paths: JSON body, WWW-Authenticate kept.
caldav::Response unauthenticated(const std::string& message, const std::string& challenge);

}  // namespace bookdav::server::api
