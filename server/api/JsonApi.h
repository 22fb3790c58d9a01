// The JSON API under /api/v1/ (DESIGN.md, "JSON API"; README, "JSON API"): services, resources,
// sessions, availability, bookings and the calendar overview, on the same booking engine and
// storage as CalDAV, so that a change made here shows at once in the CalDAV collections.
#pragma once

#include <cstddef>
#include <string_view>

#include "caldav/webdav/Message.h"
#include "server/Backend.h"
#include "server/api/GuestThrottle.h"

namespace bookdav::server {

class JsonApi {
 public:
  // Larger request bodies are refused with 413.
  static constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

  explicit JsonApi(Backend& backend) : backend_(backend) {}
  // request.user and request.role are set (the Router authenticated the caller). Never throws for
  // bad input or refusals: they become JSON errors; storage failures propagate.
  caldav::Response handle(const caldav::Request& request);

  // OPTIONS on /api/... (before authentication): the methods the API uses.
  static caldav::Response options();

  // Whether a request without credentials is one guests of the public booking pages may make
  // (README, "Public booking pages"): reading services and resources, availability, booking as a
  // contact, and a booking's manage-token endpoints.
  static bool forGuests(const caldav::Request& request);
  // The manage-token endpoints, /api/v1/bookings/manage/...: the token is the authority.
  static bool isManage(std::string_view path);
  // Guests' request bodies are smaller than a signed-in user's.
  static constexpr std::size_t kMaxGuestBodyBytes = 16 * 1024;

  // The limits of guests' bookings and manage-token lookups (shared with the booking pages).
  api::GuestThrottle& guests() { return guests_; }

  // Whether a request target (a path, or a raw URI with a query) is the API's: "/api", "/api/...".
  static bool owns(std::string_view target);

 private:
  Backend& backend_;
  api::GuestThrottle guests_;
};

}  // namespace bookdav::server
