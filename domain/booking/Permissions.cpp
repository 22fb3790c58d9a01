#include "domain/booking/Permissions.h"

#include <algorithm>

namespace bookdav::domain {

bool Permissions::seeOwnResource(std::string_view resourceId) const {
  return actor_.role == Role::Staff &&
         std::find(actor_.resources.begin(), actor_.resources.end(), resourceId) != actor_.resources.end();
}

bool Permissions::touchesOwn(std::span<const std::string> resourceIds) const {
  return std::any_of(resourceIds.begin(), resourceIds.end(),
                     [&](const std::string& r) { return seeOwnResource(r); });
}

bool Permissions::changeCatalog() const {
  return actor_.business();
}

bool Permissions::changeWorkingHours(std::string_view) const {
  return actor_.business();
}

bool Permissions::changeSessions() const {
  return actor_.business();
}

bool Permissions::changeTimeOff(std::span<const std::string> resourceIds) const {
  if (actor_.business()) return true;
  return !resourceIds.empty() && std::all_of(resourceIds.begin(), resourceIds.end(),
                                             [&](const std::string& r) { return seeOwnResource(r); });
}

bool Permissions::changeSession(const Session& session) const {
  return session.kind == SessionKind::TimeOff ? changeTimeOff(session.resourceIds) : changeSessions();
}

bool Permissions::force() const {
  return actor_.business();
}

bool Permissions::bookFor(std::string_view customer) const {
  if (actor_.isGuest) return customer.empty();
  return actor_.business() || (!customer.empty() && customer == actor_.user);
}

bool Permissions::bypassPolicy() const {
  return actor_.business();
}

bool Permissions::changeBooking(const Booking& booking) const {
  if (actor_.isGuest) return actor_.guestBooking != 0 && booking.id == actor_.guestBooking;
  return actor_.business() || (!booking.customer.empty() && booking.customer == actor_.user);
}

bool Permissions::decide(const Booking& booking) const {
  return actor_.business() || touchesOwn(booking.resourceIds);
}

bool Permissions::see(const Booking& booking) const {
  return changeBooking(booking) || touchesOwn(booking.resourceIds);
}

bool Permissions::see(const Session& session) const {
  if (actor_.business()) return true;
  if (session.kind == SessionKind::Class || session.kind == SessionKind::Course) return true;
  return touchesOwn(session.resourceIds);
}

bool Permissions::seeSchedule(const Resource& resource) const {
  return actor_.business() ||
         (actor_.role == Role::Staff && !resource.userName.empty() && resource.userName == actor_.user);
}

void require(bool allowed, const std::string& what) {
  if (!allowed) throw Refused(Refusal::NotAllowed, "only the business (an admin) may " + what);
}

}  // namespace bookdav::domain
