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
};

}  // namespace

std::span<const Migration> guestMigrations() {
  return kMigrations;
}

}  // namespace bookdav::storage::sql
