// One call of the JSON API as an endpoint sees it: the caller, the path below the endpoint family
// ("/api/v1/bookings/12/cancel" -> rest {"12", "cancel"}), the query parameters, the JSON body and
// the backend. Reads of parameters and body throw ApiError / InvalidInput naming what was wrong.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "caldav/webdav/Message.h"
#include "domain/time/Instant.h"
#include "domain/time/LocalTime.h"
#include "server/Backend.h"
#include "server/api/Caller.h"
#include "server/api/GuestThrottle.h"
#include "server/api/JsonInput.h"

namespace bookdav::server::api {

class ApiCall {
 public:
  ApiCall(const caldav::Request& request, Backend& backend, std::vector<std::string> rest);

  const caldav::Request& request;
  Backend& backend;
  Caller caller;
  const std::vector<std::string> rest;
  GuestThrottle* guests = nullptr;  // the limits of guests' bookings and manage-token lookups

  const std::string& method() const { return request.method; }
  // Throws 405 (with Allow) unless the method is one of these; HEAD counts as GET.
  void allow(std::initializer_list<std::string_view> methods) const;
  bool is(std::string_view method) const;

  // The body as a JSON object (400 when it is missing, not JSON, or not an object).
  JsonFields body();
  // The same, but an empty body is an empty object.
  JsonFields optionalBody();

  // Query parameters; each read marks the parameter known, finishQuery() refuses the others.
  std::optional<std::string> param(std::string_view name);
  std::optional<domain::Instant> instantParam(std::string_view name);
  void finishQuery() const;

  // The range of from/to query parameters: defaults apply to missing ones, then to > from and at
  // most `longest` long are checked.
  domain::Interval rangeParams(domain::Seconds defaultLength, domain::Seconds longest);

  domain::Instant now() const;
  const domain::ZoneRules& zones() const;

 private:
  std::map<std::string, std::string, std::less<>> query_;
  std::set<std::string, std::less<>> knownParams_;
  JsonValue body_;
};

// A path segment naming a session or booking: its number, else 404 naming `what`.
std::int64_t numericId(const std::string& segment, std::string_view what);

// The body's "force": true makes a catalog change that takes time from active bookings cancel them
// (only the business may); without it such a change is refused with conflicts-with-bookings.
bool readForce(ApiCall& call, JsonFields& body);

}  // namespace bookdav::server::api
