// The ordered log of changes behind sync tokens and ctags (RFC 6578, CalendarServer getctag).
// Every write records one row per affected scope in the same transaction as the change itself;
// a collection's token is the highest sequence number among its scopes.
//
// Scopes in use (domain/booking/ChangeScopes.h says when the booking engine records which):
//   "collection:<id>"             an ordinary stored collection; item = member name
//   "service:<serviceId>"         a service's sessions as everyone sees them; item = "session:<id>"
//   "service:<serviceId>:customer:<user>"  one customer's own bookings of a service; item = "booking:<id>"
//   "customer:<user>"             all bookings of one customer; item = "booking:<id>"
//   "catalog"                     the services and resources; item = "service:<id>" / "resource:<id>"
//   "resource:<resourceId>"       sessions and bookings that occupy a resource; item = "session:<id>" /
//   "booking:<id>"
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace bookdav::domain {

struct Change {
  std::int64_t seq = 0;
  std::string scope;
  std::string item;
  bool deleted = false;
};

class ChangeLog {
 public:
  virtual ~ChangeLog() = default;
  // The highest sequence number recorded in any of the scopes (0 when none).
  virtual std::int64_t latest(std::span<const std::string> scopes) = 0;
  // Changes with seq > after in any of the scopes, in sequence order.
  virtual std::vector<Change> since(std::span<const std::string> scopes, std::int64_t after) = 0;
};

}  // namespace bookdav::domain
