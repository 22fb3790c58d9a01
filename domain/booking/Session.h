// A session: an occupied period of time (DESIGN.md, "Terms"): a class meeting, one meeting of a course,
// a booked appointment, or a resource's time off. Sessions hold places; bookings take them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/Ids.h"
#include "domain/time/Instant.h"

namespace bookdav::domain {

enum class SessionKind { Appointment, Class, Course, TimeOff };
enum class SessionStatus { Scheduled, Canceled };

std::string_view toString(SessionKind kind);  // "appointment", "class", "course", "time-off"
std::optional<SessionKind> parseSessionKind(std::string_view text);
std::string_view toString(SessionStatus status);  // "scheduled", "canceled"
std::optional<SessionStatus> parseSessionStatus(std::string_view text);

struct Session {
  SessionId id = 0;
  std::string serviceId;  // empty for time off
  SessionKind kind = SessionKind::Class;
  SessionStatus status = SessionStatus::Scheduled;
  Interval time;
  std::vector<std::string> resourceIds;  // every resource the session occupies
  int capacity = 1;                      // places (an appointment's: its booking's participants)
  bool locked = false;                   // held by the business: customers cannot book it
  std::string lockNote;                  // why (shown to staff)
  std::string title;                     // time off: the reason; otherwise empty (the service's name applies)
  // The occurrence of the service's schedule this session materialises: the local start it has in the
  // rule ("2026-12-07T20:00:00", the RECURRENCE-ID); empty for sessions made by hand or by bookings.
  std::optional<std::string> origin;
  Seconds bufferBefore{0};  // appointments: free time the resources keep before and after
  Seconds bufferAfter{0};
  Instant created;
  Instant updated;

  // Filled by the store when read: places held by CONFIRMED and PENDING bookings, places waiting.
  int taken = 0;
  int waitlisted = 0;

  bool active() const { return status == SessionStatus::Scheduled; }
  int placesLeft() const { return capacity > taken ? capacity - taken : 0; }
  bool full() const { return taken >= capacity; }
  // The time the session keeps its resources from other appointments.
  Interval occupied() const { return {time.start - bufferBefore, time.end + bufferAfter}; }
};

// A scheduled session's hold on one resource: what makes the resource busy for appointments.
struct BusyTime {
  SessionId sessionId = 0;
  SessionKind kind = SessionKind::Appointment;
  std::string resourceId;
  Interval occupied;  // the session's time widened by its buffers
};

}  // namespace bookdav::domain
