#include "caldav/ical/ClientText.h"

#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/ExpansionBudget.h"
#include "caldav/ical/TimeZoneScreen.h"

namespace bookdav::caldav::ical {
namespace {

[[noreturn]] void refuse(const std::string& why) {
  throw CalendarDataError(Precondition::ValidCalendarData, why);
}

bool startsWithName(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = line[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != name[i]) return false;
  }
  return true;
}

}  // namespace

void checkShape(std::string_view text) {
  size_t depth = 0, components = 0, props = 0, line = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (l.empty() || l == "\r" || l[0] == ' ' || l[0] == '\t') continue;  // blank, or a folded line
    if (startsWithName(l, "BEGIN:")) {
      if (++depth > kMaxNesting)
        refuse("line " + std::to_string(line) + ": components are nested more than " +
               std::to_string(kMaxNesting) + " deep");
      if (++components > kMaxComponents)
        refuse("line " + std::to_string(line) + ": more than " + std::to_string(kMaxComponents) +
               " components in one object");
    } else if (startsWithName(l, "END:")) {
      if (depth > 0) --depth;
    } else if (++props > kMaxProperties) {
      refuse("line " + std::to_string(line) + ": more than " + std::to_string(kMaxProperties) +
             " properties in one object");
    }
  }
}

Component parseClientText(std::string_view text) {
  checkShape(text);
  Component out = Component::parse(text);
  screenTimeZones(out.get());
  return out;
}

Component parseStored(std::string_view text) {
  Component out = Component::parse(text);
  try {
    screenTimeZones(out.get());
  } catch (const CalendarDataError& e) {
    throw ExpansionTooComplex("cannot be expanded safely: " + e.message, "a stored calendar object");
  }
  return out;
}

}  // namespace bookdav::caldav::ical
