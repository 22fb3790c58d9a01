// The calendars computed from the booking domain (DESIGN.md, "URL space"): each customer's
// bookings/ and service-<id>/ calendars, staff and admins' resource-<id>/ calendars, and the
// resource and service principals with their inboxes. Resolving their paths, listing them in a home, and
// their members.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "caldav/dav/CollectionMembers.h"
#include "caldav/dav/DavContext.h"

namespace bookdav::caldav {

// The resource for path when it is a computed calendar, one of its members (existing or not), a
// resource principal or its inbox; nullopt for every other path. `viewer` and `role` are who looks
// (resource calendars exist only for admins and for the staff member the resource belongs to).
std::optional<Resource> resolveBookingPath(DavContext& ctx, domain::CalendarReader& store,
                                           std::string_view path, const std::string& viewer,
                                           domain::Role role);

// The computed calendars of owner's home, as PROPFIND Depth 1 lists them.
std::vector<Resource> bookingCalendarsOf(DavContext& ctx, domain::CalendarReader& store,
                                         const std::string& owner, domain::Role role);

// The resource principals (Depth 1 of /dav/principals/resources/).
std::vector<Resource> resourcePrincipals(DavContext& ctx);
// The service principals (Depth 1 of /dav/principals/services/).
std::vector<Resource> servicePrincipals(DavContext& ctx);

}  // namespace bookdav::caldav
