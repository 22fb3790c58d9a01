// The `Force: true` request header: an admin's PUT of time off into resource-<id>/ or PROPPATCH of a
// resource's calendar-availability that takes time from active bookings cancels them, instead of being
// refused with 409 {urn:bookdav:}conflicts-with-bookings. A header rather than an iCalendar property:
// forcing is the act of one request (like WebDAV's Overwrite header), never stored with the data, so a
// client that later sends back what it fetched never forces again by accident; and one header serves
// both an event PUT and an XML PROPPATCH.
#pragma once

#include "caldav/dav/DavContext.h"

namespace bookdav::caldav {

// True for `Force: true` (or `T`), false when absent or `false`/`F`. Forcing is the business's
// (domain::Permissions::force): anyone else asking is refused 403 DAV:need-privileges; any other value
// is 400.
bool forceRequested(DavContext& ctx, const Request& request);

}  // namespace bookdav::caldav
