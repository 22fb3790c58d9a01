#include "storage/sql/booking/SqlBookingStore.h"

#include "storage/sql/SqlChangeLog.h"
#include "storage/sql/booking/BookingSchema.h"
#include "storage/sql/booking/GuestSchema.h"
#include "storage/sql/booking/SqlBookingData.h"

namespace bookdav::storage::sql {

namespace {
constexpr int kBusyRetries = 5;
}

SqlBookingStore::SqlBookingStore(Database& db) : db_(db) {
  SqlChangeLog changes(db_);  // its constructor applies the change log's migrations
  db_.migrate("booking", bookingMigrations());
  db_.migrate("guests", guestMigrations());
}

void SqlBookingStore::write(const std::function<void(domain::BookingData&)>& f) {
  for (int attempt = 0;; ++attempt) {
    try {
      db_.write([&](Connection& c) {
        SqlBookingData data(c);
        f(data);
      });
      return;
    } catch (const StorageError& e) {
      if (!e.busy() || attempt >= kBusyRetries) throw;
    }
  }
}

void SqlBookingStore::read(const std::function<void(domain::BookingData&)>& f) {
  db_.read([&](Connection& c) {
    SqlBookingData data(c);
    f(data);
  });
}

}  // namespace bookdav::storage::sql
