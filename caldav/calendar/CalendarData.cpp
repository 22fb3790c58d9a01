#include "caldav/calendar/CalendarData.h"

#include <libical/ical.h>

#include "caldav/calendar/RecurrenceSetViews.h"
#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/ClientText.h"
#include "caldav/ical/Component.h"
#include "caldav/ical/ContentLines.h"

namespace bookdav::caldav::calendar {
namespace {

// "NAME;PARAMS:" without the value (novalue="yes").
std::string withoutValue(icalproperty* p) {
  std::string folded = ical::propertyLine(p);
  std::string line;
  line.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] == '\r' && i + 2 < folded.size() && folded[i + 1] == '\n' &&
        (folded[i + 2] == ' ' || folded[i + 2] == '\t')) {
      i += 2;
      continue;
    }
    if (folded[i] == '\r' || folded[i] == '\n') continue;
    line += folded[i];
  }
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) return ical::foldContentLine(std::string_view(line).substr(0, i + 1));
  }
  return ical::foldContentLine(line);
}

const PropSelection* findProperty(const CompSelection& s, const std::string& name) {
  for (const PropSelection& p : s.properties)
    if (p.name == name) return &p;
  return nullptr;
}

const CompSelection* findComponent(const CompSelection& s, const std::string& name) {
  for (const CompSelection& c : s.components)
    if (c.name == name) return &c;
  return nullptr;
}

// Writes c with the properties and subcomponents the selection asks for (all when sel is null).
void write(icalcomponent* c, const CompSelection* sel, std::string& out) {
  std::string name = ical::componentName(c);
  out += "BEGIN:" + name + "\r\n";
  for (icalproperty* p : ical::properties(c)) {
    if (!sel || sel->allProperties) {
      out += ical::propertyLine(p);
    } else if (const PropSelection* ps = findProperty(*sel, ical::upper(ical::propertyName(p)))) {
      out += ps->noValue ? withoutValue(p) : ical::propertyLine(p);
    }
  }
  for (icalcomponent* child : ical::childComponents(c)) {
    if (!sel || sel->allComponents) {
      write(child, nullptr, out);
    } else if (const CompSelection* cs = findComponent(*sel, ical::componentName(child))) {
      write(child, cs, out);
    }
  }
  out += "END:" + name + "\r\n";
}

}  // namespace

std::string render(std::string_view storedText, const CalendarDataRequest& request,
                   const TimeZoneContext& floatingZone, ical::ExpansionBudget& budget) {
  if (request.selectsEverything()) return std::string(storedText);
  // Views that read times in zones get the stored VTIMEZONEs screened first.
  const bool readsTimes = request.expand || request.limitRecurrenceSet || request.limitFreeBusySet;
  ical::Component cal = readsTimes ? ical::parseStored(storedText) : ical::Component::parse(storedText);
  if (!cal || icalcomponent_isa(cal.get()) != ICAL_VCALENDAR_COMPONENT)
    throw ical::CalendarDataError(ical::Precondition::ValidCalendarData,
                                  "The stored calendar object does not parse.");
  if (request.limitFreeBusySet) limitFreeBusySet(cal, *request.limitFreeBusySet, floatingZone);
  if (request.expand) {
    cal = expandInstances(cal, *request.expand, floatingZone, budget);
  } else if (request.limitRecurrenceSet) {
    limitRecurrenceSet(cal, *request.limitRecurrenceSet, floatingZone, budget);
  }
  if (!request.selection) return cal.serialize();
  std::string out;
  out.reserve(storedText.size());
  write(cal.get(), &*request.selection, out);
  return out;
}

}  // namespace bookdav::caldav::calendar
