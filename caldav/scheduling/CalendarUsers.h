// The calendar users bookdav knows (RFC 6638): accounts, services and resources, with the facts a
// principal search matches on (name, addresses, type, e-mail) and the lookup from an address.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "caldav/dav/DavContext.h"

namespace bookdav::caldav {

struct CalendarUser {
  enum class Kind { Account, Service, Resource };
  Kind kind = Kind::Account;
  std::string id;  // account name, service id or resource id
  std::string displayName;
  std::vector<std::string> addresses;  // calendar-user-address-set, the mailto: first
  std::string type;                    // calendar-user-type: INDIVIDUAL, RESOURCE, ROOM
  std::string email;                   // the mailto: address without the scheme

  // The principal as a Resource (for PROPFIND-style answers).
  Resource principal(DavContext& ctx) const;
};

// Every service and resource, and the accounts `viewer` may find: admins and staff find every account,
// customers only themself (customers do not look each other up).
std::vector<CalendarUser> findableCalendarUsers(DavContext& ctx, const std::string& viewer,
                                                domain::Role role);

// The service or resource an address names (mailto:, urn:bookdav:, principal path); nullopt for other
// addresses and for ids that name nothing.
std::optional<CalendarUser> bookableUserOfAddress(DavContext& ctx, std::string_view address);

}  // namespace bookdav::caldav
