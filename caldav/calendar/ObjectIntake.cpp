#include "caldav/calendar/ObjectIntake.h"

#include <libical/ical.h>

#include <algorithm>
#include <memory>

#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {
namespace {

struct Free {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

[[noreturn]] void invalid(const std::string& message) {
  throw DavError::forbidden(xml::kCalDav, "valid-calendar-data", message);
}

}  // namespace

PreparedObject prepareCalendarObject(std::string_view body, const domain::CollectionRecord& calendar) {
  std::string text(body);
  std::unique_ptr<icalcomponent, Free> root(icalparser_parse_string(text.c_str()));
  if (!root || icalcomponent_isa(root.get()) != ICAL_VCALENDAR_COMPONENT) invalid("the body is not an iCalendar object");
  PreparedObject out;
  for (icalcomponent* c = icalcomponent_get_first_component(root.get(), ICAL_ANY_COMPONENT); c;
       c = icalcomponent_get_next_component(root.get(), ICAL_ANY_COMPONENT)) {
    if (icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT) continue;
    const char* uid = icalcomponent_get_uid(c);
    if (!uid) throw DavError::forbidden(xml::kCalDav, "valid-calendar-object-resource", "a component has no UID");
    out.uid = uid;
    out.componentType = icalcomponent_kind_to_string(icalcomponent_isa(c));
    icaltimetype s = icalcomponent_get_dtstart(c), e = icalcomponent_get_dtend(c);
    if (!icaltime_is_null_time(s)) {
      auto zone = [](icaltimetype t) { return t.zone ? t.zone : icaltimezone_get_utc_timezone(); };
      domain::IndexedInstance i;
      i.start = domain::fromUnix(icaltime_as_timet_with_zone(s, zone(s)));
      i.end = icaltime_is_null_time(e) ? i.start : domain::fromUnix(icaltime_as_timet_with_zone(e, zone(e)));
      i.exact = false;
      i.busy = domain::BusyType::Busy;
      out.index.instances.push_back(i);
    }
    break;
  }
  if (out.uid.empty()) invalid("the calendar has no component");
  const auto& allowed = calendar.components;
  if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), out.componentType) == allowed.end()) {
    throw DavError::forbidden(xml::kCalDav, "supported-calendar-component",
                              "this calendar does not store " + out.componentType);
  }
  icalcomponent_strip_errors(root.get());
  char* serialized = icalcomponent_as_ical_string_r(root.get());
  out.text = serialized;
  free(serialized);
  return out;
}

}  // namespace bookdav::caldav
