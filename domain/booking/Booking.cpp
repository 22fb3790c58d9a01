#include "domain/booking/Booking.h"

namespace bookdav::domain {

std::string_view toString(BookingStatus status) {
  switch (status) {
    case BookingStatus::Confirmed:
      return "CONFIRMED";
    case BookingStatus::Pending:
      return "PENDING";
    case BookingStatus::Waitlisted:
      return "WAITLISTED";
    case BookingStatus::Canceled:
      return "CANCELED";
    case BookingStatus::Declined:
      return "DECLINED";
  }
  return "CONFIRMED";
}

std::optional<BookingStatus> parseBookingStatus(std::string_view text) {
  if (text == "CONFIRMED") return BookingStatus::Confirmed;
  if (text == "PENDING") return BookingStatus::Pending;
  if (text == "WAITLISTED") return BookingStatus::Waitlisted;
  if (text == "CANCELED") return BookingStatus::Canceled;
  if (text == "DECLINED") return BookingStatus::Declined;
  return std::nullopt;
}

bool holdsPlaces(BookingStatus s) {
  return s == BookingStatus::Confirmed || s == BookingStatus::Pending;
}
bool isActive(BookingStatus s) {
  return holdsPlaces(s) || s == BookingStatus::Waitlisted;
}

}  // namespace bookdav::domain
