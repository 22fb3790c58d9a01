#include "server/api/Caller.h"

#include <algorithm>

#include "server/api/ApiError.h"

namespace bookdav::server::api {

void Caller::requireBusiness(const std::string& what) const {
  if (!business()) throw ApiError::notAllowed("only the business (an admin) may " + what);
}

const std::vector<std::string>& Caller::ownResources() {
  if (!own_) {
    own_.emplace();
    if (staff())
      for (const domain::Resource& r : catalog_.resourcesOf(user_)) own_->push_back(r.id);
  }
  return *own_;
}

bool Caller::ownsResource(const std::string& id) {
  const auto& own = ownResources();
  return std::find(own.begin(), own.end(), id) != own.end();
}

bool Caller::touchesOwn(const std::vector<std::string>& resourceIds) {
  return std::any_of(resourceIds.begin(), resourceIds.end(),
                     [&](const std::string& r) { return ownsResource(r); });
}

bool Caller::canSee(const domain::Booking& booking) {
  if (business() || (!booking.customer.empty() && booking.customer == user_)) return true;
  return staff() && touchesOwn(booking.resourceIds);
}

bool Caller::canSee(const domain::Session& session) {
  if (business()) return true;
  if (session.kind == domain::SessionKind::Class || session.kind == domain::SessionKind::Course) return true;
  return staff() && touchesOwn(session.resourceIds);
}

}  // namespace bookdav::server::api
