#include "caldav/calendar/CalendarErrors.h"

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

DavError toDavError(const domain::Refused& e) {
  int status = 403;
  if (e.lostRace()) status = 409;
  if (e.reason() == domain::Refusal::NotFound) status = 404;
  return DavError(status, xml::QName{std::string(xml::kBookdav), std::string(e.name())}, e.what());
}

}  // namespace bookdav::caldav
