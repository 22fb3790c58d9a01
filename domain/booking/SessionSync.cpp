#include "domain/booking/SessionSync.h"

#include <algorithm>
#include <map>

#include "domain/booking/ChangeScopes.h"
#include "domain/booking/ClosedTimes.h"
#include "domain/booking/Conflicts.h"
#include "domain/booking/LocalText.h"
#include "domain/booking/Places.h"
#include "domain/booking/Required.h"

namespace bookdav::domain {
namespace {

SessionKind sessionKindOf(const Service& s) {
  return s.kind == ServiceKind::Course ? SessionKind::Course : SessionKind::Class;
}

}  // namespace

namespace {

// The active bookings holding or waiting for places in a session.
std::vector<Booking> activeBookingsOf(BookingData& data, SessionId session) {
  std::vector<Booking> out;
  for (BookingStatus status : {BookingStatus::Confirmed, BookingStatus::Pending, BookingStatus::Waitlisted})
    for (Booking& b : data.bookingsOfSession(session, status)) out.push_back(std::move(b));
  return out;
}

// Cancels an active session (kept as a row) and its class bookings (`reason`: why, for their events);
// a course's bookings stay, each told that it lost a meeting.
void cancelWithClassBookings(BookingData& data, const Service* service, Session session, Instant now,
                             SessionSync& sync, std::string_view reason) {
  ++sync.removed;
  session.status = SessionStatus::Canceled;
  session.updated = now;
  data.updateSession(session);
  recordSessionChange(data, session);
  if (!service) return;
  for (Booking& b : activeBookingsOf(data, session.id)) {
    if (service->kind == ServiceKind::Class) {
      sync.canceledBookings.push_back(b.id);
      release(data, *service, std::move(b), BookingStatus::Canceled, now, {Party::Business, reason});
    } else if (service->kind == ServiceKind::Course) {
      if (auto fresh = data.booking(b.id))
        recordBookingEvent(data, *fresh, BookingEventKind::SessionChanged,
                           {Party::Business, reasons::kMeetingCanceled}, now, session.time);
    }
  }
}

}  // namespace

void retireSession(BookingData& data, const Service* service, Session session, Instant now,
                   SessionSync& sync) {
  if (!data.sessionHasBookings(session.id)) {
    ++sync.removed;
    data.deleteSession(session.id);
    recordSessionChange(data, session, true);
    return;
  }
  if (!session.active()) return;
  cancelWithClassBookings(data, service, std::move(session), now, sync, reasons::kSessionCanceled);
}

void closeSession(BookingData& data, const Service& service, Session session, Instant now,
                  SessionSync& sync) {
  if (!session.active()) return;
  cancelWithClassBookings(data, &service, std::move(session), now, sync, reasons::kResourceClosed);
}

void withdrawSession(BookingData& data, Session session, Instant now, SessionSync& sync) {
  std::optional<Service> service = session.serviceId.empty() ? std::nullopt : data.service(session.serviceId);
  std::optional<StoredSchedule> stored = service ? data.schedule(service->id) : std::nullopt;
  if (session.origin && stored) {
    // Excluding the occurrence keeps it canceled when the schedule is applied again.
    if (std::optional<LocalDateTime> origin = parseLocal(*session.origin)) {
      Schedule schedule = stored->schedule;
      schedule.excluded.push_back(*origin);
      data.putSchedule(schedule, stored->materialisedUntil);
    }
  }
  retireSession(data, service ? &*service : nullptr, std::move(session), now, sync);
}

namespace {

// True when the session's time or resources changed.
bool updateSession(BookingData& data, const Service& service, Session session, const Occurrence& occ,
                   Instant now, LocalDays& days, SessionSync& sync) {
  if (session.time == occ.time && session.capacity == occ.capacity && session.resourceIds == occ.resourceIds)
    return false;
  const bool moved = session.time != occ.time || session.resourceIds != occ.resourceIds;
  if (occ.capacity < session.taken)
    throw Refused(Refusal::InvalidRequest,
                  "the session at " + describeTime(days.rules(), service.timeZone, session.time.start) +
                      " of " + service.name + " holds " + std::to_string(session.taken) +
                      " places; its capacity cannot drop to " + std::to_string(occ.capacity));
  const std::vector<std::string> previousResources = session.resourceIds;
  const Interval previousTime = session.time;
  const bool morePlaces = occ.capacity > session.capacity;
  session.time = occ.time;
  session.capacity = occ.capacity;
  session.resourceIds = occ.resourceIds;
  session.updated = now;
  data.updateSession(session);
  recordSessionChange(data, session);
  for (const std::string& r : previousResources)
    if (std::find(session.resourceIds.begin(), session.resourceIds.end(), r) == session.resourceIds.end())
      data.recordChange(resourceScope(r), sessionItem(session.id), true);
  for (const Booking& b : activeBookingsOf(data, session.id)) {
    if (auto fresh = data.booking(b.id)) {
      recordBookingChange(data, *fresh, previousResources);
      recordBookingEvent(data, *fresh, BookingEventKind::SessionChanged,
                         {Party::Business, reasons::kScheduleChanged}, now, previousTime);
    }
  }
  if (morePlaces) promoteWaitlist(data, service, session.id, now);
  ++sync.updated;
  return moved;
}

// Active bookings of other services that `session` (new or moved, and taking place) overlaps.
void collectOverlaps(BookingData& data, const Service& service, const Session& session, Instant now,
                     std::vector<BookingConflict>& out) {
  if (!session.active()) return;
  for (BookingConflict& c : bookingsOverlapping(data, session.resourceIds, session.time, now, session.id))
    if (c.serviceId != service.id && std::none_of(out.begin(), out.end(), [&](const BookingConflict& o) {
          return o.bookingId == c.bookingId;
        }))
      out.push_back(std::move(c));
}

// A course booking holds a place in every session of the course, so a meeting added to a booked
// course takes in every active booking of it.
void joinCourseBookings(BookingData& data, const Service& service, const Session& session, LocalDays& days,
                        Instant now) {
  BookingFilter filter;
  filter.serviceId = service.id;
  filter.statuses = {BookingStatus::Confirmed, BookingStatus::Pending, BookingStatus::Waitlisted};
  int held = 0;
  for (Booking& b : data.bookings(filter)) {
    if (holdsPlaces(b.status)) held += b.participants;
    b.sessionIds.push_back(session.id);
    b.updated = now;
    data.updateBooking(b);
    if (auto fresh = data.booking(b.id)) {
      recordBookingChange(data, *fresh);
      recordBookingEvent(data, *fresh, BookingEventKind::SessionChanged,
                         {Party::Business, reasons::kMeetingAdded}, now);
    }
  }
  if (held > session.capacity)
    throw Refused(Refusal::InvalidRequest,
                  "the new session of " + service.name + " at " +
                      describeTime(days.rules(), service.timeZone, session.time.start) + " has " +
                      std::to_string(session.capacity) + " places, but " + std::to_string(held) +
                      " are booked on the course");
}

}  // namespace

SessionSync syncSessions(BookingData& data, const Service& service, const Schedule& schedule, Interval window,
                         LocalDays& days, Instant now, Overlaps overlaps) {
  SessionSync sync;
  std::vector<BookingConflict> inTheWay;
  const std::string& zone = schedule.timeZone.empty() ? service.timeZone : schedule.timeZone;
  std::map<std::string, Occurrence> wanted;
  for (Occurrence& occ : occurrences(schedule, service, days, window))
    wanted.emplace(originKey(occ.origin), std::move(occ));
  ClosedTimes closed(data, days);

  for (Session& s : data.sessionsOfService(service.id, kAllTime)) {
    if (!s.origin) continue;
    std::optional<LocalDateTime> origin = parseLocal(*s.origin);
    if (!origin || !window.contains(days.at(zone, origin->date, origin->timeOfDay))) continue;
    auto it = wanted.find(*s.origin);
    if (s.time.start <= now) {  // started sessions stay as they were
      if (it != wanted.end()) wanted.erase(it);
      continue;
    }
    if (it == wanted.end()) {
      retireSession(data, &service, std::move(s), now, sync);
      continue;
    }
    const Occurrence& occ = it->second;
    const bool isClosed = closed.during(occ.resourceIds, occ.time).has_value();
    if (!s.active() && !isClosed) {  // wanted but canceled: only a closure did that, and it is lifted
      s.status = SessionStatus::Scheduled;
      s.updated = now;
      data.updateSession(s);
      recordSessionChange(data, s);
      ++sync.updated;
    }
    const bool moved = updateSession(data, service, s, occ, now, days, sync);
    if (isClosed && s.active()) closeSession(data, service, requireSession(data, s.id), now, sync);
    if (moved && overlaps != Overlaps::Ignore)
      collectOverlaps(data, service, requireSession(data, s.id), now, inTheWay);
    wanted.erase(it);
  }
  for (auto& [key, occ] : wanted) {
    Session s;
    s.serviceId = service.id;
    s.kind = sessionKindOf(service);
    s.time = occ.time;
    s.resourceIds = occ.resourceIds;
    s.capacity = occ.capacity;
    s.origin = key;
    if (closed.during(occ.resourceIds, occ.time)) s.status = SessionStatus::Canceled;  // not offered
    s.created = s.updated = now;
    s.id = data.insertSession(s);
    if (service.kind == ServiceKind::Course) joinCourseBookings(data, service, s, days, now);
    recordSessionChange(data, s);
    ++sync.created;
    if (overlaps != Overlaps::Ignore) collectOverlaps(data, service, s, now, inTheWay);
  }
  if (!inTheWay.empty()) {
    std::sort(inTheWay.begin(), inTheWay.end(),
              [](const BookingConflict& a, const BookingConflict& b) { return a.time.start < b.time.start; });
    for (BookingId id : settleConflicts(data, inTheWay, overlaps == Overlaps::Force, InTheWay::Occupied,
                                        "the schedule of " + service.name, days.rules(), now))
      sync.canceledBookings.push_back(id);
  }
  return sync;
}

SessionSync applyClosures(BookingData& data, std::span<const std::string> resourceIds, LocalDays& days,
                          Instant now) {
  SessionSync total;
  auto uses = [&](const std::vector<std::string>& ids) {
    return std::any_of(ids.begin(), ids.end(), [&](const std::string& r) {
      return std::find(resourceIds.begin(), resourceIds.end(), r) != resourceIds.end();
    });
  };
  auto add = [&](const SessionSync& s) {
    total.created += s.created;
    total.updated += s.updated;
    total.removed += s.removed;
    total.canceledBookings.insert(total.canceledBookings.end(), s.canceledBookings.begin(),
                                  s.canceledBookings.end());
  };
  for (const Service& service : data.services()) {
    if (service.kind == ServiceKind::Appointment) continue;
    std::optional<StoredSchedule> stored = data.schedule(service.id);
    if (!stored) continue;
    bool affected = uses(stored->schedule.resourceIds);
    for (const SessionOverride& o : stored->schedule.overrides)
      affected = affected || (o.resourceIds && uses(*o.resourceIds));
    if (!affected) continue;
    Interval window =
        service.kind == ServiceKind::Class ? Interval{now, stored->materialisedUntil} : kAllTime;
    if (!window.empty()) add(syncSessions(data, service, stored->schedule, window, days, now));
  }
  // One-off class sessions: canceled when a closure covers them (they have no schedule to return to).
  ClosedTimes closed(data, days);
  for (const std::string& r : resourceIds) {
    for (Session& s : data.sessionsOnResource(r, Interval{now, kAllTime.end})) {
      if (s.origin || s.kind != SessionKind::Class || !s.active() || s.time.start <= now) continue;
      if (!closed.during(s.resourceIds, s.time)) continue;
      if (std::optional<Service> service = data.service(s.serviceId)) {
        SessionSync one;
        closeSession(data, *service, std::move(s), now, one);
        add(one);
      }
    }
  }
  return total;
}

SessionSync applySchedule(BookingData& data, const Service& service, const Schedule& schedule,
                          LocalDays& days, Instant now, Overlaps overlaps) {
  Interval window = kAllTime;
  if (service.kind == ServiceKind::Class) {
    std::optional<StoredSchedule> old = data.schedule(service.id);
    Instant until = std::max(now + kClassWindow, old ? old->materialisedUntil : now);
    window = Interval{now, std::min(until, now + kMaterialiseLimit)};
  }
  data.putSchedule(schedule, window.end);
  return syncSessions(data, service, schedule, window, days, now, overlaps);
}

bool needsSessions(const StoredSchedule& stored, Instant until, Instant now) {
  return until > stored.materialisedUntil && stored.materialisedUntil < now + kMaterialiseLimit;
}

void ensureSessions(BookingData& data, const Service& service, Instant until, LocalDays& days, Instant now) {
  std::optional<StoredSchedule> stored = data.schedule(service.id);
  if (!stored || !needsSessions(*stored, until, now)) return;
  // Extend a month beyond what was asked, so that a client paging forward does not write every time.
  Instant end = std::min(until + std::chrono::days{30}, now + kMaterialiseLimit);
  Interval window{std::max(stored->materialisedUntil, now), end};
  data.putSchedule(stored->schedule, end);
  if (!window.empty()) syncSessions(data, service, stored->schedule, window, days, now);
}

}  // namespace bookdav::domain
