#include "caldav/ical/ObjectLayout.h"

#include <chrono>

#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/ClientText.h"
#include "caldav/ical/ContentLines.h"

namespace bookdav::caldav::ical {
namespace {

[[noreturn]] void fail(size_t line, const std::string& message) {
  throw CalendarDataError(Precondition::ValidCalendarData, "line " + std::to_string(line) + ": " + message);
}

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool validDate(int y, int m, int d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                     std::chrono::day{static_cast<unsigned>(d)}}
      .ok();
}

// Digits followed by a designator: "15M".
bool durationPart(std::string_view s, size_t& i, char designator) {
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == start || i >= s.size() || s[i] != designator) {
    i = start;
    return false;
  }
  ++i;
  return true;
}

bool isUtcOffset(std::string_view v) {
  if (v.size() != 5 && v.size() != 7) return false;
  if (v[0] != '+' && v[0] != '-') return false;
  int h, m, s = 0;
  if (!digits(v, 1, 2, h) || !digits(v, 3, 2, m) || (v.size() == 7 && !digits(v, 5, 2, s))) return false;
  return h < 24 && m < 60 && s < 60;
}

std::vector<std::string_view> splitCommas(std::string_view v) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t comma = v.find(',', start);
    out.push_back(v.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string quoted(std::string_view v) {
  std::string s(v.substr(0, 60));
  if (v.size() > 60) s += "...";
  return "\"" + s + "\"";
}

bool isLower(char c) {
  return c >= 'a' && c <= 'z';
}

// Lower-case letters in the property name or a parameter name (values do not count).
bool hasLowerCaseName(const ContentLine& cl) {
  std::string_view t(cl.text);
  for (size_t i = 0; i < cl.paramsBegin; ++i)
    if (isLower(t[i])) return true;
  bool inName = false, quoted = false;
  for (size_t i = cl.paramsBegin; i < cl.colon; ++i) {
    char c = t[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == ';') {
      inName = true;
    } else if (c == '=') {
      inName = false;
    } else if (inName && isLower(c)) {
      return true;
    }
  }
  return false;
}

void checkValue(const ContentLine& cl) {
  const std::string& n = cl.name;
  std::string valueType = upper(cl.param("VALUE").value_or(""));
  std::string_view v = cl.value();
  if (n == "DTSTART" || n == "DTEND" || n == "DUE" || n == "RECURRENCE-ID" || n == "EXDATE" || n == "RDATE") {
    for (std::string_view one : splitCommas(v)) {
      bool ok = false;
      const char* expected = "a date-time (YYYYMMDDTHHMMSS, with Z for UTC) or a date (YYYYMMDD)";
      if (valueType == "DATE") {
        ok = isDate(one);
        expected = "a date (YYYYMMDD), as VALUE=DATE says";
      } else if (valueType == "PERIOD") {
        ok = n == "RDATE" && isPeriod(one);
        expected = "a period (start/end or start/duration)";
      } else if (valueType == "DATE-TIME") {
        ok = isDateTime(one);
        expected = "a date-time (YYYYMMDDTHHMMSS, with Z for UTC)";
      } else if (valueType.empty()) {
        ok = isDateTime(one) || isDate(one);
      }
      if (!ok) fail(cl.line, n + " is not " + expected + ": " + quoted(one));
    }
  } else if (n == "DTSTAMP" || n == "CREATED" || n == "LAST-MODIFIED" || n == "COMPLETED") {
    if (!isDateTime(v)) fail(cl.line, n + " is not a date-time (YYYYMMDDTHHMMSSZ): " + quoted(v));
  } else if (n == "DURATION") {
    if (!isDuration(v)) fail(cl.line, "DURATION is not a duration such as PT1H or P1D: " + quoted(v));
  } else if (n == "TRIGGER") {
    bool ok = valueType == "DATE-TIME" ? isDateTime(v) : isDuration(v);
    if (!ok) fail(cl.line, "TRIGGER is neither a duration such as -PT15M nor a date-time: " + quoted(v));
  } else if (n == "FREEBUSY") {
    for (std::string_view one : splitCommas(v))
      if (!isPeriod(one))
        fail(cl.line, "FREEBUSY is not a list of periods (start/end or start/duration): " + quoted(one));
  } else if (n == "TZOFFSETFROM" || n == "TZOFFSETTO") {
    if (!isUtcOffset(v)) fail(cl.line, n + " is not a UTC offset such as +0100: " + quoted(v));
  }
}

}  // namespace

std::string withUpperCaseNames(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  ContentLineReader reader(text);
  ContentLine cl;
  while (reader.next(cl)) {
    std::string line = cl.name;
    std::string_view params = cl.params();
    // ";name=value" pieces: upper-case the names, keep the values.
    size_t i = 0;
    while (i < params.size()) {
      size_t eq = params.find('=', i);
      line += upper(params.substr(i, eq - i));
      size_t j = eq;
      bool quoted = false;
      while (j < params.size() && (quoted || params[j] != ';')) {
        if (params[j] == '"') quoted = !quoted;
        ++j;
      }
      line.append(params.substr(eq, j - eq));
      i = j;
    }
    line += ':';
    line.append(cl.value());
    out += foldContentLine(line);
  }
  return out;
}

bool isDate(std::string_view v) {
  int y, m, d;
  return v.size() == 8 && digits(v, 0, 4, y) && digits(v, 4, 2, m) && digits(v, 6, 2, d) &&
         validDate(y, m, d);
}

bool isDateTime(std::string_view v) {
  if (v.size() != 15 && v.size() != 16) return false;
  if (v.size() == 16 && v[15] != 'Z' && v[15] != 'z') return false;
  if (v[8] != 'T' && v[8] != 't') return false;
  int h, mi, s;
  return isDate(v.substr(0, 8)) && digits(v, 9, 2, h) && digits(v, 11, 2, mi) && digits(v, 13, 2, s) &&
         h < 24 && mi < 60 && s <= 60;
}

bool isDuration(std::string_view v) {
  size_t i = 0;
  if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
  if (i >= v.size() || v[i] != 'P') return false;
  ++i;
  bool any = false;
  any |= durationPart(v, i, 'W');
  any |= durationPart(v, i, 'D');
  if (i < v.size() && v[i] == 'T') {
    ++i;
    bool time = false;
    time |= durationPart(v, i, 'H');
    time |= durationPart(v, i, 'M');
    time |= durationPart(v, i, 'S');
    if (!time) return false;
    any = true;
  }
  return any && i == v.size();
}

bool isPeriod(std::string_view v) {
  size_t slash = v.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view end = v.substr(slash + 1);
  return isDateTime(v.substr(0, slash)) && (isDateTime(end) || (isDuration(end) && end[0] != '-'));
}

ObjectLayout ObjectLayout::scan(std::string_view text) {
  ObjectLayout layout;
  ContentLineReader reader(text, ContentLineReader::Check::Incoming);
  ContentLine cl;
  std::vector<std::pair<std::string, size_t>> open;
  bool begun = false, ended = false;
  try {
    while (reader.next(cl)) {
      if (ended) fail(cl.line, "text follows END:VCALENDAR; a calendar object holds exactly one VCALENDAR");
      if (!begun) {
        if (!cl.is("BEGIN", "VCALENDAR"))
          fail(cl.line, "a calendar object starts with BEGIN:VCALENDAR, not " + quoted(cl.text));
        begun = true;
        open.emplace_back("VCALENDAR", cl.line);
        continue;
      }
      if (cl.name == "BEGIN") {
        std::string name = upper(cl.value());
        if (name.empty()) fail(cl.line, "BEGIN without a component name");
        if (open.size() >= kMaxNesting) fail(cl.line, "components are nested too deeply");
        if (open.size() == 1) {
          layout.components.emplace_back();
          layout.components.back().name = name;
          layout.components.back().line = cl.line;
        }
        open.emplace_back(std::move(name), cl.line);
        continue;
      }
      if (cl.name == "END") {
        std::string name = upper(cl.value());
        if (name != open.back().first)
          fail(cl.line, "END:" + name + " does not close BEGIN:" + open.back().first + " from line " +
                            std::to_string(open.back().second));
        open.pop_back();
        if (open.empty()) ended = true;
        continue;
      }
      if (open.size() == 1) {
        layout.calendarProperties.emplace(cl.name, cl.line);
        if (cl.name == "VERSION") layout.version = std::string(cl.value());
      } else if (open.size() == 2) {
        LayoutComponent& c = layout.components.back();
        c.propertyLines.emplace(cl.name, cl.line);
        if (cl.name == "UID" && !c.uid) c.uid = unescapeText(cl.value());  // TEXT, as libical reads it
        if (cl.name == "RECURRENCE-ID" && !c.recurrenceId) c.recurrenceId = std::string(cl.value());
        if (cl.name == "TZID" && c.name == "VTIMEZONE") layout.tzidDefinitions.emplace_back(cl.value());
      } else {
        layout.components.back().nestedPropertyLines.emplace(cl.name, cl.line);
      }
      if (std::optional<std::string> tzid = cl.param("TZID"))
        layout.tzidUses.emplace_back(std::move(*tzid), cl.line);
      if (!layout.lowerCaseNames) layout.lowerCaseNames = hasLowerCaseName(cl);
      checkValue(cl);
    }
  } catch (const ContentLineError& e) {
    throw CalendarDataError(Precondition::ValidCalendarData, e.what());
  }
  if (!begun) throw CalendarDataError(Precondition::ValidCalendarData, "The body holds no iCalendar lines.");
  if (!ended)
    fail(reader.lastLine(), "the text ends inside " + open.back().first + " begun on line " +
                                std::to_string(open.back().second) + "; END:" + open.back().first +
                                " is missing (was the upload cut short?)");
  return layout;
}

}  // namespace bookdav::caldav::ical
