// Who calls the JSON API and what their role lets them see and do (README, "JSON API", roles):
// the business (admin) everything; staff the catalog plus the sessions and bookings of the
// resources they are (Resource::userName), and their own bookings; customers the catalog, the class
// and course timetable, availability, and their own bookings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/account/Account.h"
#include "domain/booking/Actor.h"
#include "domain/booking/Booking.h"
#include "domain/booking/Catalog.h"
#include "domain/booking/Session.h"

namespace bookdav::server::api {

class Caller {
 public:
  Caller(std::string user, domain::Role role, domain::Catalog& catalog)
      : user_(std::move(user)), role_(role), catalog_(catalog) {}

  const std::string& user() const { return user_; }
  domain::Role role() const { return role_; }
  bool business() const { return role_ == domain::Role::Admin; }
  bool staff() const { return role_ == domain::Role::Staff; }
  // How the booking engine sees the caller: the business, or a customer acting for themself.
  domain::Actor actor() const {
    return business() ? domain::Actor::admin(user_) : domain::Actor::customer(user_);
  }

  // Throws ApiError 403 not-allowed unless the caller is the business; `what` completes "only the
  // business may ...".
  void requireBusiness(const std::string& what) const;

  // The resources this staff member is (empty for others), read once per call.
  const std::vector<std::string>& ownResources();
  bool ownsResource(const std::string& id);

  bool canSee(const domain::Booking& booking);
  // Class and course sessions are public; appointments and time off only for the business and the
  // staff whose resources they occupy.
  bool canSee(const domain::Session& session);

 private:
  bool touchesOwn(const std::vector<std::string>& resourceIds);

  std::string user_;
  domain::Role role_;
  domain::Catalog& catalog_;
  std::optional<std::vector<std::string>> own_;
};

}  // namespace bookdav::server::api
