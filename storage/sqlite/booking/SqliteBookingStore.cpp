#include "storage/sqlite/booking/SqliteBookingStore.h"

#include "storage/sqlite/SqliteChangeLog.h"
#include "storage/sqlite/booking/BookingSchema.h"
#include "storage/sqlite/booking/GuestSchema.h"
#include "storage/sqlite/booking/SqliteBookingData.h"

namespace bookdav::storage::sqlite {

namespace {
constexpr int kBusyRetries = 5;
}

SqliteBookingStore::SqliteBookingStore(Database& db) : db_(db) {
  SqliteChangeLog changes(db_);  // its constructor applies the change log's migrations
  db_.migrate("booking", bookingMigrations());
  db_.migrate("guests", guestMigrations());
}

void SqliteBookingStore::write(const std::function<void(domain::BookingData&)>& f) {
  for (int attempt = 0;; ++attempt) {
    try {
      db_.write([&](Connection& c) {
        SqliteBookingData data(c);
        f(data);
      });
      return;
    } catch (const StorageError& e) {
      if (!e.busy() || attempt >= kBusyRetries) throw;
    }
  }
}

void SqliteBookingStore::read(const std::function<void(domain::BookingData&)>& f) {
  db_.read([&](Connection& c) {
    SqliteBookingData data(c);
    f(data);
  });
}

}  // namespace bookdav::storage::sqlite
