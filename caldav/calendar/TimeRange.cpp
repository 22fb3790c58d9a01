#include "caldav/calendar/TimeRange.h"

#include "caldav/ical/IcalTime.h"
#include "caldav/xml/Xml.h"

namespace bookdav::caldav::calendar {
namespace {

std::optional<domain::Instant> attribute(pugi::xml_node element, const char* name, const std::string& where) {
  pugi::xml_attribute a = element.attribute(name);
  if (!a) return std::nullopt;
  std::optional<domain::Instant> t = ical::parseUtcDateTime(a.value());
  if (!t)
    throw TimeRangeError(where + " " + name + "=\"" + std::string(a.value()).substr(0, 40) +
                         "\" is not a UTC date-time such as 20240101T000000Z");
  return t;
}

}  // namespace

domain::Interval parseTimeRange(pugi::xml_node element, Bounds required) {
  std::string where = "CALDAV:" + xml::nameOf(element).local;
  std::optional<domain::Instant> start = attribute(element, "start", where);
  std::optional<domain::Instant> end = attribute(element, "end", where);
  if (required == Bounds::Both && (!start || !end)) throw TimeRangeError(where + " needs both start and end");
  if (!start && !end) throw TimeRangeError(where + " needs a start or an end");
  domain::Interval range{start.value_or(domain::Instant::min()), end.value_or(domain::Instant::max())};
  if (range.end < range.start) throw TimeRangeError(where + " ends before it starts");
  return range;
}

}  // namespace bookdav::caldav::calendar
