// A calendar object resource as a client PUTs it (RFC 4791 §4.1): parsed with libical, checked
// against the CalDAV preconditions, and normalised into the text bookdav stores and serves.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/Component.h"
#include "caldav/ical/ExpansionBudget.h"
#include "domain/time/Clock.h"

namespace bookdav::caldav::ical {

// The component types a calendar collection accepts (its supported-calendar-component-set).
class AllowedComponents {
 public:
  // VEVENT, VTODO, VJOURNAL, VFREEBUSY and VAVAILABILITY.
  static AllowedComponents all();
  // Names are compared case-insensitively; unknown names are ignored.
  AllowedComponents(std::initializer_list<std::string_view> names);
  explicit AllowedComponents(const std::vector<std::string>& names);

  bool allows(std::string_view componentType) const;
  std::vector<std::string> names() const;  // in the order above

 private:
  AllowedComponents() = default;
  void add(std::string_view name);
  unsigned bits_ = 0;
};

struct ParsedObject {
  Component calendar;         // the normalised tree (the same content as `text`)
  std::string uid;            // the one UID of the object
  std::string componentType;  // "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY" or "VAVAILABILITY"
  // What to store and serve: CRLF line ends, lines folded at 75 octets, no X-LIC-ERROR, DTSTAMP in
  // every component that lacked one (set to the clock's now, UTC), VERSION:2.0 and PRODID present,
  // TZIDs free of libical's "/freeassociation.sourceforge.net/" prefix.
  std::string text;
};

const domain::Clock& systemClock();

// Throws CalendarDataError:
//  ValidCalendarData: empty or not iCalendar (also binary data and invalid UTF-8), unbalanced
//    BEGIN/END, lines that are not NAME[;PARAM=VALUE]:VALUE, text after END:VCALENDAR, VERSION other
//    than 2.0, unreadable dates, times, durations, periods or recurrence rules, a TZID that names
//    neither a VTIMEZONE of the object nor a known zone, a VEVENT without DTSTART, DTEND together
//    with DURATION (DUE with DURATION), an end before its start, DTSTART and DTEND of different
//    value types, components that cannot stand where they are (VALARM at the top), components nested
//    too deeply or too many components or properties (ClientText.h), a VTIMEZONE whose rules real
//    zones do not use (TimeZoneScreen.h), a rule a DATE DTSTART cannot have (FREQ=HOURLY).
//  ValidCalendarObjectResource (RFC 4791 §4.1): no VEVENT/VTODO/VJOURNAL/VFREEBUSY/VAVAILABILITY,
//    more than one of those types, a component without UID, differing UIDs, METHOD, more than one
//    component without RECURRENCE-ID, two overrides with the same RECURRENCE-ID.
//  SupportedCalendarComponent: the object's type is not in `allowed`.
// Throws ExpansionTooComplex when its rules would cost later reads too much (RuleCosts.h): the
// walks this makes are charged to `budget`.
// Lenient where real clients are sloppy: LF-only line ends, lower-case names, missing DTSTAMP,
// VERSION or PRODID, X- properties and parameters, VALARM, ATTACH, a TZID without VTIMEZONE that
// names a known Olson zone. libical drops unknown non-X properties and X- components; so does
// the stored text.
ParsedObject parseObject(std::string_view text, const AllowedComponents& allowed, ExpansionBudget& budget,
                         const domain::Clock& clock = systemClock());

}  // namespace bookdav::caldav::ical
