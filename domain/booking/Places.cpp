#include "domain/booking/Places.h"

#include <algorithm>

#include "domain/booking/Admission.h"
#include "domain/booking/ChangeScopes.h"

namespace bookdav::domain {

std::vector<Session> sessionsOf(BookingData& data, const Booking& booking) {
  std::vector<Session> sessions;
  for (SessionId id : booking.sessionIds)
    if (auto s = data.session(id)) sessions.push_back(std::move(*s));
  std::sort(sessions.begin(), sessions.end(),
            [](const Session& a, const Session& b) { return a.time.start < b.time.start; });
  return sessions;
}

void release(BookingData& data, const Service& service, Booking booking, BookingStatus endStatus, Instant now,
             const Cause& cause) {
  booking.status = endStatus;
  booking.updated = now;
  data.updateBooking(booking);
  for (Session& s : sessionsOf(data, booking)) {
    if (s.kind == SessionKind::Appointment && s.active()) {
      s.status = SessionStatus::Canceled;
      s.updated = now;
      data.updateSession(s);
    }
    recordSessionChange(data, s);  // places left (or the waitlist) changed
  }
  recordBookingChange(data, booking);
  recordBookingEvent(
      data, booking,
      endStatus == BookingStatus::Declined ? BookingEventKind::Declined : BookingEventKind::Canceled, cause,
      now);
  // Places freed, or the head of a waitlist gone: either may let the next in line in.
  if (service.kind != ServiceKind::Appointment)
    for (SessionId id : booking.sessionIds) promoteWaitlist(data, service, id, now);
}

int promoteWaitlist(BookingData& data, const Service& service, SessionId sessionId, Instant now) {
  int promoted = 0;
  for (;;) {
    std::optional<Session> session = data.session(sessionId);
    if (!session || !session->active()) return promoted;
    std::vector<Booking> waiting = data.bookingsOfSession(sessionId, BookingStatus::Waitlisted);
    if (waiting.empty()) return promoted;
    Booking next = std::move(waiting.front());
    std::vector<Session> sessions = sessionsOf(data, next);
    std::erase_if(sessions, [](const Session& s) { return !s.active(); });
    if (sessions.empty() || !fitsNow(sessions, next.participants)) return promoted;
    next.status = service.policy.manualApproval ? BookingStatus::Pending : BookingStatus::Confirmed;
    next.updated = now;
    data.updateBooking(next);
    for (const Session& s : sessions) recordSessionChange(data, s);
    recordBookingChange(data, next);
    recordBookingEvent(data, next, BookingEventKind::Promoted, {Party::Business, reasons::kPlacesFreed}, now);
    ++promoted;
  }
}

int waitlistPosition(BookingData& data, const Booking& booking) {
  if (booking.status != BookingStatus::Waitlisted || booking.sessionIds.empty()) return 0;
  std::vector<Booking> line = data.bookingsOfSession(booking.sessionIds.front(), BookingStatus::Waitlisted);
  for (size_t i = 0; i < line.size(); ++i)
    if (line[i].id == booking.id) return static_cast<int>(i) + 1;
  return 0;
}

}  // namespace bookdav::domain
