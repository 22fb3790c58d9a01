#include "server/api/JsonApi.h"

#include <map>

#include "caldav/webdav/Href.h"
#include "server/api/ApiError.h"
#include "server/api/Endpoints.h"

namespace bookdav::server {
namespace {

using Endpoint = caldav::Response (*)(api::ApiCall&);

const std::map<std::string, Endpoint, std::less<>> kEndpoints = {
    {"availability", api::availabilityEndpoint},
    {"bookings", api::bookingsEndpoint},
    {"calendar", api::calendarEndpoint},
    {"me", api::meEndpoint},
    {"notification-settings", api::notificationSettingsEndpoint},
    {"notifications", api::notificationsEndpoint},
    {"resources", api::resourcesEndpoint},
    {"services", api::servicesEndpoint},
    {"sessions", api::sessionsEndpoint},
    {"webhooks", api::webhooksEndpoint},
};

caldav::Response dispatch(const caldav::Request& request, Backend& backend, api::GuestThrottle& guests) {
  if (request.body.size() > JsonApi::kMaxBodyBytes)
    throw api::ApiError(413, "too-large",
                        "the request body has " + std::to_string(request.body.size()) +
                            " bytes; the JSON API takes " + std::to_string(JsonApi::kMaxBodyBytes) +
                            " at most");
  std::vector<std::string> parts = caldav::pathSegments(request.path);  // "api", "v1", family, ...
  if (parts.size() < 3 || parts[1] != "v1") {
    std::string families;
    for (const auto& [name, endpoint] : kEndpoints) families += (families.empty() ? "" : ", ") + name;
    throw api::ApiError::notFound("there is nothing at " + request.path + "; the JSON API is /api/v1/{" +
                                  families + "}");
  }
  auto it = kEndpoints.find(parts[2]);
  if (it == kEndpoints.end()) throw api::ApiError::notFound("there is nothing at " + request.path);
  api::ApiCall call(request, backend, std::vector<std::string>(parts.begin() + 3, parts.end()));
  call.guests = &guests;
  return it->second(call);
}

}  // namespace

caldav::Response JsonApi::handle(const caldav::Request& request) {
  try {
    caldav::Response r = dispatch(request, backend_, guests_);
    // The business's changes reach organizers' copies and inboxes (caldav/scheduling/SchedulingReplies.h).
    if (request.method != "GET" && request.method != "HEAD" && r.status < 400)
      backend_.dav.afterBookingWrite();
    return r;
  } catch (const api::ApiError& e) {
    return api::errorResponse(e);
  } catch (const api::InvalidInput& e) {
    return api::errorResponse(api::fromInvalid(e));
  } catch (const domain::Refused& e) {
    return api::errorResponse(api::fromRefused(e));
  }
}

bool JsonApi::isManage(std::string_view path) {
  return path.starts_with("/api/v1/bookings/manage/");
}

bool JsonApi::forGuests(const caldav::Request& request) {
  const std::string& path = request.path;
  if (isManage(path)) return true;
  std::vector<std::string> parts = caldav::pathSegments(path);
  if (parts.size() < 3 || parts[0] != "api" || parts[1] != "v1") return false;
  const std::string& family = parts[2];
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (family == "services" || family == "resources") return get && parts.size() <= 5;
  if (family == "sessions") return get && parts.size() == 3;
  if (family == "availability") return request.method == "POST" && parts.size() == 4 && parts[3] == "query";
  if (family == "bookings") return request.method == "POST" && parts.size() == 3;
  return false;
}

bool JsonApi::owns(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  return path == "/api" || path.starts_with("/api/");
}

caldav::Response JsonApi::options() {
  caldav::Response r = caldav::Response::empty(204);
  r.set("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  return r;
}

}  // namespace bookdav::server
