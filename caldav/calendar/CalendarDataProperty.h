// CALDAV:calendar-data as a property requested in a REPORT (RFC 4791 9.6): which parts of each
// calendar object to return, and rendering them from the stored text.
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string>

namespace bookdav::caldav {

class CalendarDataSelection {
 public:
  // From a DAV:prop element: nullopt when it does not ask for calendar-data.
  static std::optional<CalendarDataSelection> fromProp(pugi::xml_node prop);
  // The text to return for one object; calendarTimezone is the collection's calendar-timezone.
  std::string render(const std::string& stored, const std::string& calendarTimezone) const;

 private:
  pugi::xml_node element_;
};

}  // namespace bookdav::caldav
