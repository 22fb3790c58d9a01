// SqliteBookingData: guest bookings' manage tokens (stored as digests) and the business's settings.
#include "storage/sqlite/FeedTokenDigest.h"
#include "storage/sqlite/booking/SqliteBookingData.h"

namespace bookdav::storage::sqlite {

using namespace bookdav::domain;

void SqliteBookingData::putManageToken(BookingId booking, std::string_view token) {
  c_.prepare("INSERT OR REPLACE INTO guest_manage_tokens (digest, booking_id) VALUES (?1, ?2)")
      .bindAll(feedTokenDigest(token), booking)
      .run();
}

std::optional<BookingId> SqliteBookingData::bookingByManageToken(std::string_view token) {
  auto s = c_.prepare("SELECT booking_id FROM guest_manage_tokens WHERE digest = ?1");
  s.bind(1, feedTokenDigest(token));
  if (!s.step()) return std::nullopt;
  return s.int64(0);
}

bool SqliteBookingData::publicBooking() {
  auto s = c_.prepare("SELECT value FROM business_settings WHERE name = 'public'");
  return s.step() && s.text(0) == "1";
}

void SqliteBookingData::setPublicBooking(bool on) {
  c_.prepare("INSERT OR REPLACE INTO business_settings (name, value) VALUES ('public', ?1)")
      .bind(1, std::string(on ? "1" : "0"))
      .run();
}

}  // namespace bookdav::storage::sqlite
