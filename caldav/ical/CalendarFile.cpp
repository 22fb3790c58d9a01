#include "caldav/ical/CalendarFile.h"

#include <libical/ical.h>

#include <algorithm>
#include <map>
#include <optional>

#include "caldav/ical/Component.h"
#include "caldav/ical/ContentLines.h"
#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::caldav::ical {
namespace {

constexpr const char* kProdId = "-//bookdav//bookdav//EN";

struct Line {
  std::string text;  // unfolded
  size_t fileLine;
};

// One component directly inside a VCALENDAR, as lines of text.
struct Block {
  std::string name;
  size_t line = 0;
  std::vector<Line> lines;
  std::optional<std::string> uid;
  std::string tzid;  // of a VTIMEZONE
  std::vector<std::string> tzidsUsed;
};

struct CalendarText {
  std::vector<Block> blocks;
  std::optional<std::string> prodId;
  std::optional<std::string> calscale;
};

// Reads one or more VCALENDARs. Throws CalendarFileError.
CalendarText readCalendars(std::string_view text) {
  CalendarText out;
  ContentLineReader reader(text);
  ContentLine cl;
  std::vector<std::pair<std::string, size_t>> open;
  bool any = false;
  try {
    while (reader.next(cl)) {
      if (open.empty()) {
        if (!cl.is("BEGIN", "VCALENDAR"))
          throw CalendarFileError(cl.line,
                                  "expected BEGIN:VCALENDAR, found \"" + cl.text.substr(0, 40) + "\"");
        open.emplace_back("VCALENDAR", cl.line);
        any = true;
        continue;
      }
      if (cl.name == "BEGIN") {
        std::string name = upper(cl.value());
        if (name.empty()) throw CalendarFileError(cl.line, "BEGIN without a component name");
        if (open.size() > 8) throw CalendarFileError(cl.line, "components are nested too deeply");
        if (open.size() == 1) {
          out.blocks.emplace_back();
          out.blocks.back().name = name;
          out.blocks.back().line = cl.line;
        }
        open.emplace_back(name, cl.line);
      } else if (cl.name == "END") {
        std::string name = upper(cl.value());
        if (name != open.back().first)
          throw CalendarFileError(cl.line, "END:" + name + " does not close BEGIN:" + open.back().first +
                                               " from line " + std::to_string(open.back().second));
        open.pop_back();
        if (open.empty()) continue;
      } else if (open.size() == 1) {
        if (cl.name == "PRODID" && !out.prodId) out.prodId = std::string(cl.value());
        if (cl.name == "CALSCALE" && !out.calscale) out.calscale = std::string(cl.value());
        continue;  // METHOD, X-WR-CALNAME, ... belong to the file
      } else {
        Block& b = out.blocks.back();
        if (open.size() == 2 && cl.name == "UID" && !b.uid) b.uid = std::string(cl.value());
        if (open.size() == 2 && cl.name == "TZID" && b.name == "VTIMEZONE") b.tzid = std::string(cl.value());
        if (std::optional<std::string> tzid = cl.param("TZID")) {
          if (std::find(b.tzidsUsed.begin(), b.tzidsUsed.end(), *tzid) == b.tzidsUsed.end())
            b.tzidsUsed.push_back(std::move(*tzid));
        }
      }
      out.blocks.back().lines.push_back(Line{cl.text, cl.line});
    }
  } catch (const ContentLineError& e) {
    throw CalendarFileError(e.line, e.message);
  }
  if (!any) throw CalendarFileError(1, "the file holds no VCALENDAR");
  if (!open.empty())
    throw CalendarFileError(reader.lastLine(), "the file ends inside " + open.back().first +
                                                   " begun on line " + std::to_string(open.back().second) +
                                                   " (END:" + open.back().first + " is missing)");
  return out;
}

void append(std::string& out, std::string_view unfolded) {
  out += foldContentLine(unfolded);
}

void appendBlock(std::string& out, const Block& b, std::vector<size_t>* fileLines) {
  for (const Line& l : b.lines) {
    std::string folded = foldContentLine(l.text);
    out += folded;
    if (fileLines) {
      size_t physical = std::count(folded.begin(), folded.end(), '\n');
      fileLines->insert(fileLines->end(), physical, l.fileLine);
    }
  }
}

bool isComponentWithUid(const std::string& name) {
  return name == "VEVENT" || name == "VTODO" || name == "VJOURNAL" || name == "VFREEBUSY" ||
         name == "VAVAILABILITY";
}

// The built-in VTIMEZONE of an Olson zone, with its TZID as the plain name.
std::optional<Block> builtinTimezone(const std::string& tzid) {
  const std::string vtimezone = IcalZoneRules::instance().vtimezone(tzid);
  if (vtimezone.empty()) return std::nullopt;
  CalendarText parsed = readCalendars("BEGIN:VCALENDAR\r\n" + vtimezone + "END:VCALENDAR\r\n");
  if (parsed.blocks.size() != 1) return std::nullopt;
  return parsed.blocks.front();
}

}  // namespace

std::string mergeForExport(std::span<const std::string> objectTexts, std::string_view calendarName) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n";
  append(out, std::string("PRODID:") + kProdId);
  if (!calendarName.empty()) append(out, "X-WR-CALNAME:" + escapeText(calendarName));

  std::vector<Block> zones, components;
  std::vector<std::string> tzidsUsed;
  for (size_t i = 0; i < objectTexts.size(); ++i) {
    CalendarText object;
    try {
      object = readCalendars(objectTexts[i]);
    } catch (const CalendarFileError& e) {
      throw CalendarFileError(e.line, "stored object " + std::to_string(i + 1) + ": " + e.message);
    }
    for (Block& b : object.blocks) {
      if (b.name == "VTIMEZONE") {
        bool known =
            std::any_of(zones.begin(), zones.end(), [&](const Block& z) { return z.tzid == b.tzid; });
        if (!known) zones.push_back(std::move(b));
        continue;
      }
      for (const std::string& t : b.tzidsUsed)
        if (std::find(tzidsUsed.begin(), tzidsUsed.end(), t) == tzidsUsed.end()) tzidsUsed.push_back(t);
      components.push_back(std::move(b));
    }
  }
  for (const std::string& t : tzidsUsed) {
    bool defined = std::any_of(zones.begin(), zones.end(), [&](const Block& z) { return z.tzid == t; });
    if (defined) continue;
    if (std::optional<Block> builtin = builtinTimezone(t)) zones.push_back(std::move(*builtin));
  }
  for (const Block& z : zones) appendBlock(out, z, nullptr);
  for (const Block& c : components) appendBlock(out, c, nullptr);
  out += "END:VCALENDAR\r\n";
  return out;
}

std::vector<SplitObject> splitForImport(std::string_view fileText) {
  if (fileText.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw CalendarFileError(1, "the file is empty");
  CalendarText file = readCalendars(fileText);

  std::map<std::string, const Block*> zones;
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Block*>> groups;
  for (const Block& b : file.blocks) {
    if (b.name == "VTIMEZONE") {
      zones.emplace(b.tzid, &b);
      continue;
    }
    if (b.name.rfind("X-", 0) == 0) continue;
    if (!b.uid || b.uid->empty()) throw CalendarFileError(b.line, b.name + " has no UID");
    auto [it, inserted] = groups.try_emplace(*b.uid);
    if (inserted) order.push_back(*b.uid);
    if (!it->second.empty() && it->second.front()->name != b.name && isComponentWithUid(b.name))
      throw CalendarFileError(b.line, "UID \"" + *b.uid + "\" is used by a " + it->second.front()->name +
                                          " (line " + std::to_string(it->second.front()->line) +
                                          ") and by this " + b.name);
    it->second.push_back(&b);
  }

  std::vector<SplitObject> out;
  out.reserve(order.size());
  for (const std::string& uid : order) {
    const std::vector<const Block*>& blocks = groups[uid];
    SplitObject o;
    o.uid = uid;
    o.componentType = blocks.front()->name;
    o.line = blocks.front()->line;
    o.text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n";
    append(o.text, "PRODID:" + file.prodId.value_or(kProdId));
    size_t headerLines = std::count(o.text.begin(), o.text.end(), '\n');
    if (file.calscale) {
      append(o.text, "CALSCALE:" + *file.calscale);
      headerLines = std::count(o.text.begin(), o.text.end(), '\n');
    }
    o.fileLines.assign(headerLines, 0);
    std::vector<std::string> needed;
    for (const Block* b : blocks)
      for (const std::string& t : b->tzidsUsed)
        if (std::find(needed.begin(), needed.end(), t) == needed.end()) needed.push_back(t);
    for (const std::string& t : needed)
      if (auto z = zones.find(t); z != zones.end()) appendBlock(o.text, *z->second, &o.fileLines);
    for (const Block* b : blocks) appendBlock(o.text, *b, &o.fileLines);
    o.text += "END:VCALENDAR\r\n";
    o.fileLines.push_back(0);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace bookdav::caldav::ical
