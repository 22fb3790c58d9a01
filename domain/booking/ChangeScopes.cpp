#include "domain/booking/ChangeScopes.h"

#include <algorithm>
#include <iterator>

#include "domain/booking/Intervals.h"

namespace bookdav::domain {

std::string serviceScope(std::string_view serviceId) {
  return "service:" + std::string(serviceId);
}
std::string customerScope(std::string_view user) {
  return "customer:" + std::string(user);
}
std::string serviceCustomerScope(std::string_view serviceId, std::string_view user) {
  return serviceScope(serviceId) + ":customer:" + std::string(user);
}
std::string resourceScope(std::string_view resourceId) {
  return "resource:" + std::string(resourceId);
}
std::string sessionItem(SessionId id) {
  return "session:" + std::to_string(id);
}
std::string bookingItem(BookingId id) {
  return "booking:" + std::to_string(id);
}

std::vector<std::string> serviceCollectionScopes(std::string_view serviceId, std::string_view user) {
  return {serviceScope(serviceId), serviceCustomerScope(serviceId, user)};
}
std::vector<std::string> customerCollectionScopes(std::string_view user) {
  return {customerScope(user)};
}
std::vector<std::string> resourceCollectionScopes(std::string_view resourceId) {
  return {resourceScope(resourceId)};
}

void recordSessionChange(BookingData& data, const Session& session, bool deleted) {
  const std::string item = sessionItem(session.id);
  if (!session.serviceId.empty() &&
      (session.kind == SessionKind::Class || session.kind == SessionKind::Course))
    data.recordChange(serviceScope(session.serviceId), item, deleted);
  for (const std::string& r : session.resourceIds) data.recordChange(resourceScope(r), item, deleted);
}

void recordBookingChange(BookingData& data, const Booking& booking,
                         const std::vector<std::string>& previousResources) {
  const std::string item = bookingItem(booking.id);
  const bool gone = !isActive(booking.status);
  if (!booking.customer.empty()) {
    data.recordChange(customerScope(booking.customer), item, gone);
    data.recordChange(serviceCustomerScope(booking.serviceId, booking.customer), item, gone);
  }
  for (const std::string& r : booking.resourceIds) data.recordChange(resourceScope(r), item, gone);
  for (const std::string& r : previousResources)
    if (std::find(booking.resourceIds.begin(), booking.resourceIds.end(), r) == booking.resourceIds.end())
      data.recordChange(resourceScope(r), item, true);
}

void recordCatalogChange(BookingData& data, std::string_view item, bool deleted) {
  data.recordChange(kCatalogScope, item, deleted);
}

bool changesEventText(const Service& before, const Service& after) {
  return before.name != after.name || before.location != after.location || before.price != after.price ||
         before.timeZone != after.timeZone;
}

bool changesEventText(const Resource& before, const Resource& after) {
  return before.name != after.name || before.email != after.email;
}

namespace {

constexpr BookingStatus kShown[] = {BookingStatus::Confirmed, BookingStatus::Pending,
                                    BookingStatus::Waitlisted};

}  // namespace

void recordServiceEventsChanged(BookingData& data, std::string_view serviceId, Instant since) {
  BookingFilter filter;
  filter.serviceId = std::string(serviceId);
  filter.statuses.assign(std::begin(kShown), std::end(kShown));
  for (const Booking& b : data.bookings(filter)) recordBookingChange(data, b);
  for (const Session& s : data.sessionsOfService(serviceId, Interval{since, kAllTime.end}))
    recordSessionChange(data, s);
}

void recordResourceEventsChanged(BookingData& data, std::string_view resourceId, Instant since) {
  for (const Session& s : data.sessionsOnResource(resourceId, Interval{since, kAllTime.end})) {
    recordSessionChange(data, s);
    for (BookingStatus status : kShown)
      for (const Booking& b : data.bookingsOfSession(s.id, status)) recordBookingChange(data, b);
  }
}

}  // namespace bookdav::domain
