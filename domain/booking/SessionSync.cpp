#include "domain/booking/SessionSync.h"

#include <algorithm>
#include <map>

#include "domain/booking/ChangeScopes.h"
#include "domain/booking/LocalText.h"
#include "domain/booking/Places.h"

namespace bookdav::domain {
namespace {

SessionKind sessionKindOf(const Service& s) {
  return s.kind == ServiceKind::Course ? SessionKind::Course : SessionKind::Class;
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
  ++sync.removed;
  session.status = SessionStatus::Canceled;
  session.updated = now;
  data.updateSession(session);
  recordSessionChange(data, session);
  if (!service || service->kind != ServiceKind::Class) return;
  for (BookingStatus status : {BookingStatus::Confirmed, BookingStatus::Pending, BookingStatus::Waitlisted}) {
    for (Booking& b : data.bookingsOfSession(session.id, status)) {
      sync.canceledBookings.push_back(b.id);
      release(data, *service, std::move(b), BookingStatus::Canceled, now);
    }
  }
}

namespace {

void updateSession(BookingData& data, const Service& service, Session session, const Occurrence& occ,
                   Instant now, LocalDays& days, SessionSync& sync) {
  if (session.time == occ.time && session.capacity == occ.capacity && session.resourceIds == occ.resourceIds)
    return;
  if (occ.capacity < session.taken)
    throw Refused(Refusal::InvalidRequest,
                  "the session at " + describeTime(days.rules(), service.timeZone, session.time.start) +
                      " of " + service.name + " holds " + std::to_string(session.taken) +
                      " places; its capacity cannot drop to " + std::to_string(occ.capacity));
  const std::vector<std::string> previousResources = session.resourceIds;
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
  for (BookingStatus status : {BookingStatus::Confirmed, BookingStatus::Pending, BookingStatus::Waitlisted})
    for (const Booking& b : data.bookingsOfSession(session.id, status))
      if (auto fresh = data.booking(b.id)) recordBookingChange(data, *fresh, previousResources);
  if (morePlaces) promoteWaitlist(data, service, session.id, now);
  ++sync.updated;
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
    if (auto fresh = data.booking(b.id)) recordBookingChange(data, *fresh);
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
                         LocalDays& days, Instant now) {
  SessionSync sync;
  const std::string& zone = schedule.timeZone.empty() ? service.timeZone : schedule.timeZone;
  std::map<std::string, Occurrence> wanted;
  for (Occurrence& occ : occurrences(schedule, service, days, window))
    wanted.emplace(originKey(occ.origin), std::move(occ));

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
    } else {
      updateSession(data, service, std::move(s), it->second, now, days, sync);
      wanted.erase(it);
    }
  }
  for (auto& [key, occ] : wanted) {
    Session s;
    s.serviceId = service.id;
    s.kind = sessionKindOf(service);
    s.time = occ.time;
    s.resourceIds = occ.resourceIds;
    s.capacity = occ.capacity;
    s.origin = key;
    s.created = s.updated = now;
    s.id = data.insertSession(s);
    if (service.kind == ServiceKind::Course) joinCourseBookings(data, service, s, days, now);
    recordSessionChange(data, s);
    ++sync.created;
  }
  return sync;
}

SessionSync applySchedule(BookingData& data, const Service& service, const Schedule& schedule,
                          LocalDays& days, Instant now) {
  Interval window = kAllTime;
  if (service.kind == ServiceKind::Class) {
    std::optional<StoredSchedule> old = data.schedule(service.id);
    Instant until = std::max(now + kClassWindow, old ? old->materialisedUntil : now);
    window = Interval{now, std::min(until, now + kMaterialiseLimit)};
  }
  data.putSchedule(schedule, window.end);
  return syncSessions(data, service, schedule, window, days, now);
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
