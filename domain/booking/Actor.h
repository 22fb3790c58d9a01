// Who asks the booking engine to act: a customer acting for themself, or the business (an admin),
// who may act on anyone's booking and is not bound by the customer-facing time rules.
#pragma once

#include <string>

namespace bookdav::domain {

struct Actor {
  std::string user;
  bool business = false;

  static Actor customer(std::string user) { return Actor{std::move(user), false}; }
  static Actor admin(std::string user = "admin") { return Actor{std::move(user), true}; }
};

}  // namespace bookdav::domain
