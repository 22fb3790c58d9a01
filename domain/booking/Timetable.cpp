#include "domain/booking/Timetable.h"

#include <algorithm>

#include "domain/booking/ChangeScopes.h"
#include "domain/booking/ClosedTimes.h"
#include "domain/booking/Conflicts.h"
#include "domain/booking/LocalText.h"
#include "domain/booking/Places.h"
#include "domain/booking/Required.h"

namespace bookdav::domain {
namespace {

void requireResources(BookingData& data, const std::vector<std::string>& ids) {
  for (const std::string& id : ids)
    if (!data.resource(id)) invalidRequest("resource " + id + " does not exist");
}

const std::string& zoneOf(const Schedule& schedule, const Service& service) {
  return schedule.timeZone.empty() ? service.timeZone : schedule.timeZone;
}

}  // namespace

std::optional<Schedule> Timetable::schedule(std::string_view serviceId) {
  return store_.reading([&](BookingData& data) -> std::optional<Schedule> {
    if (auto stored = data.schedule(serviceId)) return stored->schedule;
    return std::nullopt;
  });
}

SessionSync Timetable::putSchedule(const Schedule& schedule, bool force) {
  return store_.writing([&](BookingData& data) { return putSchedule(data, schedule, force); });
}

SessionSync Timetable::putSchedule(BookingData& data, const Schedule& schedule, bool force) {
  const Instant now = clock_.now();
  Service service = requireService(data, schedule.serviceId);
  if (auto problem = validate(schedule, service)) invalidRequest(*problem);
  if (!schedule.timeZone.empty() && !zones_.knows(schedule.timeZone))
    invalidRequest("unknown time zone \"" + schedule.timeZone + "\" in the schedule of " + service.id);
  requireResources(data, schedule.resourceIds);
  for (const SessionOverride& o : schedule.overrides)
    if (o.resourceIds) requireResources(data, *o.resourceIds);
  std::optional<StoredSchedule> old = data.schedule(service.id);
  if (old && old->schedule == schedule) return SessionSync{};
  LocalDays days(zones_);
  return applySchedule(data, service, schedule, days, now, force ? Overlaps::Force : Overlaps::Refuse);
}

SessionSync Timetable::removeSchedule(std::string_view serviceId) {
  return store_.writing([&](BookingData& data) { return removeSchedule(data, serviceId); });
}

SessionSync Timetable::removeSchedule(BookingData& data, std::string_view serviceId) {
  const Instant now = clock_.now();
  Service service = requireService(data, serviceId);
  SessionSync sync;
  if (!data.schedule(serviceId)) return sync;
  for (Session& s : data.sessionsOfService(serviceId, Interval{now, kAllTime.end}))
    if (s.origin && s.time.start > now) retireSession(data, &service, std::move(s), now, sync);
  if (service.kind == ServiceKind::Course) {  // a course without its meetings to come is called off
    BookingFilter active;
    active.serviceId = service.id;
    active.statuses = {BookingStatus::Confirmed, BookingStatus::Pending, BookingStatus::Waitlisted};
    for (Booking& b : data.bookings(active)) {
      sync.canceledBookings.push_back(b.id);
      release(data, service, std::move(b), BookingStatus::Canceled, now,
              {Party::Business, reasons::kCourseCalledOff});
    }
  }
  data.deleteSchedule(serviceId);
  return sync;
}

std::vector<Session> Timetable::sessions(std::string_view serviceId, Interval range) {
  const Instant now = clock_.now();
  bool extend = store_.reading([&](BookingData& data) {
    std::optional<StoredSchedule> stored = data.schedule(serviceId);
    return stored && needsSessions(*stored, range.end, now);
  });
  if (extend) {
    store_.write([&](BookingData& data) {
      if (std::optional<Service> service = data.service(serviceId)) {
        LocalDays days(zones_);
        ensureSessions(data, *service, range.end, days, now);
      }
    });
  }
  return store_.reading([&](BookingData& data) { return data.sessionsOfService(serviceId, range); });
}

std::vector<Session> Timetable::sessionsOn(std::string_view resourceId, Interval range) {
  return store_.reading([&](BookingData& data) { return data.sessionsOnResource(resourceId, range); });
}

std::optional<Session> Timetable::session(SessionId id) {
  return store_.reading([&](BookingData& data) { return data.session(id); });
}

namespace {

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// The zone to name a session's time in: its service's, else its first resource's.
std::string zoneFor(BookingData& data, const Session& s) {
  if (!s.serviceId.empty())
    if (std::optional<Service> service = data.service(s.serviceId)) return service->timeZone;
  for (const std::string& id : s.resourceIds)
    if (std::optional<Resource> r = data.resource(id)) return r->timeZone;
  return "UTC";
}

std::string describeChange(BookingData& data, const Session& s, const ZoneRules& zones, const char* what) {
  const std::string zone = zoneFor(data, s);
  if (s.kind == SessionKind::TimeOff)
    return std::string(what) + "time off on " + joined(s.resourceIds) + " from " +
           describeTime(zones, zone, s.time.start) + " to " + describeTime(zones, zone, s.time.end);
  std::optional<Service> service = data.service(s.serviceId);
  return std::string(what) + "session of " + (service ? service->name : s.serviceId) + " at " +
         describeTime(zones, zone, s.time.start);
}

// Refuses a class or course session at a time a closure or time off of its resources covers.
void refuseClosed(BookingData& data, const Session& s, LocalDays& days, const ZoneRules& zones) {
  if (s.kind == SessionKind::TimeOff) return;
  if (std::optional<std::string> why = ClosedTimes(data, days).during(s.resourceIds, s.time))
    invalidRequest(describeChange(data, s, zones, "the ") + " cannot take place: " + *why + " then");
}

// Refuses (or, forced, clears) the active bookings a session at its new time and resources would overlap.
void settleOverlaps(BookingData& data, const Session& s, bool force, const char* what, const ZoneRules& zones,
                    Instant now) {
  settleConflicts(data, bookingsOverlapping(data, s.resourceIds, s.time, now, s.id), force,
                  s.kind == SessionKind::TimeOff ? InTheWay::Closed : InTheWay::Occupied,
                  describeChange(data, s, zones, what), zones, now);
}

}  // namespace

Session Timetable::createSession(const NewSession& request) {
  const Instant now = clock_.now();
  if (request.time.empty()) invalidRequest("a session must start before it ends");
  if (request.time.length() > std::chrono::days{366}) invalidRequest("a session lasts at most a year");
  return store_.writing([&](BookingData& data) {
    Session s;
    s.kind = request.kind;
    s.time = request.time;
    s.resourceIds = request.resourceIds;
    s.title = request.title;
    s.locked = request.locked;
    s.lockNote = request.lockNote;
    s.created = s.updated = now;
    requireResources(data, s.resourceIds);
    if (request.kind == SessionKind::TimeOff) {
      if (!request.serviceId.empty()) invalidRequest("time off belongs to resources, not to a service");
      if (s.resourceIds.empty()) invalidRequest("time off needs the resources it keeps busy");
      s.capacity = 0;
    } else if (request.kind == SessionKind::Class) {
      Service service = requireService(data, request.serviceId);
      if (service.kind != ServiceKind::Class) invalidRequest("service " + service.id + " is not a class");
      s.serviceId = service.id;
      s.capacity = request.capacity > 0 ? request.capacity : service.capacity;
    } else {
      invalidRequest(
          "appointment sessions come from bookings and course sessions from the course's schedule");
    }
    LocalDays days(zones_);
    refuseClosed(data, s, days, zones_);
    settleOverlaps(data, s, request.force, "the new ", zones_, now);
    s.id = data.insertSession(s);
    recordSessionChange(data, s);
    if (s.kind == SessionKind::TimeOff) applyClosures(data, s.resourceIds, days, now);
    return *data.session(s.id);
  });
}

Session Timetable::updateSession(SessionId id, const SessionChange& change) {
  return store_.writing([&](BookingData& data) { return updateSession(data, id, change); });
}

Session Timetable::updateSession(BookingData& data, SessionId id, const SessionChange& change) {
  const Instant now = clock_.now();
  if (change.time && change.time->empty()) invalidRequest("a session must start before it ends");
  if (change.capacity && *change.capacity < 1) invalidRequest("a session needs at least one place");
  Session s = requireSession(data, id);
  if (s.kind == SessionKind::Appointment) invalidRequest("an appointment moves by rescheduling its booking");
  if (!s.active()) invalidRequest("session " + std::to_string(id) + " was canceled");
  if (change.resourceIds) requireResources(data, *change.resourceIds);
  LocalDays days(zones_);
  const std::vector<std::string> previousResources = s.resourceIds;
  if (change.time || change.resourceIds) {
    Session moved = s;
    if (change.time) moved.time = *change.time;
    if (change.resourceIds) moved.resourceIds = *change.resourceIds;
    refuseClosed(data, moved, days, zones_);
    settleOverlaps(data, moved, change.force, "moving it to the ", zones_, now);
  }
  std::optional<Service> service = s.serviceId.empty() ? std::nullopt : data.service(s.serviceId);
  std::optional<StoredSchedule> stored = service ? data.schedule(service->id) : std::nullopt;
  if (s.origin && stored) {
    // A session of a schedule: the change becomes an override of its occurrence.
    std::optional<LocalDateTime> origin = parseLocal(*s.origin);
    if (!origin) invalidRequest("session " + std::to_string(id) + " has an unreadable origin");
    Schedule schedule = stored->schedule;
    auto o = std::find_if(schedule.overrides.begin(), schedule.overrides.end(),
                          [&](const SessionOverride& x) { return x.origin == *origin; });
    if (o == schedule.overrides.end()) {
      SessionOverride fresh;
      fresh.origin = *origin;
      o = schedule.overrides.insert(schedule.overrides.end(), fresh);
    }
    const std::string& zone = zoneOf(schedule, *service);
    if (change.time) {
      o->start = toLocal(zones_, zone, change.time->start);
      o->duration = change.time->length();
    }
    if (change.capacity) o->capacity = *change.capacity;
    if (change.resourceIds) o->resourceIds = *change.resourceIds;
    Instant at = days.at(zone, origin->date, origin->timeOfDay);
    data.putSchedule(schedule, stored->materialisedUntil);
    syncSessions(data, *service, schedule, Interval{at, at + Seconds{1}}, days, now);
    if (change.title) {
      Session fresh = requireSession(data, id);
      fresh.title = *change.title;
      data.updateSession(fresh);
    }
    return requireSession(data, id);
  }
  const int previousCapacity = s.capacity;
  const Interval previousTime = s.time;
  if (change.time) s.time = *change.time;
  if (change.resourceIds) s.resourceIds = *change.resourceIds;
  if (change.title) s.title = *change.title;
  if (change.capacity && s.kind != SessionKind::TimeOff) {
    if (*change.capacity < s.taken)
      invalidRequest("session " + std::to_string(id) + " holds " + std::to_string(s.taken) +
                     " places; its capacity cannot drop to " + std::to_string(*change.capacity));
    s.capacity = *change.capacity;
  }
  s.updated = now;
  data.updateSession(s);
  recordSessionChange(data, s);
  for (const std::string& r : previousResources)
    if (std::find(s.resourceIds.begin(), s.resourceIds.end(), r) == s.resourceIds.end())
      data.recordChange(resourceScope(r), sessionItem(id), true);
  // What the bookings hold changed where or when it takes place: each is told (a booking event).
  const bool moved = s.time != previousTime || s.resourceIds != previousResources;
  for (BookingStatus status : {BookingStatus::Confirmed, BookingStatus::Pending, BookingStatus::Waitlisted}) {
    for (const Booking& b : data.bookingsOfSession(id, status)) {
      std::optional<Booking> fresh = data.booking(b.id);
      if (!fresh) continue;
      recordBookingChange(data, *fresh, previousResources);
      if (moved)
        recordBookingEvent(data, *fresh, BookingEventKind::SessionChanged,
                           {Party::Business, reasons::kSessionEdited}, now, previousTime);
    }
  }
  if (service && s.capacity > previousCapacity) promoteWaitlist(data, *service, id, now);
  if (s.kind == SessionKind::TimeOff) {
    std::vector<std::string> touched = previousResources;
    touched.insert(touched.end(), s.resourceIds.begin(), s.resourceIds.end());
    applyClosures(data, touched, days, now);
  }
  return requireSession(data, id);
}

Session Timetable::lockSession(SessionId id, const std::string& note) {
  return setLock(id, true, note);
}

Session Timetable::unlockSession(SessionId id) {
  return setLock(id, false, "");
}

Session Timetable::setLock(SessionId id, bool locked, const std::string& note) {
  return store_.writing([&](BookingData& data) { return setLock(data, id, locked, note); });
}

Session Timetable::setLock(BookingData& data, SessionId id, bool locked, const std::string& note) {
  Session s = requireSession(data, id);
  if (s.locked == locked && s.lockNote == note) return s;
  s.locked = locked;
  s.lockNote = note;
  s.updated = clock_.now();
  data.updateSession(s);
  recordSessionChange(data, s);
  return requireSession(data, id);
}

SessionSync Timetable::cancelSession(SessionId id, const WriteCondition<Session>& condition) {
  const Instant now = clock_.now();
  return store_.writing([&](BookingData& data) {
    Session s = requireSession(data, id);
    if (condition) condition(data, s);
    if (s.kind == SessionKind::Appointment)
      invalidRequest("an appointment is canceled by canceling its booking");
    SessionSync sync;
    if (!s.active()) return sync;
    const bool timeOff = s.kind == SessionKind::TimeOff;
    const std::vector<std::string> resources = s.resourceIds;
    withdrawSession(data, std::move(s), now, sync);
    if (timeOff) {  // what it closed may take place again
      LocalDays days(zones_);
      applyClosures(data, resources, days, now);
    }
    return sync;
  });
}

ResourceBusy Timetable::busy(std::string_view resourceId, Interval range) {
  return store_.reading([&](BookingData& data) {
    std::optional<Resource> r = data.resource(resourceId);
    if (!r) throw Refused(Refusal::NotFound, "there is no resource " + std::string(resourceId));
    ResourceBusy out;
    Intervals busy;
    for (const Session& s : data.sessionsOnResource(resourceId, range))
      if (s.active()) busy.push_back(s.time);
    out.busy = clip(normalized(std::move(busy)), range);
    LocalDays days(zones_);
    out.unavailable = complement(openIntervals(r->hours, r->hoursZone(), days, range), range);
    return out;
  });
}

}  // namespace bookdav::domain
