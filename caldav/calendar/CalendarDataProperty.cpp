#include "caldav/calendar/CalendarDataProperty.h"

#include "caldav/calendar/CalendarErrors.h"
#include "caldav/xml/Xml.h"

namespace bookdav::caldav {

std::optional<CalendarDataSelection> CalendarDataSelection::fromProp(pugi::xml_node prop) {
  pugi::xml_node element = xml::child(prop, xml::kCalDav, "calendar-data");
  if (!element) return std::nullopt;
  CalendarDataSelection s;
  try {
    s.request_ = calendar::CalendarDataRequest::parse(element);
  } catch (const calendar::CalendarDataRequestError& e) {
    throw toDavError(e);
  }
  return s;
}

std::string CalendarDataSelection::render(const std::string& stored, const ical::TimeZoneContext& zone,
                                          ical::ExpansionBudget& budget) const {
  return calendar::render(stored, request_, zone, budget);
}

}  // namespace bookdav::caldav
