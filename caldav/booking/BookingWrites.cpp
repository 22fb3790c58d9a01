#include "caldav/booking/BookingWrites.h"

#include <libical/ical.h>

#include <algorithm>
#include <set>

#include "caldav/booking/BookingEvents.h"
#include "caldav/booking/BookingNames.h"
#include "caldav/booking/CalendarAddresses.h"
#include "caldav/booking/ComputedMembers.h"
#include "caldav/booking/ForceHeader.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/ical/CalendarObject.h"
#include "caldav/ical/Component.h"
#include "caldav/ical/ContentLines.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/ical/TimeZoneContext.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "caldav/webdav/Href.h"
#include "domain/booking/Permissions.h"
#include "domain/booking/Sentences.h"

namespace bookdav::caldav {
namespace {

using domain::Actor;
using domain::Refusal;
using domain::Refused;

// What a customer's event asks for.
struct RequestedBooking {
  domain::Instant start{};
  std::optional<domain::Instant> end;
  bool recurring = false;
  std::string uid;
  std::string summary;
  std::vector<std::string> attendeeAddresses;  // people, lower-cased, without resources
  std::vector<std::string> attendeeNames;
  std::vector<std::string> resourceIds;  // resources named as ATTENDEE
  std::optional<int> participants;       // X-BOOKDAV-PARTICIPANTS
  std::string note;
};

// The signed-in user as the booking domain sees them: what they may do is domain::Permissions' call.
Actor actorOf(DavContext& ctx, const Request& request) {
  return ctx.booking.catalog.actor(request.user, request.role);
}

// The master VEVENT of the body, read in the zone floating times belong to.
RequestedBooking readEvent(std::string_view body, const std::string& floatingZone, DavContext& ctx) {
  // A CalendarDataError becomes 403 valid-calendar-data where DavService maps every error.
  ical::ExpansionBudget budget = ical::ExpansionBudget::forWrite();
  ical::ParsedObject parsed = ical::parseObject(body, ical::AllowedComponents{"VEVENT"}, budget);
  icalcomponent* master = nullptr;
  for (icalcomponent* c : ical::childComponents(parsed.calendar.get(), "VEVENT")) {
    if (!ical::firstProperty(c, "RECURRENCE-ID")) master = c;
  }
  if (!master) {
    throw DavError::forbidden(xml::kBookdav, "invalid-request",
                              "the event needs a VEVENT without RECURRENCE-ID");
  }
  auto zone = ical::TimeZoneContext::named(floatingZone).value_or(ical::TimeZoneContext::utc());
  RequestedBooking out;
  out.uid = parsed.uid;
  icalproperty* dtstart = ical::firstProperty(master, "DTSTART");
  icaltimetype start = ical::zonedValue(dtstart, master);
  if (start.is_date) {
    throw DavError::forbidden(xml::kBookdav, "slot-unavailable",
                              "a booking needs a start time, not a whole day (DTSTART is a DATE)");
  }
  out.start = ical::toInstant(start, zone.zone());
  if (icalproperty* dtend = ical::firstProperty(master, "DTEND")) {
    out.end = ical::toInstant(ical::zonedValue(dtend, master), zone.zone());
  } else if (icalproperty* duration = ical::firstProperty(master, "DURATION")) {
    out.end = out.start + domain::Seconds{icaldurationtype_as_int(icalproperty_get_duration(duration))};
  }
  out.recurring = ical::firstProperty(master, "RRULE") || ical::firstProperty(master, "RDATE");
  if (icalproperty* s = ical::firstProperty(master, "SUMMARY")) out.summary = ical::valueText(s);
  if (icalproperty* d = ical::firstProperty(master, "DESCRIPTION")) out.note = ical::valueText(d);
  if (icalproperty* p = ical::firstProperty(master, "X-BOOKDAV-PARTICIPANTS")) {
    try {
      out.participants = std::stoi(ical::valueText(p));
    } catch (const std::exception&) {
      throw DavError::forbidden(xml::kBookdav, "invalid-request", "X-BOOKDAV-PARTICIPANTS must be a number");
    }
  }
  const auto resources = ctx.booking.catalog.resources();
  auto addresses = CalendarAddresses::of(ctx.booking, ctx.accounts, ctx.settings);
  for (icalproperty* a : ical::properties(master, "ATTENDEE")) {
    const std::string address = ical::lower(ical::valueText(a));
    const std::string cn = ical::parameterValue(a, "CN").value_or("");
    std::optional<std::string> resourceId = addresses.resourceOf(address);
    if (!resourceId) {
      // A resource may also be named by its display name, as a calendar app's attendee picker does.
      const std::string cutype = ical::lower(ical::parameterValue(a, "CUTYPE").value_or("individual"));
      for (const auto& r : resources) {
        if (!cn.empty() && ical::lower(r.name) == ical::lower(cn) &&
            (cutype != "individual" || r.kind == domain::ResourceKind::Staff) &&
            ical::lower(ical::parameterValue(a, "ROLE").value_or("")) == "non-participant") {
          resourceId = r.id;
        }
      }
    }
    if (resourceId) {
      out.resourceIds.push_back(*resourceId);
    } else if (address != ical::lower(businessAddress(ctx.settings)) &&
               std::find(out.attendeeAddresses.begin(), out.attendeeAddresses.end(), address) ==
                   out.attendeeAddresses.end()) {
      out.attendeeAddresses.push_back(address);
      out.attendeeNames.push_back(cn);
    }
  }
  return out;
}

std::optional<std::int64_t> memberId(const Resource& target, ComputedMember::Kind kind) {
  if (target.kind == ResourceKind::Object && target.member && target.member->kind == kind)
    return target.member->id;
  return std::nullopt;
}

std::optional<domain::BookingId> bookingOfMember(const Resource& target) {
  return memberId(target, ComputedMember::Kind::Booking);
}

std::optional<domain::SessionId> sessionOfMember(const Resource& target) {
  return memberId(target, ComputedMember::Kind::Session);
}

// If-Match / If-None-Match of the request on the member's event as it stands inside the write
// transaction that changes it, so that two changes made from the same ETag cannot both win.
template <typename Record>
domain::WriteCondition<Record> eventPreconditions(DavContext& ctx, const Request& request,
                                                  const Resource& member) {
  if (!request.header("If-Match") && !request.header("If-None-Match")) return {};
  Resource calendar = member;
  calendar.kind = member.container;
  calendar.object.reset();
  calendar.member.reset();
  return [&ctx, &request, calendar = std::move(calendar), identity = *member.member](
             domain::BookingData& data, const Record&) {
    checkWritePreconditions(request, computedMemberETag(ctx, data, calendar, identity));
  };
}

Response book(DavContext& ctx, const Request& request, const Resource& target) {
  const domain::Service& service = *target.service;
  RequestedBooking event = readEvent(request.body, service.timeZone, ctx);
  if (event.recurring) {
    throw DavError::forbidden(xml::kBookdav, "invalid-request",
                              "book one time: a booking event cannot repeat (courses are booked as a whole "
                              "at any of their sessions)");
  }
  if (service.kind == domain::ServiceKind::Appointment && event.end &&
      *event.end != event.start + service.duration) {
    throw DavError::forbidden(xml::kBookdav, "slot-unavailable",
                              service.name + " takes " + domain::describeDuration(service.duration) +
                                  ": end the event that much after its start, or leave the end out");
  }
  if (event.resourceIds.size() > 1) {
    throw DavError::forbidden(xml::kBookdav, "invalid-request",
                              "name at most one resource (ATTENDEE) to book with");
  }
  auto account = ctx.accounts.find(request.user);
  domain::BookingRequest br;
  br.serviceId = service.id;
  br.start = event.start;
  if (!event.resourceIds.empty()) br.resourceId = event.resourceIds.front();
  br.customer = request.user;
  br.contact.name = account && !account->displayName.empty() ? account->displayName : request.user;
  br.contact.email = account ? account->email : "";
  // Participants: X-BOOKDAV-PARTICIPANTS, else the people among the ATTENDEEs (the customer included).
  int people = static_cast<int>(event.attendeeAddresses.size());
  br.participants = event.participants.value_or(std::max(1, people));
  for (const auto& n : event.attendeeNames) {
    if (!n.empty()) br.participantNames.push_back(n);
  }
  br.clientUid = event.uid;
  br.clientHref = lastSegment(target.path);
  br.note = event.note;
  ctx.booking.desk.book(br, actorOf(ctx, request));
  return Response::empty(201);  // no ETag: the stored event is the server's (RFC 4791 5.3.4)
}

Response reschedule(DavContext& ctx, const Request& request, const Resource& target, domain::BookingId id) {
  auto booking = ctx.booking.desk.booking(id);
  if (!booking) throw DavError::notFound("the booking is gone");
  auto service = ctx.booking.catalog.service(booking->serviceId);
  RequestedBooking event = readEvent(request.body, service ? service->timeZone : std::string("UTC"), ctx);
  if (event.participants && *event.participants != booking->participants) {
    // Not silently dropped: the places a booking holds are decided when it is made.
    throw DavError::forbidden(xml::kBookdav, "invalid-request",
                              "booking " + std::to_string(id) + " holds " +
                                  std::to_string(booking->participants) +
                                  " place(s); the number cannot change: cancel it and book again");
  }
  if (event.start == booking->time.start &&
      (event.resourceIds.empty() || std::find(booking->resourceIds.begin(), booking->resourceIds.end(),
                                              event.resourceIds.front()) != booking->resourceIds.end())) {
    checkWritePreconditions(request, target.object->etag);  // nothing changes: no race to lose
    return Response::empty(204);                            // nothing bookdav keeps has changed
  }
  domain::RescheduleRequest move;
  move.start = event.start;
  if (!event.resourceIds.empty()) move.resourceId = event.resourceIds.front();
  ctx.booking.desk.reschedule(id, move, actorOf(ctx, request),
                              eventPreconditions<domain::Booking>(ctx, request, target));
  return Response::empty(204);
}

Response addTimeOff(DavContext& ctx, const Request& request, const Resource& target) {
  const std::vector<std::string> resources{target.resourceId};
  domain::require(domain::Permissions(actorOf(ctx, request)).changeTimeOff(resources),
                  "add time off on " + target.resourceId);
  RequestedBooking event = readEvent(request.body, "UTC", ctx);
  if (!event.end || *event.end <= event.start) {
    throw DavError::forbidden(xml::kBookdav, "invalid-request", "time off needs an end after its start");
  }
  domain::NewSession session;
  session.kind = domain::SessionKind::TimeOff;
  session.time = {event.start, *event.end};
  session.resourceIds = {target.resourceId};
  session.title = event.summary.empty() ? "Time off" : event.summary;
  session.force = forceRequested(ctx, request);
  ctx.booking.timetable.createSession(session);
  return Response::empty(201);
}

// An open window of an appointment calendar (open-<start>.ics) is the business's: refused with how to book.
void refuseWindowChange(DavContext& ctx, const Resource& target) {
  if (target.container != ResourceKind::ServiceCalendar || !target.service ||
      target.service->kind != domain::ServiceKind::Appointment ||
      !windowStartOfMember(lastSegment(target.path)))
    return;
  throw DavError::forbidden(
      xml::kDav, "need-privileges",
      "the open windows of " + target.service->name +
          " are made by bookdav and cannot be changed or deleted: to book, " +
          howToBookInWindow(
              *target.service,
              CalendarAddresses::of(ctx.booking, ctx.accounts, ctx.settings).ofService(*target.service)));
}

// A booking-<id>.ics name the user has no booking at: another customer's booking is named as such.
void refuseOthersBooking(DavContext& ctx, const Request& request, const Resource& target) {
  if (target.exists()) return;
  auto id = bookingIdOfMember(lastSegment(target.path));
  if (!id) return;
  auto booking = ctx.booking.desk.booking(*id);
  if (booking && !domain::Permissions(actorOf(ctx, request)).changeBooking(*booking)) {
    throw DavError::forbidden(xml::kBookdav, "not-your-booking",
                              "booking " + std::to_string(*id) + " belongs to another customer");
  }
}

}  // namespace

Response putIntoComputedCalendar(DavContext& ctx, const Request& request, const Resource& target) {
  requireWrite(request, target);
  if (static_cast<std::int64_t>(request.body.size()) > ctx.settings.maxResourceSize) {
    throw DavError(413, xml::QName{std::string(xml::kCalDav), "max-resource-size"}, "the event is too large");
  }
  if (target.isCollection())
    throw DavError::methodNotAllowed("PUT cannot replace the calendar " + target.path);
  if (auto id = bookingOfMember(target)) return reschedule(ctx, request, target, *id);
  refuseWindowChange(ctx, target);
  refuseOthersBooking(ctx, request, target);
  if (sessionOfMember(target)) {
    throw DavError::forbidden(
        xml::kDav, "need-privileges",
        "sessions belong to the business: to book one, create a new event at its start");
  }
  checkWritePreconditions(request, std::nullopt);
  switch (target.container) {
    case ResourceKind::ServiceCalendar:
      return book(ctx, request, target);
    case ResourceKind::ResourceCalendar:
      return addTimeOff(ctx, request, target);
    default:
      throw DavError::forbidden(xml::kDav, "need-privileges",
                                "to book, create the event in the service's calendar (service-<service>/)");
  }
}

Response deleteFromComputedCalendar(DavContext& ctx, const Request& request, const Resource& target) {
  requireWrite(request, target);
  if (target.isCollection()) {
    throw DavError::forbidden(xml::kDav, "need-privileges",
                              target.path + " is made by bookdav and cannot be deleted");
  }
  refuseOthersBooking(ctx, request, target);
  if (!target.exists()) throw DavError::notFound(target.path + " does not exist");
  refuseWindowChange(ctx, target);
  if (auto id = bookingOfMember(target)) {
    ctx.booking.desk.cancel(*id, actorOf(ctx, request),
                            eventPreconditions<domain::Booking>(ctx, request, target));
    return Response::empty(204);
  }
  auto session = ctx.booking.timetable.session(*sessionOfMember(target));
  if (session && session->kind == domain::SessionKind::TimeOff &&
      target.container == ResourceKind::ResourceCalendar) {
    domain::require(domain::Permissions(actorOf(ctx, request)).changeTimeOff(session->resourceIds),
                    "cancel time off on resources other than your own");
    ctx.booking.timetable.cancelSession(session->id,
                                        eventPreconditions<domain::Session>(ctx, request, target));
    return Response::empty(204);
  }
  throw DavError::forbidden(xml::kDav, "need-privileges",
                            "sessions belong to the business and cannot be deleted here");
}

}  // namespace bookdav::caldav
