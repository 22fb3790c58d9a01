// RFC 6638 §5: POST of a VFREEBUSY request to a user's outbox answers the free/busy time of each
// recipient: users (their calendars and bookings), services (their bookable slots as FREE periods) and
// resources (sessions, and busy-unavailable
// outside working hours), as Apple Calendar's availability panel asks.
#include <libical/ical.h>

#include "caldav/booking/BookingCalendars.h"
#include "caldav/booking/BookingNames.h"
#include "caldav/booking/CalendarAddresses.h"
#include "caldav/booking/ComputedMembers.h"
#include "caldav/calendar/FreeBusy.h"
#include "caldav/dav/CollectionMembers.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/ClientText.h"
#include "caldav/ical/Component.h"
#include "caldav/ical/ContentLines.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/methods/Methods.h"
#include "caldav/scheduling/CalendarUsers.h"
#include "caldav/webdav/DavError.h"
#include "caldav/xml/XmlWriter.h"
#include "domain/booking/Intervals.h"

namespace bookdav::caldav {
namespace {

using calendar::FbType;
using calendar::FreeBusyPeriod;

[[noreturn]] void invalid(const std::string& why) {
  throw DavError::forbidden(xml::kCalDav, "valid-calendar-data", "free/busy request: " + why);
}

// The account whose calendar user address this is, if any.
std::optional<domain::Account> accountOfAddress(DavContext& ctx, const std::string& address) {
  const std::string a = ical::lower(address);
  for (const auto& account : ctx.accounts.list()) {
    if (ical::lower(calendarUserAddress(account, ctx.settings)) == a) return account;
    if (a == ical::lower(principalPath(account.name))) return account;
  }
  return std::nullopt;
}

std::vector<FreeBusyPeriod> userBusy(DavContext& ctx, const domain::Account& account,
                                     domain::Interval range) {
  std::vector<FreeBusyPeriod> out;
  ctx.store.read([&](domain::CalendarReader& store) {
    for (const auto& c : store.children(homePath(account.name))) {
      if (c.kind != domain::CollectionKind::Calendar || c.computed) continue;
      Resource calendar = collectionResource(c);
      auto members = membersOf(ctx, store, calendar);
      auto periods = members->freeBusy(range, ical::TimeZoneContext::utc(), ctx.budget);
      out.insert(out.end(), periods.begin(), periods.end());
    }
    Resource bookings =
        *resolveBookingPath(ctx, store, homePath(account.name) + "bookings/", account.name, account.role);
    auto periods =
        computedMembers(ctx, store, bookings)->freeBusy(range, ical::TimeZoneContext::utc(), ctx.budget);
    out.insert(out.end(), periods.begin(), periods.end());
  });
  for (const auto& resource : ctx.booking.catalog.resourcesOf(account.name)) {
    for (const auto& i : ctx.booking.timetable.busy(resource.id, range).busy)
      out.push_back({i, FbType::Busy});
  }
  return out;
}

std::vector<FreeBusyPeriod> resourceBusy(DavContext& ctx, const std::string& resourceId,
                                         domain::Interval range) {
  std::vector<FreeBusyPeriod> out;
  auto busy = ctx.booking.timetable.busy(resourceId, range);
  for (const auto& i : busy.busy) out.push_back({i, FbType::Busy});
  for (const auto& i : busy.unavailable) out.push_back({i, FbType::BusyUnavailable});
  return out;
}

// A service's bookable slots as FREE periods (one per slot) and the rest BUSY, as the free-busy-query
// on its service-<id>/ calendar answers them to this user.
std::vector<FreeBusyPeriod> serviceSlots(DavContext& ctx, const Request& request,
                                         const std::string& serviceId, domain::Interval range) {
  std::vector<FreeBusyPeriod> out;
  ctx.store.read([&](domain::CalendarReader& store) {
    auto calendar =
        resolveBookingPath(ctx, store, homePath(request.user) + serviceCalendarSegment(serviceId) + "/",
                           request.user, request.role);
    if (!calendar || calendar->kind != ResourceKind::ServiceCalendar) return;
    out = computedMembers(ctx, store, *calendar)->freeBusy(range, ical::TimeZoneContext::utc(), ctx.budget);
  });
  return out;
}

// The VFREEBUSY reply: the renderer's VCALENDAR with METHOD:REPLY, ORGANIZER and ATTENDEE added.
std::string reply(const std::vector<FreeBusyPeriod>& periods, domain::Interval range, const std::string& uid,
                  const std::string& organizer, const std::string& attendee, bool slots) {
  calendar::FreeBusyOptions options;
  options.uid = uid;
  options.mergeFree = !slots;  // a service's FREE periods are its slots, never merged (DESIGN.md)
  std::string text = calendar::renderFreeBusy(periods, range, options);
  if (size_t v = text.find("VERSION:2.0\r\n"); v != std::string::npos)
    text.insert(v + 13, "METHOD:REPLY\r\n");
  if (size_t b = text.find("BEGIN:VFREEBUSY\r\n"); b != std::string::npos) {
    text.insert(b + 17, "ORGANIZER:" + organizer + "\r\nATTENDEE:" + attendee + "\r\n");
  }
  return text;
}

}  // namespace

Response handlePost(DavContext& ctx, const Request& request) {
  Resource target = lookUp(ctx, request, request.path);
  if (target.kind != ResourceKind::Outbox) {
    throw DavError::methodNotAllowed("POST goes to a scheduling outbox, not to " + request.path);
  }
  requireWrite(request, target);
  std::string type = ical::lower(request.header("Content-Type", "text/calendar"));
  if (type.rfind("text/calendar", 0) != 0) {
    throw DavError::forbidden(xml::kCalDav, "supported-calendar-data",
                              "POST a text/calendar free/busy request");
  }
  ical::Component cal;
  try {
    ical::ContentLineReader reader(request.body, ical::ContentLineReader::Check::Incoming);
    for (ical::ContentLine line; reader.next(line);) {
    }
  } catch (const ical::ContentLineError& e) {
    invalid(e.what());
  }
  try {
    cal = ical::parseClientText(request.body);  // its VTIMEZONEs screened before DTSTART is read
  } catch (const ical::CalendarDataError& e) {
    invalid(e.message);
  }
  if (!cal || icalcomponent_isa(cal.get()) != ICAL_VCALENDAR_COMPONENT) invalid("the body is not iCalendar");
  icalproperty* method = ical::firstProperty(cal.get(), "METHOD");
  if (!method || ical::lower(ical::valueText(method)) != "request") invalid("METHOD must be REQUEST");
  auto requests = ical::childComponents(cal.get(), "VFREEBUSY");
  if (requests.size() != 1) invalid("exactly one VFREEBUSY is asked for");
  icalcomponent* fb = requests.front();
  icalproperty* dtstart = ical::firstProperty(fb, "DTSTART");
  icalproperty* dtend = ical::firstProperty(fb, "DTEND");
  if (!dtstart || !dtend) invalid("DTSTART and DTEND give the range");
  domain::Interval range{ical::toInstant(ical::zonedValue(dtstart, fb), nullptr),
                         ical::toInstant(ical::zonedValue(dtend, fb), nullptr)};
  if (range.end <= range.start) invalid("DTEND must be after DTSTART");
  if (range.end - range.start > std::chrono::hours(24 * 400)) invalid("ask for at most 400 days at once");
  icalproperty* organizer = ical::firstProperty(fb, "ORGANIZER");
  if (!organizer) invalid("ORGANIZER is missing");
  const std::string originator = ical::valueText(organizer);
  auto me = ctx.accounts.find(request.user);
  if (!me || (ical::lower(originator) != ical::lower(calendarUserAddress(*me, ctx.settings)) &&
              ical::lower(originator) != ical::lower(principalPath(request.user)))) {
    throw DavError::forbidden(xml::kCalDav, "originator-allowed",
                              originator + " is not your calendar user address");
  }
  std::string uid;
  if (icalproperty* u = ical::firstProperty(fb, "UID")) uid = ical::valueText(u);

  xml::XmlWriter w;
  w.open(xml::kCalDav, "schedule-response");
  for (icalproperty* a : ical::properties(fb, "ATTENDEE")) {
    const std::string recipient = ical::valueText(a);
    w.open(xml::kCalDav, "response");
    w.open(xml::kCalDav, "recipient").leaf(xml::kDav, "href", recipient).close();
    std::optional<std::vector<FreeBusyPeriod>> periods;
    bool slots = false;
    if (auto service = bookableUserOfAddress(ctx, recipient);
        service && service->kind == CalendarUser::Kind::Service) {
      periods = serviceSlots(ctx, request, service->id, range);
      slots = true;
    } else if (auto resourceId =
                   CalendarAddresses::of(ctx.booking, ctx.accounts, ctx.settings).resourceOf(recipient);
               resourceId && ctx.booking.catalog.resource(*resourceId)) {
      periods = resourceBusy(ctx, *resourceId, range);
    } else if (auto account = accountOfAddress(ctx, recipient)) {
      periods = userBusy(ctx, *account, range);
    }
    if (periods) {
      w.leaf(xml::kCalDav, "request-status", "2.0;Success");
      w.leaf(xml::kCalDav, "calendar-data", reply(*periods, range, uid, originator, recipient, slots));
    } else {
      w.leaf(xml::kCalDav, "request-status", "3.7;Invalid calendar user");
    }
    w.close();
  }
  return Response::xml(200, w.finish());
}

}  // namespace bookdav::caldav
