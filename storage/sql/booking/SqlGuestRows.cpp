// SqlBookingData: guest bookings' manage tokens (stored as digests) and the business's settings.
#include "storage/sql/FeedTokenDigest.h"
#include "storage/sql/booking/SqlBookingData.h"

namespace bookdav::storage::sql {

using namespace bookdav::domain;

void SqlBookingData::putManageToken(BookingId booking, std::string_view token) {
  // A booking may hold several tokens (the one shown when it was made, one in each e-mail); each finds it.
  c_.prepare(
        "INSERT INTO guest_manage_tokens (digest, booking_id) VALUES (?1, ?2)"
        " ON CONFLICT (digest) DO UPDATE SET booking_id = excluded.booking_id")
      .bindAll(feedTokenDigest(token), booking)
      .run();
}

std::optional<BookingId> SqlBookingData::bookingByManageToken(std::string_view token) {
  auto s = c_.prepare("SELECT booking_id FROM guest_manage_tokens WHERE digest = ?1");
  s.bind(1, feedTokenDigest(token));
  if (!s.step()) return std::nullopt;
  return s.int64(0);
}

bool SqlBookingData::publicBooking() {
  auto s = c_.prepare("SELECT value FROM business_settings WHERE name = 'public'");
  return s.step() && s.text(0) == "1";
}

void SqlBookingData::setPublicBooking(bool on) {
  c_.prepare(
        "INSERT INTO business_settings (name, value) VALUES ('public', ?1)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value")
      .bind(1, std::string(on ? "1" : "0"))
      .run();
}

}  // namespace bookdav::storage::sql
