// The JSON API under /api/v1/ (DESIGN.md, "JSON API"): services, resources, sessions,
// availability, bookings and the calendar overview, on the same booking engine as CalDAV.
#pragma once

#include "caldav/webdav/Message.h"
#include "server/Backend.h"

namespace bookdav::server {

class JsonApi {
 public:
  explicit JsonApi(Backend& backend) : backend_(backend) {}
  // request.user and request.role are set (the Router authenticated the caller).
  caldav::Response handle(const caldav::Request& request);

 private:
  Backend& backend_;
};

}  // namespace bookdav::server
