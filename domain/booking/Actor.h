// Who acts on the booking domain: a signed-in user with their role and, for staff, the resources they
// are (Resource::userName). What an actor may do is decided in Permissions.h.
#pragma once

#include <string>
#include <vector>

#include "domain/account/Account.h"

namespace bookdav::domain {

struct Actor {
  std::string user;
  Role role = Role::Customer;
  std::vector<std::string> resources;  // staff: the resources they are; empty for others

  // The business: an admin, who may act on anyone's booking and is not bound by the customer rules.
  bool business() const { return role == Role::Admin; }

  static Actor customer(std::string user) { return Actor{std::move(user), Role::Customer, {}}; }
  static Actor admin(std::string user = "admin") { return Actor{std::move(user), Role::Admin, {}}; }
  static Actor staff(std::string user, std::vector<std::string> resources) {
    return Actor{std::move(user), Role::Staff, std::move(resources)};
  }
};

}  // namespace bookdav::domain
