#include "domain/booking/Admission.h"

#include <algorithm>

namespace bookdav::domain {

SessionAdmission admitToSessions(const Service& service, std::span<const Session> sessions, int participants,
                                 Instant now, bool customerRules) {
  const BookingPolicy& policy = service.policy;
  if (sessions.empty()) return {Refusal::NotASessionTime};
  for (const Session& s : sessions)
    if (!s.active()) return {Refusal::SessionCanceled};
  if (customerRules) {
    for (const Session& s : sessions)
      if (s.locked) return {Refusal::SessionLocked};
    const Session& first = sessions.front();
    const bool started = service.kind == ServiceKind::Course && first.time.start <= now;
    if (started && !policy.lateJoin) return {Refusal::CourseStarted};
    if (started) {
      if (sessions.back().time.start <= now) return {Refusal::CourseStarted};  // nothing left to join
    } else if (auto refusal = bookingWindowRefusal(policy, first.time.start, now)) {
      return {refusal};
    }
    if (participants > policy.maxParticipantsPerBooking) return {Refusal::TooManyParticipants};
  }
  int free = sessions.front().placesLeft();
  int capacity = sessions.front().capacity;
  int waiting = 0;
  for (const Session& s : sessions) {
    free = std::min(free, s.placesLeft());
    capacity = std::min(capacity, s.capacity);
    waiting = std::max(waiting, s.waitlisted);
  }
  if (participants > capacity) return {Refusal::SessionFull};
  if (waiting == 0 && participants <= free) return {};
  if (policy.waitlistCapacity > 0 && waiting + participants <= policy.waitlistCapacity)
    return {std::nullopt, true};
  return {Refusal::SessionFull};
}

bool fitsNow(std::span<const Session> sessions, int participants) {
  return std::all_of(sessions.begin(), sessions.end(),
                     [&](const Session& s) { return s.placesLeft() >= participants; });
}

}  // namespace bookdav::domain
