// Writes the iCalendar text of generated events: content lines folded at 75 octets with CRLF, TEXT
// Writes the iCalendar text of generated events: content lines folded at 75 octets with CRLF, TEXT
// values escaped (RFC 5545 3.3.11), parameter values quoted where needed, times in UTC or as local
// times with a TZID, whose VTIMEZONE the calendar then carries (libical's, with the plain Olson TZID).
// Text that is not valid in a content line (stored before bookdav checked it) is repaired, never written.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/time/Instant.h"

namespace bookdav::caldav {

class EventText {
 public:
  using Params = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  explicit EventText(std::string_view productId);
  EventText& begin(std::string_view component);
  EventText& end(std::string_view component);
  // A TEXT value, escaped.
  EventText& text(std::string_view name, std::string_view value, Params params = {});
  // A value written as given (URIs, numbers, enumerations).
  EventText& raw(std::string_view name, std::string_view value, Params params = {});
  EventText& utc(std::string_view name, domain::Instant t);
  // NAME;TZID=<zone>:<local time> ("DTSTART;TZID=Europe/Madrid:20261201T113000"); UTC for "UTC", ""
  // and zones bookdav does not know.
  EventText& zoned(std::string_view name, domain::Instant t, std::string_view zone);
  // Several times in one value, comma-separated (RDATE); with `periods`, PERIODs start/end.
  EventText& zonedList(std::string_view name, const std::vector<domain::Interval>& times, bool periods,
                       std::string_view zone);
  // The VTIMEZONEs of the zones used, "END:VCALENDAR", and the text.
  std::string finish();

  static std::string utcText(domain::Instant t);  // "20261201T103000Z"

 private:
  void line(std::string_view name, Params params, std::string_view value);
  // The zone to write local times in (recorded for its VTIMEZONE), or nullopt for UTC.
  std::optional<std::string> localZone(std::string_view zone);
  std::string out_;
  std::size_t headerEnd_ = 0;       // where the VTIMEZONEs go: after the calendar's own properties
  std::vector<std::string> zones_;  // used, in order of first use
};

}  // namespace bookdav::caldav
