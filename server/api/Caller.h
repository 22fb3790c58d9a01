// Who calls the JSON API: the signed-in user as the booking domain sees them (domain::Actor: role and,
// for staff, the resources they are), and what that lets them see and do, asked of domain::Permissions
// (README, "JSON API", roles), the same rules the CalDAV face asks. A caller without a user name is a
// guest of the public booking pages (domain::Actor::guest).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/account/Account.h"
#include "domain/booking/Actor.h"
#include "domain/booking/Booking.h"
#include "domain/booking/Catalog.h"
#include "domain/booking/Permissions.h"
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
  // Not signed in: a guest of the public booking pages (JsonApi::forGuests says what they may call).
  bool guest() const { return user_.empty(); }

  // The caller as the booking engine sees them; staff's resources are read once per call.
  const domain::Actor& actor();
  // What the caller may do; a "no" passed to domain::require() answers 403 not-allowed.
  domain::Permissions may() { return domain::Permissions(actor()); }

  // The resources this staff member is (empty for others).
  const std::vector<std::string>& ownResources() { return actor().resources; }
  bool ownsResource(const std::string& id) { return may().seeOwnResource(id); }

  bool canSee(const domain::Booking& booking) { return may().see(booking); }
  // Class and course sessions are public; appointments and time off only for the business and the
  // staff whose resources they occupy.
  bool canSee(const domain::Session& session) { return may().see(session); }

 private:
  std::string user_;
  domain::Role role_;
  domain::Catalog& catalog_;
  std::optional<domain::Actor> actor_;
};

}  // namespace bookdav::server::api
