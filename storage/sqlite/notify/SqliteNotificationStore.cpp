#include "storage/sqlite/notify/SqliteNotificationStore.h"

#include "storage/sqlite/booking/SqliteBookingData.h"
#include "storage/sqlite/notify/NotificationSchema.h"
#include "storage/sqlite/notify/SqliteNotificationRows.h"

namespace bookdav::storage::sqlite {
namespace {
constexpr int kBusyRetries = 5;
}

SqliteNotificationStore::SqliteNotificationStore(Database& db) : db_(db) {
  db_.migrate("notify", notificationMigrations());
}

void SqliteNotificationStore::write(
    const std::function<void(domain::BookingData&, domain::notify::NotificationRows&)>& f) {
  for (int attempt = 0;; ++attempt) {
    try {
      db_.write([&](Connection& c) {
        SqliteBookingData data(c);
        SqliteNotificationRows rows(c);
        f(data, rows);
      });
      return;
    } catch (const StorageError& e) {
      if (!e.busy() || attempt >= kBusyRetries) throw;
    }
  }
}

void SqliteNotificationStore::read(const std::function<void(domain::notify::NotificationRows&)>& f) {
  db_.read([&](Connection& c) {
    SqliteNotificationRows rows(c);
    f(rows);
  });
}

}  // namespace bookdav::storage::sqlite
