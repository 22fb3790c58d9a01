// The one mapping from the iCalendar engine's typed errors to WebDAV refusals: each error kind
// becomes one status and one precondition element (RFC 4791 §5.3.2.1, §7.7, §9.7).
#pragma once

#include "caldav/calendar/CalendarData.h"
#include "caldav/calendar/Filter.h"
#include "caldav/ical/CalendarDataError.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

DavError toDavError(const ical::CalendarDataError& e);
DavError toDavError(const calendar::FilterError& e);
DavError toDavError(const calendar::CalendarDataRequestError& e);

}  // namespace bookdav::caldav
