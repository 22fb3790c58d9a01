#include "caldav/ical/TimeZoneContext.h"

#include <libical/ical.h>

#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/ClientText.h"
#include "caldav/ical/Component.h"
#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::caldav::ical {
namespace {

[[noreturn]] void invalid(std::string message) {
  throw CalendarDataError(Precondition::ValidCalendarData, std::move(message));
}

}  // namespace

TimeZoneContext TimeZoneContext::utc() {
  return TimeZoneContext();
}

std::optional<TimeZoneContext> TimeZoneContext::named(std::string_view olson) {
  icaltimezone* z = IcalZoneRules::instance().builtin(olson);
  if (!z) return std::nullopt;
  TimeZoneContext ctx;
  if (z != icaltimezone_get_utc_timezone()) ctx.zone_ = z;
  ctx.tzid_ = ctx.zone_ ? std::string(olson) : "UTC";
  return ctx;
}

TimeZoneContext TimeZoneContext::fromVtimezoneText(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) invalid("The time zone is empty.");
  Component cal = parseClientText(text);  // its VTIMEZONE screened before libical expands it
  if (!cal || icalcomponent_isa(cal.get()) != ICAL_VCALENDAR_COMPONENT)
    invalid("The time zone is not an iCalendar VCALENDAR.");
  std::vector<icalcomponent*> zones = childComponents(cal.get(), "VTIMEZONE");
  if (zones.size() != 1)
    invalid("The time zone must be a VCALENDAR with exactly one VTIMEZONE, found " +
            std::to_string(zones.size()) + ".");
  for (icalcomponent* c : childComponents(cal.get())) {
    if (icalcomponent_isa(c) != ICAL_VTIMEZONE_COMPONENT)
      invalid("The time zone VCALENDAR may hold only a VTIMEZONE, not " + componentName(c) + ".");
  }
  icalcomponent* vtz = zones.front();
  std::optional<std::string> tzid = propertyText(vtz, "TZID");
  if (!tzid || tzid->empty()) invalid("The VTIMEZONE has no TZID.");
  if (childComponents(vtz, "STANDARD").empty() && childComponents(vtz, "DAYLIGHT").empty())
    invalid("The VTIMEZONE " + *tzid + " has neither STANDARD nor DAYLIGHT rules.");
  if (icalcomponent_count_errors(vtz) > 0)
    invalid("The VTIMEZONE " + *tzid + " has values that do not parse.");
  for (icalcomponent* rule : childComponents(vtz)) {
    if (!firstProperty(rule, "DTSTART") || !firstProperty(rule, "TZOFFSETTO") ||
        !firstProperty(rule, "TZOFFSETFROM"))
      invalid("A rule of VTIMEZONE " + *tzid + " lacks DTSTART, TZOFFSETFROM or TZOFFSETTO.");
  }

  icaltimezone* zone = icaltimezone_new();
  // On success the zone owns the clone and frees it with itself; on failure it did not keep it.
  Component copy(icalcomponent_new_clone(vtz));
  if (icaltimezone_set_component(zone, copy.get())) {
    copy.release();
  } else {
    icaltimezone_free(zone, 1);
    invalid("libical cannot use the VTIMEZONE " + *tzid + ".");
  }
  TimeZoneContext ctx;
  ctx.owned_ = std::shared_ptr<icaltimezone>(zone, [](icaltimezone* z) { icaltimezone_free(z, 1); });
  ctx.zone_ = zone;
  ctx.tzid_ = *tzid;
  return ctx;
}

}  // namespace bookdav::caldav::ical
