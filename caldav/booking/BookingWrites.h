// Writing to the computed booking calendars (DESIGN.md, "Booking through CalDAV"): a PUT of a new
// event into service-<id>/ books, a PUT with a new DTSTART reschedules, a DELETE cancels; staff
// and admins PUT time off into resource-<id>/. Refusals come back as the engine's typed errors.
#pragma once

#include "caldav/dav/DavContext.h"

namespace bookdav::caldav {

// target: a member (existing or not) of a computed calendar, resolved outside any write transaction.
Response putIntoComputedCalendar(DavContext& ctx, const Request& request, const Resource& target);
Response deleteFromComputedCalendar(DavContext& ctx, const Request& request, const Resource& target);

}  // namespace bookdav::caldav
