#include "caldav/calendar/CalendarErrors.h"

#include <algorithm>

#include "caldav/booking/BookingNames.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/webdav/Href.h"

namespace bookdav::caldav {

DavError toDavError(const ical::CalendarDataError& e) {
  return DavError::forbidden(xml::kCalDav, ical::preconditionElement(e.which), e.message);
}

DavError toDavError(const calendar::FilterError& e) {
  using K = calendar::FilterError::Kind;
  switch (e.which) {
    case K::UnsupportedCollation:
      return DavError::forbidden(xml::kCalDav, "supported-collation", e.message);
    case K::InvalidTimeRange:
      return DavError(400, xml::QName{std::string(xml::kCalDav), "valid-filter"}, e.message);
    case K::InvalidFilter:
      break;
  }
  return DavError::forbidden(xml::kCalDav, "valid-filter", e.message);
}

DavError toDavError(const calendar::CalendarDataRequestError& e) {
  if (e.which == calendar::CalendarDataRequestError::Kind::UnsupportedCalendarData) {
    return DavError::forbidden(xml::kCalDav, "supported-calendar-data", e.message);
  }
  return DavError::badRequest(e.message);
}

DavError toDavError(const ical::ExpansionTooComplex& e) {
  return DavError::forbidden(xml::kBookdav, "too-complex", e.what());
}

DavError toDavError(const domain::Refused& e, const std::string& user) {
  // The role may not (domain::Permissions): WebDAV's own precondition for a missing privilege.
  if (e.reason() == domain::Refusal::NotAllowed)
    return DavError::forbidden(xml::kDav, "need-privileges", e.what());
  int status = 403;
  if (e.lostRace()) status = 409;
  if (e.reason() == domain::Refusal::NotFound) status = 404;
  if (e.reason() == domain::Refusal::ConflictsWithBookings) status = 409;
  DavError error(status, xml::QName{std::string(xml::kBookdav), std::string(e.name())}, e.what());
  std::vector<std::string> hrefs;
  for (const domain::BookingConflict& c : e.conflicts()) {
    std::string href = encodePath(homePath(user) + resourceCalendarSegment(c.resourceId) + "/" +
                                  sessionMemberName(c.sessionId));
    if (std::find(hrefs.begin(), hrefs.end(), href) == hrefs.end()) hrefs.push_back(std::move(href));
  }
  for (std::string& href : hrefs) error.withHref(std::move(href));
  return error;
}

}  // namespace bookdav::caldav
