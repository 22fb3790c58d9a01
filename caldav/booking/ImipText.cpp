#include "caldav/booking/ImipText.h"

namespace bookdav::caldav {
namespace {

// Inserts `line` (with CRLF) right after the first content line `after` ("BEGIN:VEVENT").
void insertAfter(std::string& text, std::string_view after, const std::string& line) {
  std::string needle = std::string(after) + "\r\n";
  std::size_t at = text.find(needle);
  if (at == std::string::npos) return;
  text.insert(at + needle.size(), line + "\r\n");
}

// Replaces the value of the first unparameterised property `name` inside the VEVENT (the
// generated STATUS line is never folded: its values are short).
void replaceValue(std::string& text, std::string_view name, std::string_view value) {
  std::size_t event = text.find("BEGIN:VEVENT\r\n");
  if (event == std::string::npos) return;
  std::string needle = "\r\n" + std::string(name) + ":";
  std::size_t at = text.find(needle, event);
  if (at == std::string::npos) {
    insertAfter(text, "BEGIN:VEVENT", std::string(name) + ":" + std::string(value));
    return;
  }
  std::size_t start = at + needle.size();
  std::size_t end = text.find("\r\n", start);
  text.replace(start, end - start, value);
}

}  // namespace

std::string imipCalendar(std::string_view eventText, std::string_view method, int sequence) {
  std::string text(eventText);
  insertAfter(text, "BEGIN:VCALENDAR", "METHOD:" + std::string(method));
  insertAfter(text, "BEGIN:VEVENT", "SEQUENCE:" + std::to_string(sequence));
  if (method == "CANCEL") replaceValue(text, "STATUS", "CANCELLED");
  return text;
}

}  // namespace bookdav::caldav
