#include "storage/sql/notify/SqlNotificationStore.h"

#include "storage/sql/booking/SqlBookingData.h"
#include "storage/sql/notify/NotificationSchema.h"
#include "storage/sql/notify/SqlNotificationRows.h"

namespace bookdav::storage::sql {
namespace {
constexpr int kBusyRetries = 5;
}

SqlNotificationStore::SqlNotificationStore(Database& db) : db_(db) {
  db_.migrate("notify", notificationMigrations());
}

void SqlNotificationStore::write(
    const std::function<void(domain::BookingData&, domain::notify::NotificationRows&)>& f) {
  for (int attempt = 0;; ++attempt) {
    try {
      db_.write([&](Connection& c) {
        SqlBookingData data(c);
        SqlNotificationRows rows(c);
        f(data, rows);
      });
      return;
    } catch (const StorageError& e) {
      if (!e.busy() || attempt >= kBusyRetries) throw;
    }
  }
}

void SqlNotificationStore::read(const std::function<void(domain::notify::NotificationRows&)>& f) {
  db_.read([&](Connection& c) {
    SqlNotificationRows rows(c);
    f(rows);
  });
}

}  // namespace bookdav::storage::sql
