#include "domain/booking/Booking.h"

#include "domain/booking/EnumText.h"

namespace bookdav::domain {
namespace {

constexpr EnumText<BookingStatus, 5> kStatus{{{
    {BookingStatus::Confirmed, "CONFIRMED"},
    {BookingStatus::Pending, "PENDING"},
    {BookingStatus::Waitlisted, "WAITLISTED"},
    {BookingStatus::Canceled, "CANCELED"},
    {BookingStatus::Declined, "DECLINED"},
}}};

}  // namespace

std::string_view toString(BookingStatus status) {
  return kStatus.name(status);
}
std::optional<BookingStatus> parseBookingStatus(std::string_view text) {
  return kStatus.parse(text);
}

bool holdsPlaces(BookingStatus s) {
  return s == BookingStatus::Confirmed || s == BookingStatus::Pending;
}
bool isActive(BookingStatus s) {
  return holdsPlaces(s) || s == BookingStatus::Waitlisted;
}

Instant deadlineStart(const Booking& b, Instant now) {
  for (const Interval& t : b.sessionTimes)
    if (t.start > now) return t.start;
  return b.sessionTimes.empty() ? b.time.start : b.sessionTimes.back().start;
}

}  // namespace bookdav::domain
