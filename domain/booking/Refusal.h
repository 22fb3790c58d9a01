// Why the booking engine said no: a typed reason whose name is the CalDAV precondition and JSON error
// code (DESIGN.md, "Booking through CalDAV"), plus a human sentence naming the time and the service.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/Ids.h"
#include "domain/time/Instant.h"

namespace bookdav::domain {

enum class Refusal {
  SlotUnavailable,        // "slot-unavailable": the time is not a free slot of the service
  NotASessionTime,        // "not-a-session-time": no session of the class/course starts then
  SessionFull,            // "session-full": no places left and no room on the waitlist
  SessionLocked,          // "session-locked": the business holds the session (screening, admin hold)
  SessionCanceled,        // "session-canceled": the session was canceled
  TooEarly,               // "too-early": the start is closer than the minimum notice
  TooLate,                // "too-late": the start is further away than the booking horizon
  TooManyParticipants,    // "too-many-participants": more than the policy's places per booking
  CancellationClosed,     // "cancellation-closed": past the cancellation deadline
  RescheduleClosed,       // "reschedule-closed": past the reschedule deadline
  NotYourBooking,         // "not-your-booking": the booking belongs to another customer
  NotAllowed,             // "not-allowed": only the business may do this (approve, decline, ...)
  NotFound,               // "not-found": no such service, resource, session or booking
  InvalidRequest,         // "invalid-request": malformed or contradictory input
  CourseStarted,          // "course-started": the course has begun and late joining is off
  NotPending,             // "not-pending": approve/decline of a booking that is not PENDING
  AlreadyBooked,          // "already-booked": the customer already has an active booking with this href
  AlreadyCanceled,        // "already-canceled": the booking is already canceled or declined
  SessionStarted,         // "session-started": the class session has already begun
  ConflictsWithBookings,  // "conflicts-with-bookings": a timetable or hours change would take their time
};

// The wire name, e.g. "slot-unavailable".
std::string_view refusalName(Refusal reason);
std::optional<Refusal> parseRefusal(std::string_view name);

// An active booking in the way of a timetable or working-hours change: its session that overlaps the
// time being taken, on one of the resources changed.
struct BookingConflict {
  BookingId bookingId = 0;
  std::string serviceId;
  SessionId sessionId = 0;
  Interval time;           // the session's time
  std::string resourceId;  // the changed resource the session occupies
  bool operator==(const BookingConflict&) const = default;
};

// The one error type of the booking domain. Thrown inside the write transaction, so that a refused
// request changes nothing; callers map reason() to an HTTP status and precondition element.
class Refused : public std::runtime_error {
 public:
  Refused(Refusal reason, const std::string& message, bool lostRace = false)
      : std::runtime_error(message), reason_(reason), lostRace_(lostRace) {}
  // conflicts-with-bookings, naming the bookings in the way (HTTP 409).
  Refused(const std::string& message, std::vector<BookingConflict> conflicts)
      : std::runtime_error(message),
        reason_(Refusal::ConflictsWithBookings),
        lostRace_(false),
        conflicts_(std::move(conflicts)) {}

  Refusal reason() const { return reason_; }
  std::string_view name() const { return refusalName(reason_); }
  // The time is a slot of the service's availability, but another booking holds it now: the caller
  // lost a race for it (HTTP 409 rather than 403).
  bool lostRace() const { return lostRace_; }
  const std::vector<BookingConflict>& conflicts() const { return conflicts_; }

 private:
  Refusal reason_;
  bool lostRace_;
  std::vector<BookingConflict> conflicts_;
};

}  // namespace bookdav::domain
