#include "caldav/ical/CalendarDataError.h"

namespace bookdav::caldav::ical {

std::string_view preconditionElement(Precondition which) {
  switch (which) {
    case Precondition::ValidCalendarData:
      return "valid-calendar-data";
    case Precondition::ValidCalendarObjectResource:
      return "valid-calendar-object-resource";
    case Precondition::SupportedCalendarComponent:
      return "supported-calendar-component";
  }
  return "valid-calendar-data";
}

}  // namespace bookdav::caldav::ical
