#include "server/api/Agenda.h"

#include <algorithm>
#include <set>

#include "server/api/ApiError.h"

namespace bookdav::server::api {
namespace {

template <typename T>
void sortByStart(std::vector<T>& items) {
  std::sort(items.begin(), items.end(), [](const T& a, const T& b) {
    return a.time.start != b.time.start ? a.time.start < b.time.start : a.id < b.id;
  });
}

}  // namespace

std::vector<domain::Session> visibleSessions(ApiCall& call, domain::Interval range,
                                             const std::optional<std::string>& serviceId,
                                             const std::optional<std::string>& resourceId,
                                             bool includeCanceled) {
  auto& engine = call.backend.booking;
  if (serviceId && !engine.catalog.service(*serviceId))
    throw ApiError::notFound("there is no service " + *serviceId);
  if (resourceId && !engine.catalog.resource(*resourceId))
    throw ApiError::notFound("there is no resource " + *resourceId);
  std::vector<domain::Session> found;
  if (serviceId) {
    found = engine.timetable.sessions(*serviceId, range);
  } else if (resourceId) {
    found = engine.timetable.sessionsOn(*resourceId, range);
  } else {
    for (const domain::Service& s : engine.catalog.services())
      for (domain::Session& x : engine.timetable.sessions(s.id, range)) found.push_back(std::move(x));
    for (const domain::Resource& r : engine.catalog.resources())
      for (domain::Session& x : engine.timetable.sessionsOn(r.id, range)) found.push_back(std::move(x));
  }
  std::set<domain::SessionId> seen;
  std::vector<domain::Session> out;
  for (domain::Session& s : found) {
    if (!seen.insert(s.id).second) continue;
    if (!includeCanceled && !s.active()) continue;
    if (resourceId &&
        std::find(s.resourceIds.begin(), s.resourceIds.end(), *resourceId) == s.resourceIds.end())
      continue;
    if (!call.caller.canSee(s)) continue;
    out.push_back(std::move(s));
  }
  sortByStart(out);
  return out;
}

std::vector<domain::Booking> visibleBookings(ApiCall& call, const domain::BookingFilter& filter) {
  auto& desk = call.backend.booking.desk;
  Caller& caller = call.caller;
  std::vector<domain::Booking> found;
  if (caller.business() || filter.customer || filter.resourceId) {
    found = desk.bookings(filter);
  } else {
    domain::BookingFilter own = filter;
    own.customer = caller.user();
    found = desk.bookings(own);
    for (const std::string& r : caller.ownResources()) {
      domain::BookingFilter onResource = filter;
      onResource.resourceId = r;
      for (domain::Booking& b : desk.bookings(onResource)) found.push_back(std::move(b));
    }
  }
  std::set<domain::BookingId> seen;
  std::vector<domain::Booking> out;
  for (domain::Booking& b : found)
    if (seen.insert(b.id).second && caller.canSee(b)) out.push_back(std::move(b));
  sortByStart(out);
  return out;
}

domain::Booking visibleBooking(ApiCall& call, domain::BookingId id) {
  std::optional<domain::Booking> b = call.backend.booking.desk.booking(id);
  if (!b || !call.caller.canSee(*b)) throw ApiError::notFound("there is no booking " + std::to_string(id));
  return *b;
}

}  // namespace bookdav::server::api
