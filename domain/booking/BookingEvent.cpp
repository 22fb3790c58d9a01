#include "domain/booking/BookingEvent.h"

#include "domain/booking/BookingStore.h"
#include "domain/booking/EnumText.h"

namespace bookdav::domain {
namespace {

constexpr EnumText<BookingEventKind, 7> kKinds{{{
    {BookingEventKind::Placed, "placed"},
    {BookingEventKind::Approved, "approved"},
    {BookingEventKind::Declined, "declined"},
    {BookingEventKind::Promoted, "promoted"},
    {BookingEventKind::Rescheduled, "rescheduled"},
    {BookingEventKind::Canceled, "canceled"},
    {BookingEventKind::SessionChanged, "session-changed"},
}}};

constexpr EnumText<Party, 2> kParties{{{{Party::Customer, "customer"}, {Party::Business, "business"}}}};

}  // namespace

std::string_view toString(BookingEventKind kind) {
  return kKinds.name(kind);
}
std::optional<BookingEventKind> parseBookingEventKind(std::string_view text) {
  return kKinds.parse(text);
}
std::string_view toString(Party party) {
  return kParties.name(party);
}
std::optional<Party> parseParty(std::string_view text) {
  return kParties.parse(text);
}

void recordBookingEvent(BookingData& data, const Booking& booking, BookingEventKind kind, const Cause& cause,
                        Instant at, std::optional<Interval> previousTime) {
  BookingEvent e;
  e.bookingId = booking.id;
  e.kind = kind;
  e.status = booking.status;
  e.by = cause.by;
  e.reason = std::string(cause.reason);
  e.at = at;
  e.previousTime = previousTime;
  data.appendEvent(e);
}

}  // namespace bookdav::domain
