// Whole calendars as one .ics file: stored objects merged into one VCALENDAR for export, and an
// imported file split into one calendar object per UID.
//
// Both work on the text (content lines are copied, re-folded with CRLF): nothing is lost to libical.
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bookdav::caldav::ical {

// An import file that is not a calendar, with the line where that shows.
class CalendarFileError : public std::runtime_error {
 public:
  CalendarFileError(size_t line, std::string message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message),
        line(line),
        message(std::move(message)) {}

  size_t line;          // 1-based line of the file
  std::string message;  // without the "line N: " prefix
};

struct SplitObject {
  std::string uid;
  std::string componentType;  // of its first component
  // One VCALENDAR: VERSION, the file's PRODID (else bookdav's), its CALSCALE if any, the
  // VTIMEZONEs of the file that the components name, then the components (master and overrides in
  // file order). CRLF, folded. Not validated beyond structure: store it through parseObject().
  std::string text;
  size_t line = 0;  // the file line of its first component's BEGIN
  // The file line of each line of `text` (index = line number in text - 1; 0 for lines bookdav
  // wrote), so that a parseObject() error "line 7: ..." can be reported as a line of the file.
  std::vector<size_t> fileLines;

  size_t fileLine(size_t objectLine) const {
    return objectLine >= 1 && objectLine <= fileLines.size() ? fileLines[objectLine - 1] : 0;
  }
};

// One VCALENDAR holding every component of the stored objects (texts as parseObject produced them):
// VERSION, PRODID, X-WR-CALNAME (when the name is not empty), each VTIMEZONE
// once (by TZID, the first one seen wins; built-in zones are added for TZIDs that have none, with
// plain Olson TZIDs), then the components in the given order. splitForImport() gives the objects
// back. Throws CalendarFileError (with the object's index as line) for text that is not iCalendar.
std::string mergeForExport(std::span<const std::string> objectTexts, std::string_view calendarName);

// The objects of an .ics file, one per UID, in order of first appearance; overrides (RECURRENCE-ID)
// go with their master wherever they stand in the file. Accepts several VCALENDARs in a row,
// LF-only line ends and a byte order mark; drops METHOD and X- components at the top. Throws
// CalendarFileError for an empty file, lines that are not NAME[;PARAM=VALUE]:VALUE, NUL bytes or
// invalid UTF-8, text outside BEGIN:VCALENDAR/END:VCALENDAR, unbalanced BEGIN/END, a file that ends
// inside a component, a component without UID, and one UID used by two component types.
std::vector<SplitObject> splitForImport(std::string_view fileText);

}  // namespace bookdav::caldav::ical
