// Who acts on the booking domain: a signed-in user with their role and, for staff, the resources they
// are (Resource::userName); or a guest without an account, who books as a contact and acts on one
// booking through its manage token. What an actor may do is decided in Permissions.h.
#pragma once

#include <string>
#include <vector>

#include "domain/account/Account.h"
#include "domain/booking/Ids.h"

namespace bookdav::domain {

struct Actor {
  std::string user;
  Role role = Role::Customer;
  std::vector<std::string> resources;  // staff: the resources they are; empty for others
  bool isGuest = false;                // no account: bound by the customer rules, owns no booking by name
  BookingId guestBooking = 0;          // a guest holding a booking's manage token: that booking

  // The business: an admin, who may act on anyone's booking and is not bound by the customer rules.
  bool business() const { return role == Role::Admin; }

  static Actor customer(std::string user) { return Actor{std::move(user), Role::Customer, {}}; }
  static Actor admin(std::string user = "admin") { return Actor{std::move(user), Role::Admin, {}}; }
  // A guest books as a contact (name and e-mail); guest(id) acts on the booking whose token it holds.
  static Actor guest(BookingId booking = 0) {
    Actor a;
    a.isGuest = true;
    a.guestBooking = booking;
    return a;
  }
  static Actor staff(std::string user, std::vector<std::string> resources) {
    return Actor{std::move(user), Role::Staff, std::move(resources)};
  }
};

}  // namespace bookdav::domain
