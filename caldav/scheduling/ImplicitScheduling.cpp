#include "caldav/scheduling/ImplicitScheduling.h"

#include "caldav/dav/UrlSpace.h"
#include "caldav/scheduling/Invitation.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "caldav/webdav/Href.h"
#include "domain/booking/Sentences.h"

namespace bookdav::caldav {
namespace {

constexpr std::string_view kCalendarType = "text/calendar; charset=utf-8";

// The booking an event of a stored calendar made: the user's, with the event's UID, and the href
// implicit scheduling gives it (so that a copy of a booking's event elsewhere is not mistaken for it).
std::string bookingHref(std::int64_t collectionId, std::string_view name) {
  return "invite-" + std::to_string(collectionId) + "-" + std::string(name);
}

std::optional<domain::Booking> activeBookingOf(domain::BookingData& data, const std::string& user,
                                               const std::string& uid, const std::string& href) {
  if (uid.empty()) return std::nullopt;
  auto b = data.bookingByClientUid(user, uid);
  if (!b || !domain::isActive(b->status) || b->clientHref != href) return std::nullopt;
  return b;
}

bool ownStoredCalendar(const Request& request, const Resource& r) {
  return r.collection && r.collection->kind == domain::CollectionKind::Calendar && !r.isComputed() &&
         r.collection->owner == request.user && !request.user.empty();
}

// What the invitation asks of the desk when it holds no active booking: a new booking, or the
// refusal of one it cannot be (a whole day, a repeating event, the wrong length).
domain::Booking bookInvitation(DavContext& ctx, domain::BookingData& data, const Request& request,
                               const Invitation& inv, const domain::Actor& actor,
                               const std::string& objectName) {
  auto service = ctx.booking.catalog.service(inv.serviceId);
  if (!service) throw domain::Refused(domain::Refusal::NotFound, "there is no service " + inv.serviceId);
  if (inv.allDay)
    throw domain::Refused(domain::Refusal::InvalidRequest,
                          service->name + " is booked at a time of day, not for a whole day");
  if (inv.recurring)
    throw domain::Refused(domain::Refusal::InvalidRequest,
                          "book one time: a booking event cannot repeat (courses are booked as a whole at "
                          "any of their sessions)");
  if (service->kind == domain::ServiceKind::Appointment && inv.end &&
      *inv.end != inv.start + service->duration)
    throw domain::Refused(domain::Refusal::SlotUnavailable, service->name + " takes " +
                                                                domain::describeDuration(service->duration) +
                                                                ": end the event that much after its start");
  auto account = ctx.accounts.find(request.user);
  domain::BookingRequest br;
  br.serviceId = service->id;
  br.start = inv.start;
  br.resourceId = inv.resourceId;
  br.contact.name = account && !account->displayName.empty() ? account->displayName : request.user;
  br.contact.email = account ? account->email : "";
  br.participants = inv.participants;
  br.participantNames = inv.participantNames;
  br.clientUid = inv.uid;
  br.clientHref = objectName;
  br.note = inv.note;
  return ctx.booking.desk.book(data, br, actor);
}

bool sameTime(const domain::Booking& b, const domain::Service& s, domain::Instant start) {
  if (s.kind == domain::ServiceKind::Course) {
    for (const auto& t : b.sessionTimes)
      if (t.start == start) return true;
  }
  return b.time.start == start;
}

// Decides, inside the transaction, what the service answers for this version of the event.
std::optional<ServiceAnswer> decide(DavContext& ctx, domain::BookingData& data, const Request& request,
                                    const Invitation& inv, bool created, const std::string& objectName) {
  const domain::Actor actor = ctx.booking.catalog.actor(request.user, request.role);
  std::optional<domain::Booking> active = activeBookingOf(data, request.user, inv.uid, objectName);
  if (active && (!inv.invitesService() || active->serviceId != inv.serviceId)) {
    // The attendee was removed (or replaced): cancel; a refusal answers the PUT with 403.
    ctx.booking.desk.cancel(data, active->id, actor);
    active.reset();
  }
  if (inv.invitesUnbookableResource()) return resourceAloneAnswer(*inv.resourceAloneProblem);
  if (!inv.invitesService()) return std::nullopt;
  if (!active) {
    if (!created && !inv.asksForAnswer()) return std::nullopt;  // the answer it has stands
    try {
      return answerFor(bookInvitation(ctx, data, request, inv, actor, objectName));
    } catch (const domain::Refused& refused) {
      return refusalAnswer(refused);
    }
  }
  auto service = ctx.booking.catalog.service(active->serviceId);
  if (!service || sameTime(*active, *service, inv.start)) return answerFor(*active);
  try {
    domain::RescheduleRequest move;
    move.start = inv.start;
    move.resourceId = inv.resourceId;  // the staff or room the organizer named stays theirs
    return answerFor(ctx.booking.desk.reschedule(data, active->id, move, actor));
  } catch (const domain::Refused& refused) {
    ServiceAnswer a = answerFor(*active);  // the booking stands; the status says why it did not move
    a.scheduleStatus = scheduleStatusOf(refused.reason());
    a.reason = std::string(refused.name()) + ": " + refused.what();
    return a;
  }
}

}  // namespace

void checkScheduleTag(const Request& request, const std::optional<std::string>& current) {
  auto wanted = request.header("If-Schedule-Tag-Match");
  if (!wanted) return;
  if (!current || *wanted != "\"" + *current + "\"")
    throw DavError(
        412, std::nullopt,
        "the event changed since you read it (If-Schedule-Tag-Match does not match): read it again");
}

std::optional<Response> putSchedulingObject(DavContext& ctx, const Request& request, const Resource& probe,
                                            const PreparedObject& prepared) {
  if (!ownStoredCalendar(request, probe)) return std::nullopt;
  // Cheap first: a new event without an ORGANIZER invites nobody and can have no booking.
  const bool organized = prepared.text.find("\nORGANIZER") != std::string::npos;
  if (!organized && !probe.object) return std::nullopt;
  Invitation inv = organized ? readInvitation(ctx, request.user, prepared.text) : Invitation{};
  if (!inv.invitesService() && !inv.invitesUnbookableResource() &&
      !ctx.booking.desk.findByClientUid(request.user, prepared.uid))
    return std::nullopt;
  const std::string tag = contentETag(request.body).substr(1, 16);  // the organizer's version
  const std::string name = lastSegment(request.path);
  bool created = false;
  bool changed = false;
  bool answered = false;
  ctx.transactions.write([&](domain::UnitOfWork& unit) {
    domain::CalendarWriter& store = unit.calendars();
    Resource target = resolve(ctx, request, store, request.path);
    requireWrite(request, target);
    if (target.isCollection())
      throw DavError::methodNotAllowed("PUT cannot replace the collection " + target.path);
    if (!target.collection || target.collection->id != probe.collection->id ||
        target.collection->components != probe.collection->components)
      throw DavError::conflict("the calendar of " + request.path + " changed meanwhile; try again");
    std::optional<std::string> current;
    std::optional<std::string> currentTag;
    if (target.object) {
      current = target.object->etag;
      if (request.header("If-Schedule-Tag-Match")) {
        auto stored = store.object(target.collection->id, target.object->name, true);
        if (stored && stored->data) currentTag = scheduleTagOf(*stored->data);
      }
    }
    checkWritePreconditions(request, current);
    checkScheduleTag(request, currentTag);
    requireUniqueUid(store, prepared.uid, *target.collection, name);
    created = !target.object;
    std::optional<ServiceAnswer> answer =
        decide(ctx, unit.booking(), request, inv, created, bookingHref(target.collection->id, name));

    domain::ObjectRecord record;
    record.collectionId = target.collection->id;
    record.name = name;
    record.contentType = kCalendarType;
    record.uid = prepared.uid;
    record.componentType = prepared.componentType;
    record.data = answer ? answeredText(ctx, inv, *answer, tag) : prepared.text;
    answered = answer.has_value();
    changed = *record.data != request.body;
    record.etag = contentETag(*record.data);
    store.putObject(std::move(record), prepared.index);
  });
  Response r = Response::empty(created ? 201 : 204);
  if (answered) r.set("Schedule-Tag", "\"" + tag + "\"");
  if (!changed) r.set("ETag", contentETag(request.body));
  return r;
}

std::optional<Response> deleteSchedulingObject(DavContext& ctx, const Request& request,
                                               const Resource& probe) {
  if (probe.kind != ResourceKind::Object || !ownStoredCalendar(request, probe) || !probe.object ||
      probe.object->uid.empty())
    return std::nullopt;
  if (!ctx.booking.desk.findByClientUid(request.user, probe.object->uid)) return std::nullopt;
  ctx.transactions.write([&](domain::UnitOfWork& unit) {
    Resource target = resolve(ctx, request, unit.calendars(), request.path);
    if (!target.exists()) throw DavError::notFound(request.path + " does not exist");
    requireWrite(request, target);
    if (target.kind != ResourceKind::Object) throw DavError::conflict(request.path + " changed meanwhile");
    checkWritePreconditions(request, target.object->etag);
    if (auto active = activeBookingOf(unit.booking(), request.user, target.object->uid,
                                      bookingHref(target.collection->id, target.object->name)))
      ctx.booking.desk.cancel(unit.booking(), active->id,
                              ctx.booking.catalog.actor(request.user, request.role));
    unit.calendars().deleteObject(target.collection->id, target.object->name);
  });
  return Response::empty(204);
}

}  // namespace bookdav::caldav
