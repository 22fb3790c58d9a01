#include "storage/sql/booking/GuestSchema.h"

namespace bookdav::storage::sql {
namespace {

constexpr Migration kMigrations[] = {
    {1,
     // A guest booking's manage token as its SHA-256 digest (FeedTokenDigest.h): the token itself is
     // shown once, in the answer that made the booking.
     "CREATE TABLE guest_manage_tokens ("
     " digest TEXT PRIMARY KEY,"
     " booking_id INTEGER NOT NULL UNIQUE REFERENCES booking_bookings (id) ON DELETE CASCADE) WITHOUT ROWID;"
     // The business's settings, one row each: name 'public' = '1' opens the public booking pages.
     "CREATE TABLE business_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"},
    // Several manage tokens per booking: the one shown when it was made and one in each e-mail to the
    // guest (README, "Notifications"); every one finds the booking.
    {2,
     "CREATE TABLE guest_manage_tokens_2 ("
     " digest TEXT PRIMARY KEY,"
     " booking_id INTEGER NOT NULL REFERENCES booking_bookings (id) ON DELETE CASCADE) WITHOUT ROWID;"
     "INSERT INTO guest_manage_tokens_2 (digest, booking_id) SELECT digest, booking_id FROM guest_manage_tokens;"
     "DROP TABLE guest_manage_tokens;"
     "ALTER TABLE guest_manage_tokens_2 RENAME TO guest_manage_tokens;"
     "CREATE INDEX guest_manage_tokens_by_booking ON guest_manage_tokens (booking_id);"},
};

}  // namespace

std::span<const Migration> guestMigrations() {
  return kMigrations;
}

}  // namespace bookdav::storage::sql
