// Invalid iCalendar data sent by a client, with the CalDAV precondition (RFC 4791 §5.3.2.1) that the
// server names in its 403 answer and a sentence a person can act on ("line 7: DTSTART ...").
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace bookdav::caldav::ical {

enum class Precondition {
  ValidCalendarData,            // CALDAV:valid-calendar-data: not iCalendar, or broken values
  ValidCalendarObjectResource,  // CALDAV:valid-calendar-object-resource: breaks RFC 4791 §4.1
  SupportedCalendarComponent,   // CALDAV:supported-calendar-component: type not allowed here
};

// The local name of the precondition element in the CalDAV namespace ("valid-calendar-data").
std::string_view preconditionElement(Precondition which);

class CalendarDataError : public std::runtime_error {
 public:
  CalendarDataError(Precondition which, std::string message)
      : std::runtime_error(message), which(which), message(std::move(message)) {}

  Precondition which;
  std::string message;
};

}  // namespace bookdav::caldav::ical
