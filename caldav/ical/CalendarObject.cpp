#include "caldav/ical/CalendarObject.h"

#include <libical/ical.h>

#include <algorithm>
#include <set>

#include "caldav/ical/ClientText.h"
#include "caldav/ical/ContentLines.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/ical/ObjectLayout.h"
#include "caldav/ical/RecurrenceRule.h"
#include "caldav/ical/RuleCosts.h"
#include "caldav/ical/RuleIterator.h"
#include "caldav/ical/TimeZoneScreen.h"

namespace bookdav::caldav::ical {
namespace {

constexpr const char* kTypes[] = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"};
constexpr std::string_view kLibicalPrefix = "/freeassociation.sourceforge.net/";
constexpr const char* kProdId = "-//bookdav//bookdav//EN";

bool isObjectType(std::string_view name) {
  return std::find(std::begin(kTypes), std::end(kTypes), name) != std::end(kTypes);
}

[[noreturn]] void fail(Precondition which, std::string message) {
  throw CalendarDataError(which, std::move(message));
}

std::string at(size_t line) {
  return line ? "line " + std::to_string(line) + ": " : "";
}

size_t lineOf(const LayoutComponent& c, const std::string& property) {
  if (auto it = c.propertyLines.find(property); it != c.propertyLines.end()) return it->second;
  if (auto it = c.nestedPropertyLines.find(property); it != c.nestedPropertyLines.end()) return it->second;
  return c.line;
}

// The property libical names in an X-LIC-ERROR text ("... in DTEND property. ...").
std::string propertyInError(std::string_view text) {
  size_t end = text.find(" property");
  if (end == std::string_view::npos) return {};
  size_t begin = text.rfind(' ', end - 1);
  if (begin == std::string_view::npos) return {};
  return std::string(text.substr(begin + 1, end - begin - 1));
}

// Properties whose values decide when things happen: libical dropping one would silently change
// the object, so an error in them rejects it. Errors elsewhere (an unknown IANA property, a
// malformed GEO) lose that property only, as other servers do.
bool decidesTime(const std::string& property) {
  static const std::set<std::string> names = {
      "DTSTART", "DTEND",         "DUE",           "DURATION", "RRULE",        "EXRULE",
      "RDATE",   "EXDATE",        "RECURRENCE-ID", "FREEBUSY", "TRIGGER",      "DTSTAMP",
      "CREATED", "LAST-MODIFIED", "COMPLETED",     "UID",      "TZOFFSETFROM", "TZOFFSETTO"};
  return names.count(property) > 0;
}

void collectErrors(icalcomponent* c, std::vector<std::pair<icalparameter_xlicerrortype, std::string>>& out) {
  for (icalproperty* p : properties(c, "X-LIC-ERROR")) {
    icalparameter* type = icalproperty_get_first_parameter(p, ICAL_XLICERRORTYPE_PARAMETER);
    const char* text = icalproperty_get_xlicerror(p);
    out.emplace_back(type ? icalparameter_get_xlicerrortype(type) : ICAL_XLICERRORTYPE_NONE,
                     text ? text : "");
  }
  for (icalcomponent* child : childComponents(c)) collectErrors(child, out);
}

void checkLibicalErrors(icalcomponent* root, const ObjectLayout& layout) {
  std::vector<std::pair<icalparameter_xlicerrortype, std::string>> errors;
  collectErrors(root, errors);
  for (auto& [type, text] : errors) {
    std::string property = propertyInError(text);
    bool fatal = type == ICAL_XLICERRORTYPE_COMPONENTPARSEERROR ||
                 (type == ICAL_XLICERRORTYPE_VALUEPARSEERROR && decidesTime(property));
    if (!fatal) continue;
    size_t line = 0;
    for (const LayoutComponent& c : layout.components) {
      if (c.propertyLines.count(property) || c.nestedPropertyLines.count(property)) {
        line = lineOf(c, property);
        break;
      }
    }
    std::string what = text.substr(0, text.find(". Removing"));
    fail(Precondition::ValidCalendarData,
         at(line) + (property.empty() ? what : property + " cannot be read (" + what + ")"));
  }
}

// DTSTART/DTEND/DUE/DURATION of one VEVENT or VTODO.
void checkTimes(icalcomponent* c, const LayoutComponent& where) {
  icalcomponent_kind kind = icalcomponent_isa(c);
  const std::string name = where.name;
  icalproperty* start = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
  icalproperty* end = icalcomponent_get_first_property(
      c, kind == ICAL_VTODO_COMPONENT ? ICAL_DUE_PROPERTY : ICAL_DTEND_PROPERTY);
  icalproperty* duration = icalcomponent_get_first_property(c, ICAL_DURATION_PROPERTY);
  const std::string endName = kind == ICAL_VTODO_COMPONENT ? "DUE" : "DTEND";

  if (kind == ICAL_VEVENT_COMPONENT && !start)
    fail(Precondition::ValidCalendarData, at(where.line) + "VEVENT has no DTSTART");
  if (end && duration)
    fail(Precondition::ValidCalendarData, at(lineOf(where, "DURATION")) + name + " has both " + endName +
                                              " and DURATION; it may have only one");
  if (duration && !start)
    fail(Precondition::ValidCalendarData,
         at(lineOf(where, "DURATION")) + name + " has DURATION but no DTSTART");
  if (duration && start && icalproperty_get_duration(duration).is_neg)
    fail(Precondition::ValidCalendarData, at(lineOf(where, "DURATION")) + "DURATION is negative");
  if (start && end) {
    icaltimetype s = zonedValue(start, c), e = zonedValue(end, c);
    if (s.is_date != e.is_date)
      fail(Precondition::ValidCalendarData, at(lineOf(where, endName)) + endName + " must be a " +
                                                (s.is_date ? "date" : "date-time") + " like DTSTART");
    if (toInstant(e, nullptr) < toInstant(s, nullptr))
      fail(Precondition::ValidCalendarData, at(lineOf(where, endName)) + endName + " is before DTSTART");
  }
  for (const char* name : {"RRULE", "EXRULE"}) {
    for (icalproperty* rule : properties(c, name)) {
      const std::string place = at(lineOf(where, name));
      if (!start) fail(Precondition::ValidCalendarData, place + name + " needs a DTSTART to start from");
      try {
        RecurrenceRule parsed = RecurrenceRule::from(
            std::string_view(name) == "RRULE" ? icalproperty_get_rrule(rule) : icalproperty_get_exrule(rule));
        icaltimetype dtstart = icalproperty_get_dtstart(start);
        ExpansionBudget none(0, std::chrono::milliseconds(0));  // the constructor checks, it does not walk
        RuleIterator check(parsed, wallTimeOf(dtstart), dtstart.is_date != 0, none, {});
      } catch (const InvalidRule& e) {
        fail(Precondition::ValidCalendarData, place + name + " is not a valid recurrence rule: " + e.what());
      }
    }
  }
}

void checkTzids(const ObjectLayout& layout, icalcomponent* root) {
  for (const auto& [tzid, line] : layout.tzidUses) {
    if (std::find(layout.tzidDefinitions.begin(), layout.tzidDefinitions.end(), tzid) !=
        layout.tzidDefinitions.end())
      continue;
    if (!zoneOfTzid(tzid, root))
      fail(Precondition::ValidCalendarData,
           at(line) + "TZID \"" + tzid + "\" names neither a VTIMEZONE in the object nor a known time zone");
  }
}

// RFC 4791 §4.1 and the supported component set.
std::string checkObjectRules(const ObjectLayout& layout, const AllowedComponents& allowed, std::string& uid) {
  if (auto it = layout.calendarProperties.find("METHOD"); it != layout.calendarProperties.end())
    fail(Precondition::ValidCalendarObjectResource,
         at(it->second) + "METHOD belongs to scheduling messages; a stored calendar object must not have it");
  const LayoutComponent* first = nullptr;
  for (const LayoutComponent& c : layout.components) {
    if (c.name == "VTIMEZONE" || c.name.rfind("X-", 0) == 0) continue;
    if (!isObjectType(c.name)) {
      bool known = icalcomponent_string_to_kind(c.name.c_str()) != ICAL_NO_COMPONENT;
      fail(Precondition::ValidCalendarData,
           at(c.line) + (known ? c.name + " cannot stand directly inside VCALENDAR"
                               : c.name + " is not an iCalendar component"));
    }
    if (!first) {
      first = &c;
    } else if (c.name != first->name) {
      fail(Precondition::ValidCalendarObjectResource,
           at(c.line) + "a calendar object holds one component type, but " + c.name + " follows " +
               first->name + " from line " + std::to_string(first->line));
    }
  }
  if (!first)
    fail(Precondition::ValidCalendarObjectResource,
         "The calendar object holds no VEVENT, VTODO, VJOURNAL, VFREEBUSY or VAVAILABILITY.");
  if (!allowed.allows(first->name)) {
    std::string list;
    for (const std::string& n : allowed.names()) list += (list.empty() ? "" : ", ") + n;
    fail(Precondition::SupportedCalendarComponent, at(first->line) + first->name +
                                                       " is not accepted by this calendar (it takes " +
                                                       (list.empty() ? std::string("nothing") : list) + ")");
  }

  const LayoutComponent* master = nullptr;
  std::set<std::string> recurrenceIds;
  for (const LayoutComponent& c : layout.components) {
    if (c.name != first->name) continue;
    if (!c.uid || c.uid->empty())
      fail(Precondition::ValidCalendarObjectResource, at(c.line) + c.name + " has no UID");
    if (std::any_of(c.uid->begin(), c.uid->end(), [](unsigned char ch) { return ch < 0x20 || ch == 0x7F; }))
      fail(Precondition::ValidCalendarData,
           at(lineOf(c, "UID")) +
               "the UID holds an escaped control character (such as \\n); a UID is one line of text");
    if (uid.empty()) {
      uid = *c.uid;
    } else if (*c.uid != uid) {
      fail(Precondition::ValidCalendarObjectResource,
           at(lineOf(c, "UID")) + "UID \"" + *c.uid + "\" differs from \"" + uid +
               "\"; a calendar object holds the components of one UID only");
    }
    if (!c.recurrenceId) {
      if (master)
        fail(Precondition::ValidCalendarObjectResource, at(c.line) + "a second " + c.name +
                                                            " without RECURRENCE-ID (the first is on line " +
                                                            std::to_string(master->line) + ")");
      master = &c;
    } else if (!recurrenceIds.insert(*c.recurrenceId).second) {
      fail(Precondition::ValidCalendarObjectResource,
           at(lineOf(c, "RECURRENCE-ID")) + "RECURRENCE-ID " + *c.recurrenceId + " is overridden twice");
    }
  }
  return first->name;
}

void rewriteLibicalTzids(icalcomponent* c) {
  for (icalproperty* p : properties(c)) {
    if (icalparameter* a = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)) {
      std::string_view tzid = icalparameter_get_tzid(a) ? icalparameter_get_tzid(a) : "";
      if (tzid.substr(0, kLibicalPrefix.size()) == kLibicalPrefix)
        icalparameter_set_tzid(a, std::string(tzid.substr(kLibicalPrefix.size())).c_str());
    }
    if (icalproperty_isa(p) == ICAL_TZID_PROPERTY) {
      std::string_view tzid = icalproperty_get_tzid(p) ? icalproperty_get_tzid(p) : "";
      if (tzid.substr(0, kLibicalPrefix.size()) == kLibicalPrefix)
        icalproperty_set_tzid(p, std::string(tzid.substr(kLibicalPrefix.size())).c_str());
    }
  }
  for (icalcomponent* child : childComponents(c)) rewriteLibicalTzids(child);
}

void normalise(icalcomponent* root, domain::Instant now) {
  icalcomponent_strip_errors(root);
  if (!icalcomponent_get_first_property(root, ICAL_VERSION_PROPERTY))
    icalcomponent_add_property(root, icalproperty_new_version("2.0"));
  if (!icalcomponent_get_first_property(root, ICAL_PRODID_PROPERTY))
    icalcomponent_add_property(root, icalproperty_new_prodid(kProdId));
  for (icalcomponent* c : childComponents(root)) {
    if (icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT) continue;
    if (!icalcomponent_get_first_property(c, ICAL_DTSTAMP_PROPERTY))
      icalcomponent_add_property(c, icalproperty_new_dtstamp(fromInstant(now, nullptr, false)));
  }
  rewriteLibicalTzids(root);
}

}  // namespace

AllowedComponents AllowedComponents::all() {
  AllowedComponents a;
  for (const char* t : kTypes) a.add(t);
  return a;
}

AllowedComponents::AllowedComponents(std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) add(n);
}

AllowedComponents::AllowedComponents(const std::vector<std::string>& names) {
  for (const std::string& n : names) add(n);
}

void AllowedComponents::add(std::string_view name) {
  for (size_t i = 0; i < std::size(kTypes); ++i)
    if (equalsIgnoreCase(name, kTypes[i])) bits_ |= 1u << i;
}

bool AllowedComponents::allows(std::string_view type) const {
  for (size_t i = 0; i < std::size(kTypes); ++i)
    if (equalsIgnoreCase(type, kTypes[i])) return (bits_ & (1u << i)) != 0;
  return false;
}

std::vector<std::string> AllowedComponents::names() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < std::size(kTypes); ++i)
    if (bits_ & (1u << i)) out.emplace_back(kTypes[i]);
  return out;
}

const domain::Clock& systemClock() {
  static const domain::SystemClock clock;
  return clock;
}

namespace {

// libical drops spaces at the start and end of property values (libical#358), which RFC 5545
// keeps for TEXT. Such spaces in text properties travel through libical as DEL (0x7F, never valid
// in iCalendar text) and become spaces again in the serialised text.
constexpr char kSpaceStandIn = '\x7f';

bool isTextProperty(std::string_view name) {
  return name == "SUMMARY" || name == "DESCRIPTION" || name == "LOCATION" || name == "COMMENT" ||
         name == "CONTACT" || name == "RESOURCES" || name == "CATEGORIES" || name.rfind("X-", 0) == 0;
}

std::optional<std::string> protectEdgeSpaces(std::string_view text) {
  if (text.find(": ") == std::string_view::npos && text.find(" \n") == std::string_view::npos &&
      text.find(" \r\n") == std::string_view::npos)
    return std::nullopt;
  std::string out;
  out.reserve(text.size());
  ContentLineReader reader(text);
  ContentLine line;
  bool changed = false;
  while (reader.next(line)) {
    std::string unfolded = line.text;
    if (isTextProperty(line.name)) {
      size_t begin = line.colon + 1, end = unfolded.size();
      for (size_t i = begin; i < end && unfolded[i] == ' '; ++i) unfolded[i] = kSpaceStandIn, changed = true;
      for (size_t i = end; i > begin && unfolded[i - 1] == ' '; --i)
        unfolded[i - 1] = kSpaceStandIn, changed = true;
    }
    out += foldContentLine(unfolded);
  }
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace

ParsedObject parseObject(std::string_view text, const AllowedComponents& allowed, ExpansionBudget& budget,
                         const domain::Clock& clock) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    fail(Precondition::ValidCalendarData, "The body is empty; a calendar object is one VCALENDAR.");
  checkShape(text);
  ObjectLayout layout = ObjectLayout::scan(text);
  if (layout.version && *layout.version != "2.0")
    fail(Precondition::ValidCalendarData, at(layout.calendarProperties.at("VERSION")) + "VERSION is " +
                                              *layout.version + "; only iCalendar 2.0 is accepted");

  ParsedObject out;
  out.componentType = checkObjectRules(layout, allowed, out.uid);

  std::optional<std::string> protectedText = protectEdgeSpaces(text);
  if (protectedText) text = *protectedText;
  Component cal = Component::parse(layout.lowerCaseNames ? withUpperCaseNames(text) : std::string(text));
  if (!cal || icalcomponent_isa(cal.get()) != ICAL_VCALENDAR_COMPONENT)
    fail(Precondition::ValidCalendarData, "libical does not read this text as a VCALENDAR.");
  screenTimeZones(cal.get());  // before anything converts a time in one of them
  checkLibicalErrors(cal.get(), layout);
  checkTzids(layout, cal.get());

  // Pair libical's components with their places in the text (libical drops X- components).
  std::vector<const LayoutComponent*> places;
  for (const LayoutComponent& c : layout.components)
    if (c.name.rfind("X-", 0) != 0) places.push_back(&c);
  std::vector<icalcomponent*> children = childComponents(cal.get());
  for (size_t i = 0; i < children.size() && i < places.size(); ++i) {
    icalcomponent_kind kind = icalcomponent_isa(children[i]);
    if (kind == ICAL_VEVENT_COMPONENT || kind == ICAL_VTODO_COMPONENT || kind == ICAL_VJOURNAL_COMPONENT)
      checkTimes(children[i], *places[i]);
  }
  for (icalcomponent* child : children) checkRuleCosts(child, budget);

  normalise(cal.get(), clock.now());
  out.text = cal.serialize();
  if (protectedText) {
    std::replace(out.text.begin(), out.text.end(), kSpaceStandIn, ' ');
    out.calendar = Component::parse(out.text);
  } else {
    out.calendar = std::move(cal);
  }
  return out;
}

}  // namespace bookdav::caldav::ical
