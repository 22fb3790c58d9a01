#include "domain/booking/Required.h"

namespace bookdav::domain {

void invalidRequest(const std::string& sentence) {
  throw Refused(Refusal::InvalidRequest, sentence);
}

Service requireService(BookingData& data, std::string_view id) {
  std::optional<Service> s = data.service(id);
  if (!s) throw Refused(Refusal::NotFound, "there is no service " + std::string(id));
  return *s;
}

Session requireSession(BookingData& data, SessionId id) {
  std::optional<Session> s = data.session(id);
  if (!s) throw Refused(Refusal::NotFound, "there is no session " + std::to_string(id));
  return *s;
}

Booking requireBooking(BookingData& data, BookingId id) {
  std::optional<Booking> b = data.booking(id);
  if (!b) throw Refused(Refusal::NotFound, "there is no booking " + std::to_string(id));
  return *b;
}

}  // namespace bookdav::domain
