#include "domain/booking/BookingDesk.h"

#include <algorithm>

#include "domain/booking/Admission.h"
#include "domain/booking/ChangeScopes.h"
#include "domain/booking/LocalText.h"
#include "domain/booking/Permissions.h"
#include "domain/booking/Places.h"
#include "domain/booking/Required.h"
#include "domain/booking/Sentences.h"
#include "domain/booking/SessionSync.h"

namespace bookdav::domain {
namespace {

constexpr Seconds kLongestSlotQuery = std::chrono::days{400};

// The booking's service; a stand-in named after its id when the service was removed since.
Service serviceOf(BookingData& data, const Booking& booking) {
  if (std::optional<Service> s = data.service(booking.serviceId)) return *s;
  Service gone;
  gone.id = gone.name = booking.serviceId;
  gone.timeZone = "UTC";
  std::vector<Session> sessions = sessionsOf(data, booking);
  if (!sessions.empty() && sessions.front().kind == SessionKind::Class) gone.kind = ServiceKind::Class;
  if (!sessions.empty() && sessions.front().kind == SessionKind::Course) gone.kind = ServiceKind::Course;
  return gone;
}

// The cause of a change an actor asked for, as its booking event tells it.
Cause causedBy(const Actor& actor) {
  return {actor.business() ? Party::Business : Party::Customer, reasons::kRequested};
}

// A booking with its service, checked for the operation at hand.
struct Target {
  Booking booking;
  Service service;
};

// An active booking the actor may change: their own, or anyone's for the business; the caller's
// condition is checked once the actor may see the booking.
Target activeBooking(BookingData& data, BookingId id, const Actor& actor, const ZoneRules& zones,
                     const WriteCondition<Booking>& condition) {
  Target t{requireBooking(data, id), {}};
  t.service = serviceOf(data, t.booking);
  if (!Permissions(actor).changeBooking(t.booking))
    refuse(Refusal::NotYourBooking, t.service, zones, t.booking.time.start);
  if (condition) condition(data, t.booking);
  if (!isActive(t.booking.status)) refuse(Refusal::AlreadyCanceled, t.service, zones, t.booking.time.start);
  return t;
}

// A PENDING booking the business, or a staff member it occupies, decides on.
Target pendingBooking(BookingData& data, BookingId id, const Actor& actor, const ZoneRules& zones) {
  Target t{requireBooking(data, id), {}};
  t.service = serviceOf(data, t.booking);
  if (!Permissions(actor).decide(t.booking))
    refuse(Refusal::NotAllowed, t.service, zones, t.booking.time.start);
  if (t.booking.status != BookingStatus::Pending)
    refuse(Refusal::NotPending, t.service, zones, t.booking.time.start);
  return t;
}

// The class session a request names, by id or by start time (materialising the schedule that far).
Session classSession(BookingData& data, const Service& service, std::optional<SessionId> id,
                     std::optional<Instant> start, LocalDays& days, Instant now, const ZoneRules& zones) {
  if (id) {
    std::optional<Session> s = data.session(*id);
    if (!s || s->serviceId != service.id)
      throw Refused(Refusal::NotFound, "there is no session " + std::to_string(*id) + " of " + service.name);
    return *s;
  }
  if (!start) invalidRequest("say which session of " + service.name + " to book: its id or its start time");
  ensureSessions(data, service, *start + Seconds{1}, days, now);
  std::vector<Session> at = data.sessionsStartingAt(service.id, *start);
  if (at.empty()) refuse(Refusal::NotASessionTime, service, zones, *start);
  return at.front();
}

// Every active session of a course, after checking that the request names one of its sessions.
std::vector<Session> courseSessions(BookingData& data, const Service& service, std::optional<SessionId> id,
                                    std::optional<Instant> start, const ZoneRules& zones) {
  std::vector<Session> all = data.sessionsOfService(service.id, kAllTime);
  if (id) {
    if (std::none_of(all.begin(), all.end(), [&](const Session& s) { return s.id == *id; }))
      throw Refused(Refusal::NotFound, "there is no session " + std::to_string(*id) + " of " + service.name);
  } else if (start) {
    if (std::none_of(all.begin(), all.end(),
                     [&](const Session& s) { return s.active() && s.time.start == *start; }))
      refuse(Refusal::NotASessionTime, service, zones, *start);
  } else {
    invalidRequest("say which course to book: the id or start time of one of its sessions");
  }
  std::erase_if(all, [](const Session& s) { return !s.active(); });
  if (all.empty())
    throw Refused(Refusal::SessionCanceled, "every session of " + service.name + " was canceled");
  return all;
}

// Admits an appointment at `start` or throws; the slot names the resources to occupy.
Slot admitAppointment(BookingData& data, const SlotFinder& finder, const Service& service, Instant start,
                      const std::optional<std::string>& resourceId, Instant now, bool customerRules,
                      std::optional<SessionId> ignoring, const ZoneRules& zones) {
  std::vector<std::string> only;
  if (resourceId) only.push_back(*resourceId);
  SlotContext ctx = loadSlotContext(data, service, Interval{start, start + Seconds{1}}, only);
  ctx.ignoring = ignoring;
  SlotFinder::AppointmentCheck check = finder.appointmentAt(ctx, start, resourceId, now, customerRules);
  if (check.slot) return *check.slot;
  if (check.refusal == Refusal::InvalidRequest)
    invalidRequest("resource " + resourceId.value_or("") + " does not provide " + service.name);
  refuse(check.refusal, service, zones, start, check.lostRace);
}

// An appointment's session belongs to its one booking: its capacity is that booking's participants.
Session newAppointmentSession(const Service& service, const Slot& slot, int participants, Instant now) {
  Session s;
  s.serviceId = service.id;
  s.kind = SessionKind::Appointment;
  s.time = slot.time;
  s.resourceIds = slot.resourceIds;
  s.capacity = participants;
  s.bufferBefore = service.policy.bufferBefore;
  s.bufferAfter = service.policy.bufferAfter;
  s.created = s.updated = now;
  return s;
}

// One active booking per customer per class session (a course: per course), so that nobody takes
// more places than a booking may hold by booking again. Walk-ins (no customer account) are not
// counted. `except` is the booking being moved.
void refuseSecondBooking(BookingData& data, const Service& service, const std::string& customer,
                         const std::vector<Session>& sessions, BookingId except, const ZoneRules& zones) {
  if (customer.empty() || sessions.empty()) return;
  const std::vector<BookingStatus> active = {BookingStatus::Confirmed, BookingStatus::Pending,
                                             BookingStatus::Waitlisted};
  std::vector<Booking> held;
  if (service.kind == ServiceKind::Course) {
    BookingFilter mine;  // a customer's bookings of one course are few
    mine.customer = customer;
    mine.serviceId = service.id;
    mine.statuses = active;
    held = data.bookings(mine);
  } else {
    // The session's own bookings (bounded by its places and waitlist), not the customer's history.
    for (const Session& s : sessions)
      for (BookingStatus status : active)
        for (Booking& b : data.bookingsOfSession(s.id, status))
          if (b.customer == customer) held.push_back(std::move(b));
  }
  for (const Booking& b : held) {
    if (b.id == except) continue;
    const Session* shared = nullptr;
    for (const Session& s : sessions)
      if (!shared && std::find(b.sessionIds.begin(), b.sessionIds.end(), s.id) != b.sessionIds.end())
        shared = &s;
    if (!shared && service.kind != ServiceKind::Course) continue;
    const Instant when = shared ? shared->time.start : sessions.front().time.start;
    throw Refused(Refusal::AlreadyBooked, customer + " already has booking " + std::to_string(b.id) + " of " +
                                              service.name + " at " +
                                              describeTime(zones, service.timeZone, when) + " (" +
                                              std::string(toString(b.status)) + ")");
  }
}

void refuseOnAdmission(const SessionAdmission& a, const Service& service,
                       const std::vector<Session>& sessions, const ZoneRules& zones) {
  if (!a.refusal) return;
  refuse(*a.refusal, service, zones,
         a.session < sessions.size() ? sessions[a.session].time.start : Instant{});
}

}  // namespace

std::vector<Slot> BookingDesk::slots(const SlotQuery& query) {
  const Instant at = query.now.value_or(now());
  if (query.range.empty()) return {};
  if (query.range.length() > kLongestSlotQuery)
    invalidRequest("ask for slots over at most 400 days at a time");
  bool extend = store_.reading([&](BookingData& data) {
    std::optional<Service> service = data.service(query.serviceId);
    if (!service) throw Refused(Refusal::NotFound, "there is no service " + query.serviceId);
    std::optional<StoredSchedule> stored =
        service->kind == ServiceKind::Class ? data.schedule(service->id) : std::nullopt;
    return stored && needsSessions(*stored, query.range.end, at);
  });
  if (extend) {
    store_.write([&](BookingData& data) {
      LocalDays days(zones_);
      ensureSessions(data, requireService(data, query.serviceId), query.range.end, days, at);
    });
  }
  SlotContext ctx = store_.reading([&](BookingData& data) {
    return loadSlotContext(data, requireService(data, query.serviceId), query.range, query.resourceIds);
  });
  return finder_.find(ctx, query, at);
}

Booking BookingDesk::book(const BookingRequest& request, const Actor& actor) {
  return store_.writing([&](BookingData& data) { return book(data, request, actor); });
}

Booking BookingDesk::book(BookingData& data, const BookingRequest& request, const Actor& actor) {
  const Instant at = now();
  const Permissions may(actor);
  const std::string customer = may.bypassPolicy() ? request.customer : actor.user;
  if (!request.customer.empty()) require(may.bookFor(request.customer), "book for someone else");
  if (!may.bypassPolicy() && customer.empty() && !actor.isGuest)
    invalidRequest("a customer books for themself: sign in first");
  if (actor.isGuest && (request.contact.name.empty() || request.contact.email.empty()))
    invalidRequest("a booking without an account needs the contact's name and e-mail address");
  if (request.participants < 1) invalidRequest("a booking takes at least one place");
  {
    const Service service = requireService(data, request.serviceId);
    const bool customerRules = !may.bypassPolicy();
    if (!request.clientHref.empty()) {
      std::optional<Booking> same = data.bookingByClientHref(customer, request.serviceId, request.clientHref);
      if (same && isActive(same->status))
        throw Refused(
            Refusal::AlreadyBooked,
            "this booking of " + service.name + " exists already (booking " + std::to_string(same->id) + ")");
    }
    if (customerRules && request.participants > service.policy.maxParticipantsPerBooking)
      refuse(Refusal::TooManyParticipants, service, zones_, request.start.value_or(at));

    Booking b;
    b.serviceId = service.id;
    b.customer = customer;
    b.contact = request.contact;
    b.participants = request.participants;
    b.participantNames = request.participantNames;
    b.price = Price{service.price.amountMinor * request.participants, service.price.currency};
    b.policy = snapshotOf(service.policy);
    b.created = b.updated = at;
    b.clientUid = request.clientUid;
    b.clientHref = request.clientHref;
    b.note = request.note;
    const BookingStatus placed =
        service.policy.manualApproval ? BookingStatus::Pending : BookingStatus::Confirmed;

    std::vector<Session> sessions;
    if (service.kind == ServiceKind::Appointment) {
      if (!request.start) invalidRequest("say when to book " + service.name);
      Slot slot = admitAppointment(data, finder_, service, *request.start, request.resourceId, at,
                                   customerRules, std::nullopt, zones_);
      Session s = newAppointmentSession(service, slot, request.participants, at);
      s.id = data.insertSession(s);
      b.sessionIds = {s.id};
      b.status = placed;
      sessions.push_back(s);
    } else {
      LocalDays days(zones_);
      if (service.kind == ServiceKind::Class)
        sessions = {classSession(data, service, request.sessionId, request.start, days, at, zones_)};
      else
        sessions = courseSessions(data, service, request.sessionId, request.start, zones_);
      refuseSecondBooking(data, service, customer, sessions, 0, zones_);
      SessionAdmission admission =
          admitToSessions(service, sessions, request.participants, at, customerRules);
      refuseOnAdmission(admission, service, sessions, zones_);
      for (const Session& s : sessions) b.sessionIds.push_back(s.id);
      b.status = admission.waitlist ? BookingStatus::Waitlisted : placed;
      if (admission.waitlist) b.queue = data.nextQueueNumber();
    }
    b.id = data.insertBooking(b);
    if (!request.manageToken.empty()) data.putManageToken(b.id, request.manageToken);
    for (const Session& s : sessions) recordSessionChange(data, s);
    Booking stored = requireBooking(data, b.id);
    recordBookingChange(data, stored);
    recordBookingEvent(data, stored, BookingEventKind::Placed, causedBy(actor), at);
    return stored;
  }
}

Booking BookingDesk::cancel(BookingId id, const Actor& actor, const WriteCondition<Booking>& condition) {
  return store_.writing([&](BookingData& data) { return cancel(data, id, actor, condition); });
}

Booking BookingDesk::cancel(BookingData& data, BookingId id, const Actor& actor,
                            const WriteCondition<Booking>& condition) {
  const Instant at = now();
  {
    auto [b, service] = activeBooking(data, id, actor, zones_, condition);
    const Instant from = deadlineStart(b, at);
    if (!Permissions(actor).bypassPolicy() && holdsPlaces(b.status) && !cancellationOpen(b.policy, from, at))
      throw Refused(Refusal::CancellationClosed,
                    refusalSentence(Refusal::CancellationClosed, service, zones_, from) +
                        ": cancellations close " + describeDuration(b.policy.cancellationDeadline) +
                        " before the start");
    release(data, service, b, BookingStatus::Canceled, at, causedBy(actor));
    return requireBooking(data, id);
  }
}

Booking BookingDesk::reschedule(BookingId id, const RescheduleRequest& request, const Actor& actor,
                                const WriteCondition<Booking>& condition) {
  return store_.writing([&](BookingData& data) { return reschedule(data, id, request, actor, condition); });
}

Booking BookingDesk::reschedule(BookingData& data, BookingId id, const RescheduleRequest& request,
                                const Actor& actor, const WriteCondition<Booking>& condition) {
  const Instant at = now();
  {
    auto [b, service] = activeBooking(data, id, actor, zones_, condition);
    if (service.kind == ServiceKind::Course)
      invalidRequest(service.name + " is a course: it is booked as a whole and does not move");
    const Instant from = deadlineStart(b, at);
    const bool customerRules = !Permissions(actor).bypassPolicy();
    if (customerRules && !rescheduleOpen(b.policy, from, at))
      throw Refused(Refusal::RescheduleClosed,
                    refusalSentence(Refusal::RescheduleClosed, service, zones_, from) + ": changes close " +
                        describeDuration(b.policy.rescheduleDeadline) + " before the start");
    const std::vector<Session> before = sessionsOf(data, b);
    const std::vector<std::string> previousResources = b.resourceIds;
    const Interval previousTime = b.time;
    std::vector<Session> after;

    if (service.kind == ServiceKind::Appointment) {
      if (!request.start) invalidRequest("say when to move the booking of " + service.name + " to");
      std::optional<SessionId> own =
          before.empty() ? std::nullopt : std::optional<SessionId>(before.front().id);
      // Unless told otherwise, keep the same staff member (the first group's resource) when free.
      std::optional<std::string> keep = request.resourceId;
      if (!keep && !service.resources.empty()) {
        const std::vector<std::string>& first = service.resources.front().anyOf;
        for (const std::string& r : previousResources)
          if (!keep && std::find(first.begin(), first.end(), r) != first.end()) keep = r;
      }
      std::optional<Slot> kept;
      try {
        kept = admitAppointment(data, finder_, service, *request.start, keep, at, customerRules, own, zones_);
      } catch (const Refused& r) {
        if (request.resourceId || !keep || r.reason() != Refusal::SlotUnavailable) throw;
      }
      Slot slot = kept ? *kept
                       : admitAppointment(data, finder_, service, *request.start, std::nullopt, at,
                                          customerRules, own, zones_);
      for (Session old : before) {
        old.status = SessionStatus::Canceled;
        old.updated = at;
        data.updateSession(old);
        recordSessionChange(data, old);
      }
      Session s = newAppointmentSession(service, slot, b.participants, at);
      s.id = data.insertSession(s);
      after.push_back(s);
    } else {
      LocalDays days(zones_);
      Session target = classSession(data, service, request.sessionId, request.start, days, at, zones_);
      if (!before.empty() && target.id == before.front().id) return b;  // already there
      after = {target};
      refuseSecondBooking(data, service, b.customer, after, b.id, zones_);
      SessionAdmission admission = admitToSessions(service, after, b.participants, at, customerRules);
      refuseOnAdmission(admission, service, after, zones_);
      if (b.status == BookingStatus::Waitlisted) {
        if (!admission.waitlist)
          b.status = service.policy.manualApproval ? BookingStatus::Pending : BookingStatus::Confirmed;
        if (admission.waitlist) b.queue = data.nextQueueNumber();
      } else if (admission.waitlist) {
        refuse(Refusal::SessionFull, service, zones_, target.time.start);
      }
    }
    b.sessionIds.clear();
    for (const Session& s : after) b.sessionIds.push_back(s.id);
    b.updated = at;
    data.updateBooking(b);
    recordBookingEvent(data, requireBooking(data, id), BookingEventKind::Rescheduled, causedBy(actor), at,
                       previousTime);
    for (const Session& s : after) recordSessionChange(data, s);
    if (service.kind != ServiceKind::Appointment) {
      for (const Session& s : before) {
        recordSessionChange(data, s);
        promoteWaitlist(data, service, s.id, at);
      }
    }
    Booking stored = requireBooking(data, id);
    recordBookingChange(data, stored, previousResources);
    return stored;
  }
}

Booking BookingDesk::approve(BookingId id, const Actor& actor) {
  const Instant at = now();
  return store_.writing([&](BookingData& data) {
    auto [b, service] = pendingBooking(data, id, actor, zones_);
    for (const Session& s : sessionsOf(data, b)) {
      if (!s.active() && service.kind != ServiceKind::Course)
        refuse(Refusal::SessionCanceled, service, zones_, s.time.start);
      if (s.active() && s.taken > s.capacity) refuse(Refusal::SessionFull, service, zones_, s.time.start);
    }
    b.status = BookingStatus::Confirmed;
    b.updated = at;
    data.updateBooking(b);
    Booking stored = requireBooking(data, id);
    recordBookingChange(data, stored);
    recordBookingEvent(data, stored, BookingEventKind::Approved, causedBy(actor), at);
    return stored;
  });
}

Booking BookingDesk::decline(BookingId id, const Actor& actor) {
  const Instant at = now();
  return store_.writing([&](BookingData& data) {
    auto [b, service] = pendingBooking(data, id, actor, zones_);
    release(data, service, b, BookingStatus::Declined, at, causedBy(actor));
    return requireBooking(data, id);
  });
}

std::optional<Booking> BookingDesk::booking(BookingId id) {
  return store_.reading([&](BookingData& data) { return data.booking(id); });
}

std::vector<Booking> BookingDesk::bookings(const BookingFilter& filter) {
  return store_.reading([&](BookingData& data) { return data.bookings(filter); });
}

std::optional<Booking> BookingDesk::findByClientHref(std::string_view customer, std::string_view serviceId,
                                                     std::string_view href) {
  return store_.reading(
      [&](BookingData& data) { return data.bookingByClientHref(customer, serviceId, href); });
}

std::optional<Booking> BookingDesk::findByClientUid(std::string_view customer, std::string_view uid) {
  return store_.reading([&](BookingData& data) { return data.bookingByClientUid(customer, uid); });
}

std::optional<Booking> BookingDesk::findByManageToken(std::string_view token) {
  if (token.empty()) return std::nullopt;
  return store_.reading([&](BookingData& data) -> std::optional<Booking> {
    std::optional<BookingId> id = data.bookingByManageToken(token);
    return id ? data.booking(*id) : std::nullopt;
  });
}

bool BookingDesk::publicBooking() {
  return store_.reading([](BookingData& data) { return data.publicBooking(); });
}

void BookingDesk::setPublicBooking(bool on) {
  store_.write([&](BookingData& data) {
    if (data.publicBooking() != on) data.setPublicBooking(on);
  });
}

int BookingDesk::waitlistPosition(BookingId id) {
  return store_.reading([&](BookingData& data) {
    std::optional<Booking> b = data.booking(id);
    return b ? domain::waitlistPosition(data, *b) : 0;
  });
}

}  // namespace bookdav::domain
