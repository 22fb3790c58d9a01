// The timetable: class and course schedules, the sessions they materialise (see SessionSync.h),
// one-off sessions, staff time off, admin holds, and a resource's busy time for free/busy answers.
// Errors are Refused (invalid-request, not-found).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/BookingStore.h"
#include "domain/booking/Intervals.h"
#include "domain/booking/SessionSync.h"
#include "domain/booking/WriteCondition.h"
#include "domain/time/Clock.h"
#include "domain/time/LocalTime.h"

namespace bookdav::domain {

// A session made by hand: a one-off class meeting (kind Class) or a resource's time off (kind TimeOff,
// no service). Appointment sessions come only from bookings; course sessions only from the schedule.
struct NewSession {
  std::string serviceId;
  SessionKind kind = SessionKind::Class;
  Interval time;
  std::vector<std::string> resourceIds;
  int capacity = 0;   // 0 = the service's capacity
  std::string title;  // time off: the reason
  bool locked = false;
  std::string lockNote;
  // Over active bookings on its resources (else refused, conflicts-with-bookings): time off cancels the
  // appointments and closes the class and course sessions in the way; a class session cancels them.
  bool force = false;
};

// What to change in a session; fields left empty stay. For a session of a schedule the change is
// written into the schedule as an override of its occurrence, so the session keeps its identity and
// the change survives later schedule updates.
struct SessionChange {
  std::optional<Interval> time;
  std::optional<std::vector<std::string>> resourceIds;
  std::optional<int> capacity;
  std::optional<std::string> title;
  bool force = false;  // a new time or resources over other active bookings (see NewSession::force)
};

// A resource's time as free/busy sees it: busy = its scheduled sessions (appointments, classes, time
// off); unavailable = outside its working hours. Both normalized and clipped to the range.
struct ResourceBusy {
  Intervals busy;
  Intervals unavailable;
};

class Timetable {
 public:
  Timetable(BookingStore& store, const Clock& clock, const ZoneRules& zones)
      : store_(store), clock_(clock), zones_(zones) {}

  std::optional<Schedule> schedule(std::string_view serviceId);
  // Creates or replaces the schedule of a class or course and materialises its sessions. An unchanged
  // schedule writes nothing. New or moved sessions that would overlap active bookings of other services
  // on their resources are refused (conflicts-with-bookings, naming them) unless `force`, which cancels
  // what is in the way as the business (Conflicts.h, InTheWay::Occupied).
  SessionSync putSchedule(const Schedule& schedule, bool force = false);
  // Removes the schedule; its sessions to come go as if they had vanished from it. A course is called
  // off: its active bookings are canceled too.
  SessionSync removeSchedule(std::string_view serviceId);
  // The same inside a write transaction the caller holds (BookingStore::write).
  SessionSync putSchedule(BookingData& data, const Schedule& schedule, bool force = false);
  SessionSync removeSchedule(BookingData& data, std::string_view serviceId);

  // Sessions of a service overlapping range (canceled ones too), with their places; materialises
  // class sessions up to range.end first when needed.
  std::vector<Session> sessions(std::string_view serviceId, Interval range);
  // Sessions occupying a resource overlapping range (canceled ones too), with their places.
  std::vector<Session> sessionsOn(std::string_view resourceId, Interval range);
  std::optional<Session> session(SessionId id);

  // A class session is refused (invalid-request) when a closure or time off of its resources covers its
  // time, and (conflicts-with-bookings) when it overlaps active bookings on its resources, unless
  // forced; time off likewise over active bookings, and it cancels the class and course sessions it
  // covers (SessionSync.h, closures).
  Session createSession(const NewSession& session);
  Session updateSession(SessionId id, const SessionChange& change);
  // An admin hold: customers cannot book a locked session (the business still can).
  Session lockSession(SessionId id, const std::string& note);
  Session unlockSession(SessionId id);
  // updateSession and lock/unlock inside a write transaction the caller holds (BookingStore::write),
  // so that a change and a lock commit together or not at all.
  Session updateSession(BookingData& data, SessionId id, const SessionChange& change);
  Session setLock(BookingData& data, SessionId id, bool locked, const std::string& note);
  // Cancels a class session with its bookings, a course meeting (the course bookings stay) or time
  // off (the sessions it closed take place again); a session nobody ever booked is deleted.
  // Appointment sessions go by canceling their booking. `condition` (see WriteCondition.h) is checked
  // on the session as it stands before anything else.
  SessionSync cancelSession(SessionId id, const WriteCondition<Session>& condition = {});

  ResourceBusy busy(std::string_view resourceId, Interval range);

 private:
  Session setLock(SessionId id, bool locked, const std::string& note);

  BookingStore& store_;
  const Clock& clock_;
  const ZoneRules& zones_;
};

}  // namespace bookdav::domain
