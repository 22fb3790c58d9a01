// Where things are in the text of one calendar object (components and properties with line
// numbers), and its date, time and duration syntax checked line by line. Internal to CalendarObject.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bookdav::caldav::ical {

struct LayoutComponent {
  std::string name;                                   // upper-cased
  size_t line = 0;                                    // its BEGIN line
  std::map<std::string, size_t> propertyLines;        // first line of each of its property names
  std::map<std::string, size_t> nestedPropertyLines;  // ... and of those of its subcomponents (VALARM)
  std::optional<std::string> uid;
  std::optional<std::string> recurrenceId;  // the raw value
};

struct ObjectLayout {
  std::vector<LayoutComponent> components;           // the children of VCALENDAR, in order
  std::map<std::string, size_t> calendarProperties;  // VCALENDAR's own properties: first line
  std::optional<std::string> version;
  std::vector<std::pair<std::string, size_t>> tzidUses;  // every TZID parameter and its line
  std::vector<std::string> tzidDefinitions;              // TZIDs of the VTIMEZONEs
  bool lowerCaseNames = false;                           // some property or parameter name is not upper-case

  // Reads the whole object. Throws CalendarDataError(ValidCalendarData) with a line number for text
  // that is not one well-formed VCALENDAR or has unreadable date, time or duration values.
  static ObjectLayout scan(std::string_view text);
};

// The text with every property and parameter name upper-cased (names are case-insensitive, but
// libical 3.0.16 drops "x-foo" properties as parse errors). Line ends become CRLF.
std::string withUpperCaseNames(std::string_view text);

// Value syntax (RFC 5545 §3.3): exposed for tests and CalendarFile.
bool isDate(std::string_view v);      // 20240101
bool isDateTime(std::string_view v);  // 20240101T100000 or 20240101T100000Z
bool isDuration(std::string_view v);  // P1D, -PT15M, P2W, PT1H30M
bool isPeriod(std::string_view v);    // start/end or start/duration

}  // namespace bookdav::caldav::ical
