#include "server/api/JsonApi.h"

namespace bookdav::server {

caldav::Response JsonApi::handle(const caldav::Request&) {
  caldav::Response r;
  r.status = 404;
  r.body = R"({"error": {"code": "not-found", "message": "the JSON API is not available yet"}})";
  r.set("Content-Type", "application/json");
  return r;
}

}  // namespace bookdav::server
