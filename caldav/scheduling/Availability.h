// Working hours as RFC 7953 VAVAILABILITY, the CALDAV:calendar-availability property of a
// resource's inbox (and of a staff member's own inbox): weekly hours as AVAILABLE with a weekly
// RRULE, extra hours as AVAILABLE without one, closures as a higher-priority VAVAILABILITY with
// BUSYTYPE=BUSY-UNAVAILABLE and no AVAILABLE (see domain/booking/WorkingHours.h).
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "caldav/dav/DavContext.h"
#include "domain/booking/Resource.h"

namespace bookdav::caldav {

// A VCALENDAR with the resource's VAVAILABILITY components (and the VTIMEZONE they use).
std::string availabilityText(const domain::Resource& resource, const DavSettings& settings);
// Reads such a VCALENDAR back. Throws DavError 403 CALDAV:valid-calendar-data for text bookdav
// cannot represent (other rules than weekly, mixed zones, components without times...).
domain::WorkingHours parseAvailability(std::string_view text, const std::string& defaultZone);

// PROPPATCH of a resource's inbox and of a staff member's own inbox (their resource's hours): only the
// business changes working hours (domain::Permissions), so staff are refused 403 DAV:need-privileges.
Response proppatchResourceInbox(DavContext& ctx, const Request& request, const Resource& inbox,
                                pugi::xml_node propertyUpdate);
Response proppatchStaffInbox(DavContext& ctx, const Request& request, const Resource& inbox,
                             pugi::xml_node propertyUpdate);

// The resource whose working hours an inbox shows: a resource inbox's own, a staff member's first.
std::optional<domain::Resource> resourceOfInbox(DavContext& ctx, const Resource& inbox);

}  // namespace bookdav::caldav
