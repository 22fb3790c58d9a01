#include "caldav/calendar/CalendarDataProperty.h"

#include "caldav/xml/Xml.h"

namespace bookdav::caldav {

std::optional<CalendarDataSelection> CalendarDataSelection::fromProp(pugi::xml_node prop) {
  pugi::xml_node element = xml::child(prop, xml::kCalDav, "calendar-data");
  if (!element) return std::nullopt;
  CalendarDataSelection s;
  s.element_ = element;
  return s;
}

std::string CalendarDataSelection::render(const std::string& stored, const std::string&) const { return stored; }

}  // namespace bookdav::caldav
