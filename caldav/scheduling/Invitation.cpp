#include "caldav/scheduling/Invitation.h"
#include "caldav/booking/CalendarAddresses.h"

#include <libical/ical.h>

#include <algorithm>

#include "caldav/booking/BookingNames.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/ical/ClientText.h"
#include "caldav/ical/ContentLines.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/ical/TimeZoneContext.h"
#include "caldav/scheduling/CalendarUsers.h"

namespace bookdav::caldav {
namespace {

constexpr std::string_view kScheduleTagProperty = "X-BOOKDAV-SCHEDULE-TAG";
constexpr std::string_view kReasonParameter = "X-BOOKDAV-REASON";

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool isUserAddress(DavContext& ctx, const std::string& user, const std::string& address) {
  const std::string a = ical::lower(address);
  domain::Account account = ctx.accounts.find(user).value_or(domain::Account{});
  account.name = user;
  return a == ical::lower(calendarUserAddress(account, ctx.settings)) ||
         a == ical::lower("mailto:" + user + "@" + ctx.settings.addressDomain) ||
         a == ical::lower(principalPath(user));
}

bool serverSchedules(icalproperty* attendee) {
  auto agent = ical::parameterValue(attendee, "SCHEDULE-AGENT");
  return !agent || upper(*agent) == "SERVER";
}

// Sets (or replaces) a parameter by name; X- names too. DQUOTE cannot appear in a parameter value.
void setParameter(icalproperty* p, std::string_view name, std::string value) {
  std::replace(value.begin(), value.end(), '"', '\'');
  icalproperty_remove_parameter_by_name(p, std::string(name).c_str());
  if (name.substr(0, 2) == "X-") {
    icalparameter* x = icalparameter_new_x(value.c_str());
    icalparameter_set_xname(x, std::string(name).c_str());
    icalproperty_add_parameter(p, x);
  } else {
    icalproperty_set_parameter_from_string(p, std::string(name).c_str(), value.c_str());
  }
}

// A resource invited without a service: the one appointment service that uses it, or the sentence
// naming the services to invite instead.
void inferService(DavContext& ctx, Invitation& inv) {
  std::vector<domain::Service> users;
  for (auto& s : ctx.booking.catalog.services()) {
    auto ids = s.resourceIds();
    if (s.kind == domain::ServiceKind::Appointment &&
        std::find(ids.begin(), ids.end(), *inv.resourceId) != ids.end())
      users.push_back(std::move(s));
  }
  if (users.size() == 1) {
    inv.serviceId = users.front().id;
    inv.serviceInferred = true;
    return;
  }
  auto resource = ctx.booking.catalog.resource(*inv.resourceId);
  const std::string name = resource && !resource->name.empty() ? resource->name : *inv.resourceId;
  if (users.empty()) {
    inv.resourceAloneProblem = name + " is booked through a service and offers no appointments of its own: " +
                               "invite a class or course service at one of its sessions";
    return;
  }
  auto addresses = CalendarAddresses::of(ctx.booking, ctx.accounts, ctx.settings);
  std::string list;
  for (const auto& s : users)
    list += (list.empty() ? "" : ", ") + s.name + " (" + addresses.ofService(s) + ")";
  inv.resourceAloneProblem =
      name + " offers several services: invite one of them together with " + name + ": " + list;
}

// The answer on one attendee, always in this order, last: answering an answered copy again gives the
// same text.
void writeAnswer(icalproperty* a, const ServiceAnswer& answer, const std::string& name,
                 const std::string& cutype) {
  if (!ical::parameterValue(a, "CUTYPE")) setParameter(a, "CUTYPE", cutype);
  if (!ical::parameterValue(a, "CN")) setParameter(a, "CN", name);
  icalproperty_remove_parameter_by_name(a, std::string(kReasonParameter).c_str());
  setParameter(a, "PARTSTAT", answer.partstat);
  setParameter(a, "SCHEDULE-STATUS", answer.scheduleStatus);
  if (!answer.reason.empty()) setParameter(a, kReasonParameter, answer.reason);
}

}  // namespace

Invitation readInvitation(DavContext& ctx, const std::string& user, std::string_view preparedText) {
  Invitation inv;
  inv.calendar = ical::parseClientText(preparedText);
  if (!inv.calendar) return inv;
  icalcomponent* master = nullptr;
  for (icalcomponent* c : ical::childComponents(inv.calendar.get(), "VEVENT"))
    if (!master || !ical::firstProperty(c, "RECURRENCE-ID")) master = c;
  if (!master) return inv;
  inv.uid = ical::propertyText(master, "UID").value_or("");
  icalproperty* organizer = ical::firstProperty(master, "ORGANIZER");
  inv.organizedByUser = organizer && isUserAddress(ctx, user, ical::valueText(organizer));
  if (!inv.organizedByUser) return inv;

  std::vector<std::string> people;
  for (icalproperty* a : ical::properties(master, "ATTENDEE")) {
    const std::string address = ical::valueText(a);
    if (auto u = bookableUserOfAddress(ctx, address)) {
      if (u->kind == CalendarUser::Kind::Service) {
        if (inv.serviceId.empty() && serverSchedules(a)) {
          inv.serviceId = u->id;
          inv.serviceAddress = address;
          inv.sentPartstat = upper(ical::parameterValue(a, "PARTSTAT").value_or(""));
        }
      } else if (upper(ical::parameterValue(a, "ROLE").value_or("")) != "NON-PARTICIPANT" &&
                 !inv.resourceId && serverSchedules(a)) {
        inv.resourceId = u->id;  // named by the organizer; bookdav's own additions are NON-PARTICIPANT
        inv.resourceAddress = address;
      }
      continue;
    }
    const std::string lowered = ical::lower(address);
    if (isUserAddress(ctx, user, address) || std::find(people.begin(), people.end(), lowered) != people.end())
      continue;
    people.push_back(lowered);
    if (auto cn = ical::parameterValue(a, "CN"); cn && !cn->empty()) inv.participantNames.push_back(*cn);
  }
  inv.participants = 1 + static_cast<int>(people.size());
  if (inv.serviceId.empty() && inv.resourceId) inferService(ctx, inv);
  if (inv.serviceId.empty()) return inv;

  auto service = ctx.booking.catalog.service(inv.serviceId);
  auto zone = ical::TimeZoneContext::named(service ? service->timeZone : "UTC")
                  .value_or(ical::TimeZoneContext::utc());
  if (icalproperty* dtstart = ical::firstProperty(master, "DTSTART")) {
    icaltimetype start = ical::zonedValue(dtstart, master);
    inv.allDay = start.is_date;
    inv.start = ical::toInstant(start, zone.zone());
    if (icalproperty* dtend = ical::firstProperty(master, "DTEND")) {
      inv.end = ical::toInstant(ical::zonedValue(dtend, master), zone.zone());
    } else if (icalproperty* duration = ical::firstProperty(master, "DURATION")) {
      inv.end = inv.start + domain::Seconds{icaldurationtype_as_int(icalproperty_get_duration(duration))};
    }
  }
  inv.recurring = ical::firstProperty(master, "RRULE") || ical::firstProperty(master, "RDATE");
  inv.note = ical::propertyText(master, "DESCRIPTION").value_or("");
  return inv;
}

std::string scheduleStatusOf(domain::Refusal reason) {
  using R = domain::Refusal;
  switch (reason) {
    case R::InvalidRequest:
    case R::TooManyParticipants:
      return "3.1";
    case R::NotYourBooking:
    case R::NotAllowed:
      return "3.8";
    default:
      return "5.1";
  }
}

ServiceAnswer answerFor(const domain::Booking& booking) {
  ServiceAnswer a;
  a.scheduleStatus = "2.0";
  switch (booking.status) {
    case domain::BookingStatus::Confirmed:
      a.partstat = "ACCEPTED";
      break;
    case domain::BookingStatus::Pending:
    case domain::BookingStatus::Waitlisted:
      a.partstat = "TENTATIVE";
      break;
    default:
      a.partstat = "DECLINED";
  }
  if (isActive(booking.status)) a.assigned = booking.resourceIds;
  return a;
}

ServiceAnswer resourceAloneAnswer(const std::string& problem) {
  ServiceAnswer a;
  a.partstat = "DECLINED";
  a.scheduleStatus = "5.3";
  a.reason = std::string(domain::refusalName(domain::Refusal::InvalidRequest)) + ": " + problem;
  return a;
}

ServiceAnswer refusalAnswer(const domain::Refused& refused) {
  ServiceAnswer a;
  a.partstat = "DECLINED";
  a.scheduleStatus = scheduleStatusOf(refused.reason());
  a.reason = std::string(refused.name()) + ": " + refused.what();
  return a;
}

std::string answeredText(DavContext& ctx, Invitation& invitation, const ServiceAnswer& answer,
                         const std::string& scheduleTag) {
  icalcomponent* root = invitation.calendar.get();
  auto addresses = CalendarAddresses::of(ctx.booking, ctx.accounts, ctx.settings);
  std::vector<domain::Resource> assigned;
  for (const auto& id : answer.assigned)
    if (id != invitation.resourceId)  // the organizer's own attendee carries the answer instead
      if (auto r = ctx.booking.catalog.resource(id)) assigned.push_back(*r);
  const auto service =
      invitation.serviceId.empty() ? std::nullopt : ctx.booking.catalog.service(invitation.serviceId);
  for (icalcomponent* event : ical::childComponents(root, "VEVENT")) {
    bool serviceShown = false;
    for (icalproperty* a : ical::properties(event, "ATTENDEE")) {
      auto u = bookableUserOfAddress(ctx, ical::valueText(a));
      if (!u) continue;
      const bool bookdavAdded = upper(ical::parameterValue(a, "ROLE").value_or("")) == "NON-PARTICIPANT";
      if (u->kind == CalendarUser::Kind::Resource && bookdavAdded) {
        ical::removeProperty(event, a);  // bookdav's own; the answer adds the current ones back
      } else if (u->kind == CalendarUser::Kind::Resource && invitation.resourceId &&
                 u->id == *invitation.resourceId) {
        writeAnswer(a, answer, u->displayName, u->type);
      } else if (service && u->kind == CalendarUser::Kind::Service && u->id == service->id) {
        writeAnswer(a, answer, service->name, "RESOURCE");
        serviceShown = true;
      }
    }
    if (service && !serviceShown && invitation.serviceInferred) {
      // Invited through its staff or room alone: the service booked shows beside it.
      icalproperty* p = icalproperty_new_attendee(addresses.ofService(*service).c_str());
      setParameter(p, "ROLE", "NON-PARTICIPANT");
      writeAnswer(p, answer, service->name, "RESOURCE");
      icalcomponent_add_property(event, p);
    }
    for (const auto& r : assigned) {
      icalproperty* p = icalproperty_new_attendee(addresses.ofResource(r).c_str());
      setParameter(p, "CN", r.name.empty() ? r.id : r.name);
      setParameter(p, "CUTYPE",
                   r.kind == domain::ResourceKind::Staff  ? "INDIVIDUAL"
                   : r.kind == domain::ResourceKind::Room ? "ROOM"
                                                          : "RESOURCE");
      setParameter(p, "ROLE", "NON-PARTICIPANT");
      setParameter(p, "PARTSTAT", "ACCEPTED");
      icalcomponent_add_property(event, p);
    }
  }
  ical::removeProperties(root, kScheduleTagProperty);
  icalproperty* tag = icalproperty_new_x(scheduleTag.c_str());
  icalproperty_set_x_name(tag, std::string(kScheduleTagProperty).c_str());
  icalcomponent_add_property(root, tag);
  return invitation.calendar.serialize();
}

std::optional<std::string> scheduleTagOf(std::string_view text) {
  const std::string key = "\n" + std::string(kScheduleTagProperty) + ":";
  size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  size_t from = at + key.size();
  size_t end = text.find_first_of("\r\n", from);
  return std::string(text.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from));
}

}  // namespace bookdav::caldav
