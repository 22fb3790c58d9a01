#include "domain/booking/Admission.h"

#include <algorithm>

namespace bookdav::domain {

SessionAdmission admitToSessions(const Service& service, std::span<const Session> sessions, int participants,
                                 Instant now, bool customerRules) {
  const BookingPolicy& policy = service.policy;
  auto refused = [](Refusal reason, size_t at) { return SessionAdmission{reason, false, at}; };
  if (sessions.empty()) return {Refusal::NotASessionTime};
  for (size_t i = 0; i < sessions.size(); ++i)
    if (!sessions[i].active()) return refused(Refusal::SessionCanceled, i);
  if (customerRules) {
    for (size_t i = 0; i < sessions.size(); ++i)
      if (sessions[i].locked) return refused(Refusal::SessionLocked, i);
    const Session& first = sessions.front();
    const bool started = first.time.start <= now;
    if (started && service.kind != ServiceKind::Course) return refused(Refusal::SessionStarted, 0);
    if (started && !policy.lateJoin) return refused(Refusal::CourseStarted, 0);
    if (started) {
      if (sessions.back().time.start <= now) return refused(Refusal::CourseStarted, 0);  // nothing left
    } else if (auto refusal = bookingWindowRefusal(policy, first.time.start, now)) {
      return refused(*refusal, 0);
    }
    if (participants > policy.maxParticipantsPerBooking) return refused(Refusal::TooManyParticipants, 0);
  }
  // The session with the fewest places, the one with the fewest places left and the longest waitlist.
  size_t smallest = 0, fullest = 0, longest = 0;
  for (size_t i = 1; i < sessions.size(); ++i) {
    if (sessions[i].capacity < sessions[smallest].capacity) smallest = i;
    if (sessions[i].placesLeft() < sessions[fullest].placesLeft()) fullest = i;
    if (sessions[i].waitlisted > sessions[longest].waitlisted) longest = i;
  }
  const int free = sessions[fullest].placesLeft();
  const int waiting = sessions[longest].waitlisted;
  if (participants > sessions[smallest].capacity) return refused(Refusal::SessionFull, smallest);
  if (waiting == 0 && participants <= free) return {};
  if (policy.waitlistCapacity > 0 && waiting + participants <= policy.waitlistCapacity)
    return {std::nullopt, true};
  return refused(Refusal::SessionFull, participants > free ? fullest : longest);
}

bool fitsNow(std::span<const Session> sessions, int participants) {
  return std::all_of(sessions.begin(), sessions.end(),
                     [&](const Session& s) { return s.placesLeft() >= participants; });
}

}  // namespace bookdav::domain
