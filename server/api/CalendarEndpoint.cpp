// GET /api/v1/calendar?from=&to=[&resourceId=][&serviceId=]: the business's overview of a range, the
// scheduled sessions and the active bookings. The business sees everything; staff see their own
// resources; customers are refused (they have /bookings and /availability).
#include "server/api/Agenda.h"
#include "server/api/ApiError.h"
#include "server/api/BookingJson.h"
#include "server/api/Endpoints.h"

namespace bookdav::server::api {
namespace {

// Staff asking without a resource see their own day: what occupies one of their resources.
bool shownTo(Caller& caller, bool narrowed, const std::vector<std::string>& resourceIds) {
  if (!caller.staff() || narrowed) return true;
  for (const std::string& r : resourceIds)
    if (caller.ownsResource(r)) return true;
  return false;
}

}  // namespace

caldav::Response calendarEndpoint(ApiCall& call) {
  if (!call.rest.empty()) throw ApiError::notFound("there is nothing at " + call.request.path);
  call.allow({"GET"});
  domain::Interval range = call.rangeParams(std::chrono::days{7}, std::chrono::days{400});
  std::optional<std::string> serviceId = call.param("serviceId");
  std::optional<std::string> resourceId = call.param("resourceId");
  call.finishQuery();
  Caller& caller = call.caller;
  if (!caller.business() && !caller.staff())
    throw ApiError::notAllowed(
        "the calendar overview is for the business and its staff; see /api/v1/bookings");
  if (caller.staff() && resourceId && !caller.ownsResource(*resourceId))
    throw ApiError::notAllowed("you see the calendar of your own resources only");

  JsonArray sessions = newArray();
  for (const domain::Session& s : visibleSessions(call, range, serviceId, resourceId, false)) {
    if (!shownTo(caller, resourceId.has_value(), s.resourceIds)) continue;
    sessions->add(sessionJson(s, caller.business()));
  }
  domain::BookingFilter filter;
  filter.range = range;
  filter.serviceId = serviceId;
  filter.resourceId = resourceId;
  filter.statuses = {domain::BookingStatus::Confirmed, domain::BookingStatus::Pending,
                     domain::BookingStatus::Waitlisted};
  JsonArray bookings = newArray();
  for (const domain::Booking& b : visibleBookings(call, filter)) {
    if (!shownTo(caller, resourceId.has_value(), b.resourceIds)) continue;
    const int position =
        b.status == domain::BookingStatus::Waitlisted ? call.backend.booking.desk.waitlistPosition(b.id) : 0;
    bookings->add(bookingJson(b, position, call.now()));
  }
  JsonObject o = newObject();
  o->set("from", utcText(range.start));
  o->set("to", utcText(range.end));
  o->set("sessions", sessions);
  o->set("bookings", bookings);
  return jsonResponse(200, o);
}

}  // namespace bookdav::server::api
