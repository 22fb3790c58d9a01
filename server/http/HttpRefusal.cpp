#include "server/http/HttpRefusal.h"

#include "caldav/webdav/DavError.h"
#include "server/api/ApiError.h"
#include "server/api/JsonApi.h"

namespace bookdav::server::http {
namespace {

// The JSON API's error code for each status the HTTP layer answers with.
std::string apiCode(int status) {
  switch (status) {
    case 400:
      return "invalid-request";
    case 408:
      return "request-timeout";
    case 413:
      return "too-large";
    case 414:
      return "uri-too-long";
    case 431:
      return "headers-too-large";
    case 501:
      return "not-implemented";
    case 503:
      return "overloaded";
    case 505:
      return "http-version-not-supported";
    default:
      return "internal-error";
  }
}

// The path of an origin-form or absolute-form target, without its query.
std::string_view pathOf(std::string_view target) {
  if (std::size_t scheme = target.find("://"); scheme != std::string_view::npos) {
    std::size_t slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  return target.substr(0, target.find('?'));
}

}  // namespace

caldav::Response refusal(int status, const std::string& message, std::string_view target) {
  if (JsonApi::owns(pathOf(target)))
    return api::errorResponse(api::ApiError(status, apiCode(status), message));
  return caldav::DavError(status, std::nullopt, message).toResponse();
}

caldav::Response internalError(std::string_view target) {
  return refusal(500, "internal error; the request changed nothing", target);
}

caldav::Response storeUnavailable(const domain::StoreUnavailable& e, std::string_view target) {
  if (e.outcomeUnknown()) {
    const std::string message =
        "the database connection was lost while this change was being saved: it may or may not have been "
        "made; read it back before you try again";
    if (JsonApi::owns(pathOf(target)))
      return api::errorResponse(api::ApiError(500, "outcome-unknown", message));
    return caldav::DavError(500, std::nullopt, message).toResponse();
  }
  const std::string message =
      "the database is not answering; the request changed nothing: try again in a moment";
  caldav::Response r = JsonApi::owns(pathOf(target))
                           ? api::errorResponse(api::ApiError(503, "database-unavailable", message))
                           : caldav::DavError(503, std::nullopt, message).toResponse();
  r.set("Retry-After", "2");
  return r;
}

}  // namespace bookdav::server::http
