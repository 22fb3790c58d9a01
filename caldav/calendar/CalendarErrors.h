// The one mapping from the iCalendar engine's typed errors to WebDAV refusals: each error kind
// becomes one status and one precondition element (RFC 4791 §5.3.2.1, §7.7, §9.7).
#pragma once

#include "caldav/calendar/CalendarData.h"
#include "caldav/calendar/Filter.h"
#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/ExpansionBudget.h"
#include "caldav/webdav/DavError.h"
#include "domain/booking/Refusal.h"

namespace bookdav::caldav {

DavError toDavError(const ical::CalendarDataError& e);
DavError toDavError(const calendar::FilterError& e);
DavError toDavError(const calendar::CalendarDataRequestError& e);
// An expansion over its budget: 403 {urn:bookdav:}too-complex with the sentence naming the rule.
DavError toDavError(const ical::ExpansionTooComplex& e);
// A booking refusal: 403 with the urn:bookdav: precondition of its name (409 for a lost race,
// 404 for not-found) and the engine's sentence; not-allowed (the role may not) is DAV:need-privileges;
// conflicts-with-bookings is 409 with the href of each booking in the way as `user` sees it: its
// session in user's resource-<id>/ calendar.
DavError toDavError(const domain::Refused& e, const std::string& user = {});

}  // namespace bookdav::caldav
