// Materialising a schedule into session rows, so that sessions have identities bookings can refer to.
//
// Classes: sessions exist from now up to a horizon (StoredSchedule::materialisedUntil, at first
// kClassWindow ahead) and are extended on demand, inside a write transaction, when anyone asks about
// later times (slots, session lists, a booking by start time); never beyond kMaterialiseLimit ahead.
// Courses: every session of the (finite) series exists as soon as the schedule does.
//
// A session keeps the origin of its occurrence (the RECURRENCE-ID) as identity: changing a schedule
// updates the sessions whose origin stays, creates the new ones and removes the ones that vanish.
// Sessions that have already started are never changed. A vanishing session nobody ever booked is
// deleted; one with bookings is canceled instead, and so are its class bookings (a course keeps its
// bookings when one meeting is dropped). Lowering a session's capacity below the places it holds is
// refused (invalid-request). To move one session without changing its identity, use an override.
//
// Closures: an occurrence that a closure of one of its resources covers (a holiday in the working
// hours, time off: ClosedTimes.h) is materialised canceled, and a session to come that a new closure
// covers is canceled with its class bookings (a course keeps its bookings); once no closure covers
// it, the session takes place again (the bookings canceled with it stay canceled).
#pragma once

#include <chrono>
#include <span>
#include <vector>

#include "domain/booking/BookingStore.h"
#include "domain/booking/LocalDays.h"

namespace bookdav::domain {

inline constexpr Seconds kClassWindow = std::chrono::days{120};
inline constexpr Seconds kMaterialiseLimit = std::chrono::days{5 * 366};

struct SessionSync {
  int created = 0;
  int updated = 0;
  int removed = 0;                          // deleted or canceled
  std::vector<BookingId> canceledBookings;  // class bookings canceled with their sessions
};

// Takes a session out of the timetable: deleted when nobody ever booked it, else canceled along with
// its class bookings (course bookings stay: the rest of the course still takes place). `service` may
// be null for time off.
void retireSession(BookingData& data, const Service* service, Session session, Instant now,
                   SessionSync& sync);

// Cancels a session the way the business does (Timetable::cancelSession): a session of a schedule has
// its occurrence excluded, so that it stays canceled when the schedule is applied again; then retired.
void withdrawSession(BookingData& data, Session session, Instant now, SessionSync& sync);

// Cancels a session that a closure covers (ClosedTimes.h): like retireSession, but the session is kept
// (canceled) even when nobody booked it, so that calendars show it canceled and it can take place again
// when the closure is lifted.
void closeSession(BookingData& data, const Service& service, Session session, Instant now, SessionSync& sync);

// After the working hours or the time off of these resources changed: brings their class and course
// sessions to come in line with the closures (see above).
SessionSync applyClosures(BookingData& data, std::span<const std::string> resourceIds, LocalDays& days,
                          Instant now);

// What a schedule change does when its new or moved sessions would overlap active bookings of other
// services on their resources (Conflicts.h): nothing (sessions made on demand, as time goes by: the
// slots they take were never offered), refuse with conflicts-with-bookings, or cancel what is in the way.
enum class Overlaps { Ignore, Refuse, Force };

// Brings the service's sessions whose origin lies in `window` in line with the schedule.
SessionSync syncSessions(BookingData& data, const Service& service, const Schedule& schedule, Interval window,
                         LocalDays& days, Instant now, Overlaps overlaps = Overlaps::Ignore);

// Stores the schedule and materialises it (see above). Validates nothing: the caller has.
SessionSync applySchedule(BookingData& data, const Service& service, const Schedule& schedule,
                          LocalDays& days, Instant now, Overlaps overlaps = Overlaps::Ignore);

// True when sessions up to `until` are not materialised yet (and could be).
bool needsSessions(const StoredSchedule& stored, Instant until, Instant now);
// Extends the service's sessions so that they cover `until` (no-op when they do).
void ensureSessions(BookingData& data, const Service& service, Instant until, LocalDays& days, Instant now);

}  // namespace bookdav::domain
