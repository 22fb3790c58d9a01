// CALDAV:calendar-data as a property requested in a REPORT (RFC 4791 9.6): which parts of each
// calendar object to return, and rendering them from the stored text.
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string>

#include "caldav/calendar/CalendarData.h"

namespace bookdav::caldav {

class CalendarDataSelection {
 public:
  // From a DAV:prop element: nullopt when it does not ask for calendar-data. Throws DavError for a
  // malformed or unsupported calendar-data request.
  static std::optional<CalendarDataSelection> fromProp(pugi::xml_node prop);
  // The text to return for one object; floating times are read in `zone`.
  std::string render(const std::string& stored, const ical::TimeZoneContext& zone,
                     ical::ExpansionBudget& budget) const;

 private:
  calendar::CalendarDataRequest request_;
};

}  // namespace bookdav::caldav
