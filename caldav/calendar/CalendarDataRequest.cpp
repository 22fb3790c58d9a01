#include "caldav/calendar/CalendarData.h"
#include "caldav/calendar/TimeRange.h"
#include "caldav/ical/ContentLines.h"
#include "caldav/xml/Xml.h"

namespace bookdav::caldav::calendar {
namespace {

using Kind = CalendarDataRequestError::Kind;
using xml::kCalDav;

constexpr int kMaxDepth = 8;

[[noreturn]] void invalid(std::string message) {
  throw CalendarDataRequestError(Kind::InvalidRequest, std::move(message));
}

std::vector<pugi::xml_node> caldavChildren(pugi::xml_node parent) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child : xml::elements(parent))
    if (xml::nameOf(child).ns == kCalDav) out.push_back(child);
  return out;
}

std::string nameOf(pugi::xml_node element, const char* what) {
  std::string name = element.attribute("name").value();
  if (name.empty()) invalid(std::string("CALDAV:") + what + " needs a name attribute");
  return ical::upper(name);
}

CompSelection compOf(pugi::xml_node element, int depth) {
  if (depth > kMaxDepth) invalid("CALDAV:comp elements are nested too deeply");
  CompSelection c;
  c.name = nameOf(element, "comp");
  for (pugi::xml_node child : caldavChildren(element)) {
    std::string local = xml::nameOf(child).local;
    if (local == "allprop") {
      c.allProperties = true;
    } else if (local == "prop") {
      PropSelection p{nameOf(child, "prop"), false};
      std::string novalue = child.attribute("novalue").value();
      if (!novalue.empty() && novalue != "yes" && novalue != "no")
        invalid("novalue must be \"yes\" or \"no\", not \"" + novalue + "\"");
      p.noValue = novalue == "yes";
      c.properties.push_back(std::move(p));
    } else if (local == "allcomp") {
      c.allComponents = true;
    } else if (local == "comp") {
      c.components.push_back(compOf(child, depth + 1));
    } else {
      invalid("CALDAV:" + local + " cannot appear in CALDAV:comp");
    }
  }
  if (c.allProperties && !c.properties.empty())
    invalid("CALDAV:comp " + c.name + " has both allprop and prop");
  if (c.allComponents && !c.components.empty())
    invalid("CALDAV:comp " + c.name + " has both allcomp and comp");
  return c;
}

domain::Interval rangeOf(pugi::xml_node element) {
  try {
    return parseTimeRange(element, Bounds::Both);
  } catch (const TimeRangeError& e) {
    invalid(e.what());
  }
}

}  // namespace

CalendarDataRequest CalendarDataRequest::parse(pugi::xml_node element) {
  try {
    if (!element || !xml::is(element, kCalDav, "calendar-data"))
      invalid("expected a CALDAV:calendar-data element");
    std::string contentType =
        element.attribute("content-type") ? element.attribute("content-type").value() : "text/calendar";
    std::string mediaType = contentType.substr(0, contentType.find(';'));
    while (!mediaType.empty() && mediaType.back() == ' ') mediaType.pop_back();
    if (!ical::equalsIgnoreCase(mediaType, "text/calendar"))
      throw CalendarDataRequestError(Kind::UnsupportedCalendarData,
                                     "calendar data is served as text/calendar, not " + contentType);
    std::string version = element.attribute("version") ? element.attribute("version").value() : "2.0";
    if (version != "2.0")
      throw CalendarDataRequestError(Kind::UnsupportedCalendarData,
                                     "calendar data is served as iCalendar 2.0, not version " + version);

    CalendarDataRequest r;
    for (pugi::xml_node child : caldavChildren(element)) {
      std::string local = xml::nameOf(child).local;
      if (local == "comp") {
        if (r.selection) invalid("CALDAV:calendar-data holds more than one comp");
        r.selection = compOf(child, 0);
        if (r.selection->name != "VCALENDAR") invalid("the outermost CALDAV:comp must be VCALENDAR");
      } else if (local == "expand") {
        if (r.expand || r.limitRecurrenceSet) invalid("expand and limit-recurrence-set exclude each other");
        r.expand = rangeOf(child);
      } else if (local == "limit-recurrence-set") {
        if (r.expand || r.limitRecurrenceSet) invalid("expand and limit-recurrence-set exclude each other");
        r.limitRecurrenceSet = rangeOf(child);
      } else if (local == "limit-freebusy-set") {
        if (r.limitFreeBusySet) invalid("CALDAV:calendar-data holds more than one limit-freebusy-set");
        r.limitFreeBusySet = rangeOf(child);
      } else {
        invalid("CALDAV:" + local + " cannot appear in CALDAV:calendar-data");
      }
    }
    if (r.selection && r.selection->allProperties && r.selection->allComponents) r.selection.reset();
    return r;
  } catch (const xml::XmlError& e) {
    invalid(e.what());
  }
}

}  // namespace bookdav::caldav::calendar
