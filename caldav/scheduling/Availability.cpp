#include "caldav/scheduling/Availability.h"

#include <libical/ical.h>

#include <cstdio>

#include "caldav/booking/EventText.h"
#include "caldav/booking/ForceHeader.h"
#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/CalendarFile.h"
#include "caldav/ical/ClientText.h"
#include "caldav/ical/Component.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/Href.h"
#include "caldav/webdav/Multistatus.h"
#include "caldav/xml/Xml.h"
#include "domain/booking/Permissions.h"

namespace bookdav::caldav {
namespace {

using namespace std::chrono;
using domain::Seconds;

// Weekly hours without a first date are written from this Monday; dates before 1971 read back as
// "no first date".
constexpr year_month_day kAnchor{year{1970}, January, day{5}};

std::string localText(year_month_day d, Seconds tod) {
  char buf[64];
  long long s = tod.count();
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02lld%02lld%02lld", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), s / 3600, s / 60 % 60,
                s % 60);
  return buf;
}

// The local end of a span that starts on `date` and ends at `end` (24:00 = next midnight).
std::string endText(year_month_day date, Seconds end) {
  if (end >= hours{24}) return localText(year_month_day{sys_days{date} + days{1}}, Seconds{0});
  return localText(date, end);
}

const char* kDayCodes[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

[[noreturn]] void invalid(const std::string& why) {
  throw DavError::forbidden(xml::kCalDav, "valid-calendar-data", "calendar-availability: " + why);
}

struct Local {
  year_month_day date;
  Seconds timeOfDay;
  std::string tzid;
};

Local localOf(icalproperty* p) {
  if (!p) invalid("every AVAILABLE needs DTSTART and DTEND (or DURATION)");
  icalvalue* v = icalproperty_get_value(p);
  if (!v) invalid("a date-time property without a value");
  icaltimetype t = icalvalue_get_datetime(v);
  Local out;
  out.date =
      year_month_day{year{t.year}, month{static_cast<unsigned>(t.month)}, day{static_cast<unsigned>(t.day)}};
  out.timeOfDay = t.is_date ? Seconds{0} : hours{t.hour} + minutes{t.minute} + Seconds{t.second};
  if (icalparameter* tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER))
    out.tzid = icalparameter_get_tzid(tz);
  if (icaltime_is_utc(t)) out.tzid = "UTC";
  return out;
}

}  // namespace

std::string availabilityText(const domain::Resource& resource, const DavSettings& settings) {
  const domain::WorkingHours& h = resource.hours;
  const std::string zone = resource.hoursZone().empty() ? "UTC" : resource.hoursZone();
  const std::string uid = "availability-" + resource.id + "@bookdav";
  const domain::Instant stamp{};  // deterministic: the property's text changes only with the hours
  EventText e(settings.productId);
  e.begin("VAVAILABILITY");
  e.raw("UID", uid);
  e.utc("DTSTAMP", stamp);
  e.raw("BUSYTYPE", "BUSY-UNAVAILABLE");
  e.text("SUMMARY", "Working hours of " + (resource.name.empty() ? resource.id : resource.name));
  int n = 0;
  for (const domain::WeeklyHours& w : h.weekly) {
    year_month_day first = w.from.value_or(kAnchor);
    while (!w.days.contains(weekday{sys_days{first}})) first = year_month_day{sys_days{first} + days{1}};
    std::string byday;
    for (weekday d : w.days.list())
      byday += (byday.empty() ? "" : ",") + std::string(kDayCodes[d.c_encoding()]);
    std::string rule = "FREQ=WEEKLY;BYDAY=" + byday;
    if (w.until)
      rule += ";UNTIL=" + localText(*w.until, hours{23} + minutes{59} + Seconds{59}).substr(0, 15) + "Z";
    e.begin("AVAILABLE");
    e.raw("UID", uid + "-weekly-" + std::to_string(++n));
    e.utc("DTSTAMP", stamp);
    e.raw("DTSTART", localText(first, w.start), {{"TZID", zone}});
    e.raw("DTEND", endText(first, w.end), {{"TZID", zone}});
    e.raw("RRULE", rule);
    e.end("AVAILABLE");
  }
  for (const domain::ExtraHours& x : h.extra) {
    e.begin("AVAILABLE");
    e.raw("UID", uid + "-extra-" + std::to_string(++n));
    e.utc("DTSTAMP", stamp);
    e.raw("DTSTART", localText(x.date, x.start), {{"TZID", zone}});
    e.raw("DTEND", endText(x.date, x.end), {{"TZID", zone}});
    e.end("AVAILABLE");
  }
  e.end("VAVAILABILITY");
  for (const domain::Closure& c : h.closed) {
    e.begin("VAVAILABILITY");
    e.raw("UID", uid + "-closed-" + std::to_string(++n));
    e.utc("DTSTAMP", stamp);
    e.raw("PRIORITY", "1");
    e.raw("BUSYTYPE", "BUSY-UNAVAILABLE");
    e.raw("DTSTART", localText(c.start.date, c.start.timeOfDay), {{"TZID", zone}});
    e.raw("DTEND", localText(c.end.date, c.end.timeOfDay), {{"TZID", zone}});
    if (!c.note.empty()) e.text("SUMMARY", c.note);
    e.end("VAVAILABILITY");
  }
  // mergeForExport adds the VTIMEZONE of the zone (and keeps everything else as it is).
  std::string text = e.finish();
  std::vector<std::string> one{text};
  return ical::mergeForExport(one, "");
}

domain::WorkingHours parseAvailability(std::string_view text, const std::string& defaultZone) {
  ical::Component cal;
  try {
    cal = ical::parseClientText(text);
  } catch (const ical::CalendarDataError& e) {
    invalid(e.message);
  }
  if (!cal || icalcomponent_isa(cal.get()) != ICAL_VCALENDAR_COMPONENT) invalid("not an iCalendar object");
  domain::WorkingHours h;
  std::string zone;
  auto useZone = [&](const std::string& tzid) {
    std::string z = tzid.empty() ? defaultZone : tzid;
    if (!zone.empty() && z != zone)
      invalid("all times must be in one time zone (" + zone + " and " + z + ")");
    zone = z;
  };
  auto components = ical::childComponents(cal.get(), "VAVAILABILITY");
  if (components.empty()) invalid("no VAVAILABILITY component");
  for (icalcomponent* va : components) {
    auto available = ical::childComponents(va, "AVAILABLE");
    if (available.empty()) {
      Local s = localOf(ical::firstProperty(va, "DTSTART"));
      Local e = localOf(ical::firstProperty(va, "DTEND"));
      useZone(s.tzid);
      domain::Closure c{domain::LocalDateTime{s.date, s.timeOfDay},
                        domain::LocalDateTime{e.date, e.timeOfDay}, ""};
      if (icalproperty* summary = ical::firstProperty(va, "SUMMARY")) c.note = ical::valueText(summary);
      h.closed.push_back(std::move(c));
      continue;
    }
    for (icalcomponent* a : available) {
      Local s = localOf(ical::firstProperty(a, "DTSTART"));
      Seconds end;
      if (icalproperty* dtend = ical::firstProperty(a, "DTEND")) {
        Local e = localOf(dtend);
        auto dayDiff = sys_days{e.date} - sys_days{s.date};
        end = e.timeOfDay + std::chrono::duration_cast<Seconds>(dayDiff);
      } else if (icalproperty* d = ical::firstProperty(a, "DURATION")) {
        end = s.timeOfDay + Seconds{icaldurationtype_as_int(icalproperty_get_duration(d))};
      } else {
        invalid("every AVAILABLE needs DTEND or DURATION");
      }
      if (end > hours{24} || end <= s.timeOfDay)
        invalid("an AVAILABLE block must end after it starts, on the same day");
      useZone(s.tzid);
      icalproperty* rrule = ical::firstProperty(a, "RRULE");
      if (!rrule) {
        h.extra.push_back({s.date, s.timeOfDay, end});
        continue;
      }
      icalrecurrencetype r = icalproperty_get_rrule(rrule);
      domain::WeeklyHours w;
      w.start = s.timeOfDay;
      w.end = end;
      if (r.freq == ICAL_DAILY_RECURRENCE) {
        w.days = domain::Weekdays::everyDay();
      } else if (r.freq == ICAL_WEEKLY_RECURRENCE) {
        for (int i = 0; i < ICAL_BY_DAY_SIZE && r.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
          int dow = icalrecurrencetype_day_day_of_week(r.by_day[i]);  // 1 = Sunday
          w.days.add(weekday{static_cast<unsigned>(dow - 1)});
        }
        if (w.days.empty()) w.days.add(weekday{sys_days{s.date}});
      } else {
        invalid("bookdav keeps working hours as weekly rules; use FREQ=WEEKLY (or DAILY)");
      }
      if (r.interval > 1) invalid("working hours repeat every week (INTERVAL=1)");
      if (s.date >= year_month_day{year{1971}, January, day{1}}) w.from = s.date;
      if (!icaltime_is_null_time(r.until)) {
        w.until = year_month_day{year{r.until.year}, month{static_cast<unsigned>(r.until.month)},
                                 day{static_cast<unsigned>(r.until.day)}};
      }
      h.weekly.push_back(std::move(w));
    }
  }
  h.timeZone = zone == defaultZone ? "" : zone;
  if (auto problem = domain::validate(h)) invalid(*problem);
  return h;
}

std::optional<domain::Resource> resourceOfInbox(DavContext& ctx, const Resource& inbox) {
  if (inbox.kind == ResourceKind::ResourceInbox) return ctx.booking.catalog.resource(inbox.resourceId);
  if (inbox.kind == ResourceKind::Inbox) {
    auto mine = ctx.booking.catalog.resourcesOf(inbox.owner);
    if (!mine.empty()) return mine.front();
  }
  return std::nullopt;
}

namespace {

Response proppatchHours(DavContext& ctx, const Request& request, const Resource& inbox,
                        pugi::xml_node update) {
  auto resource = resourceOfInbox(ctx, inbox);
  if (!resource) throw DavError::notFound("no resource has working hours here");
  const domain::Actor actor = ctx.booking.catalog.actor(request.user, request.role);
  domain::require(domain::Permissions(actor).changeWorkingHours(resource->id),
                  "change the working hours of " + resource->id);
  struct Instruction {
    xml::QName name;
    bool remove;
    pugi::xml_node element;
  };
  std::vector<Instruction> all;
  for (pugi::xml_node op : xml::elements(update)) {
    bool remove = xml::is(op, xml::kDav, "remove");
    if (!remove && !xml::is(op, xml::kDav, "set")) continue;
    for (pugi::xml_node prop : xml::elements(op)) {
      for (pugi::xml_node p : xml::elements(prop)) all.push_back({xml::nameOf(p), remove, p});
    }
  }
  std::optional<domain::WorkingHours> hours;
  std::vector<int> status(all.size(), 200);
  bool failed = false;
  for (size_t i = 0; i < all.size(); ++i) {
    const auto& in = all[i];
    const bool availability = in.name.local == "calendar-availability" &&
                              (in.name.ns == xml::kCalDav || in.name.ns == xml::kCalendarServer);
    try {
      if (!availability) throw DavError::forbidden(xml::kDav, "cannot-modify-protected-property", "");
      hours =
          in.remove ? domain::WorkingHours{} : parseAvailability(xml::textOf(in.element), resource->timeZone);
    } catch (const DavError& e) {
      status[i] = e.status();
      failed = true;
      if (all.size() == 1) throw;
    }
  }
  PropStats report;
  for (size_t i = 0; i < all.size(); ++i) {
    if (!failed)
      report.found().empty(all[i].name);
    else
      report.add(status[i] == 200 ? 424 : status[i], all[i].name);
  }
  if (!failed && hours)
    ctx.booking.catalog.setWorkingHours(resource->id, *hours, forceRequested(ctx, request));
  Multistatus ms;
  ms.add(encodePath(inbox.path), report);
  return Response::xml(207, ms.finish());
}

}  // namespace

Response proppatchResourceInbox(DavContext& ctx, const Request& request, const Resource& inbox,
                                pugi::xml_node update) {
  return proppatchHours(ctx, request, inbox, update);
}

Response proppatchStaffInbox(DavContext& ctx, const Request& request, const Resource& inbox,
                             pugi::xml_node update) {
  requireWrite(request, inbox);
  return proppatchHours(ctx, request, inbox, update);
}

}  // namespace bookdav::caldav
