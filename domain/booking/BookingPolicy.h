// The bookings policy of a service (DESIGN.md, "Terms"): when customers may book, cancel and
// reschedule, how many places one booking may take, the waitlist, approval, buffers and the slot grid.
// All rules compare "start - now" with a duration, so each boundary is exact to the second.
#pragma once

#include <optional>

#include "domain/booking/Refusal.h"
#include "domain/time/Instant.h"

namespace bookdav::domain {

struct BookingPolicy {
  Seconds minimumNotice{0};  // booking refused (too-early) when start - now < minimumNotice
  std::optional<Seconds>
      maximumHorizon;                 // refused (too-late) when start - now > maximumHorizon; none = no limit
  Seconds cancellationDeadline{0};    // cancel refused when start - now < cancellationDeadline
  Seconds rescheduleDeadline{0};      // reschedule refused when start - now < rescheduleDeadline
  int maxParticipantsPerBooking = 1;  // places one booking may take
  int waitlistCapacity = 0;           // places on each session's waitlist (0 = no waitlist)
  bool manualApproval = false;        // bookings start PENDING (holding their places) until approved
  bool lateJoin = false;              // courses: may be booked after the first session started
  Seconds bufferBefore{0};            // appointments: free time kept before each appointment
  Seconds bufferAfter{0};             // appointments: free time kept after each appointment
  Seconds slotGranularity{0};         // appointments: step between candidate starts; 0 = the duration
  bool operator==(const BookingPolicy&) const = default;
};

// The deadlines in force when a booking was made; cancel and reschedule are judged by these, not by
// whatever the service's policy says later.
struct PolicySnapshot {
  Seconds minimumNotice{0};
  std::optional<Seconds> maximumHorizon;
  Seconds cancellationDeadline{0};
  Seconds rescheduleDeadline{0};
  bool operator==(const PolicySnapshot&) const = default;
};

PolicySnapshot snapshotOf(const BookingPolicy& policy);

// too-early / too-late for a booking (or a reschedule's new time) starting at `start`; nullopt if allowed.
std::optional<Refusal> bookingWindowRefusal(const BookingPolicy& policy, Instant start, Instant now);
bool cancellationOpen(const PolicySnapshot& policy, Instant start, Instant now);
bool rescheduleOpen(const PolicySnapshot& policy, Instant start, Instant now);

// A sentence describing what is wrong with the policy (negative durations, ...), or nullopt.
std::optional<std::string> validate(const BookingPolicy& policy);

}  // namespace bookdav::domain
