// iCalendar text from clients, parsed safely: its shape (nesting, number of components and
// properties) is checked by a cheap scan before libical parses it (libical frees and serialises
// components recursively), and its VTIMEZONEs are screened before anything converts a time.
#pragma once

#include <cstddef>
#include <string_view>

#include "caldav/ical/Component.h"

namespace bookdav::caldav::ical {

inline constexpr size_t kMaxNesting = 8;          // VCALENDAR > VEVENT > VALARM is 3
inline constexpr size_t kMaxComponents = 10000;   // per object
inline constexpr size_t kMaxProperties = 100000;  // per object

// Throws CalendarDataError(ValidCalendarData) when the text nests components deeper than
// kMaxNesting or holds more than kMaxComponents components or kMaxProperties properties.
void checkShape(std::string_view text);

// checkShape, libical's parser, screenTimeZones (TimeZoneScreen.h). Throws CalendarDataError;
// an empty Component when libical finds no component at all.
Component parseClientText(std::string_view text);

// A stored object's text parsed to expand it: its VTIMEZONEs screened again, as objects stored
// before the screening existed may hold zones libical would loop on. Throws ExpansionTooComplex
// for such a zone (a read cannot expand it; the object is not invalid to send as it is).
Component parseStored(std::string_view text);

}  // namespace bookdav::caldav::ical
