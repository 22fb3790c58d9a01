#include "caldav/booking/ForceHeader.h"

#include "caldav/ical/ContentLines.h"
#include "caldav/webdav/DavError.h"
#include "domain/booking/Permissions.h"

namespace bookdav::caldav {

bool forceRequested(DavContext& ctx, const Request& request) {
  std::optional<std::string> value = request.header("Force");
  if (!value) return false;
  const std::string v = ical::lower(*value);
  if (v == "false" || v == "f") return false;
  if (v != "true" && v != "t") throw DavError::badRequest("the Force header is true or false");
  const domain::Actor actor = ctx.booking.catalog.actor(request.user, request.role);
  domain::require(domain::Permissions(actor).force(), "force a change over active bookings");
  return true;
}

}  // namespace bookdav::caldav
