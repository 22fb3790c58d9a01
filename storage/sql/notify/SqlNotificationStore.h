// domain::notify::NotificationStore on the SQLite database: notification rows beside the booking
// data, written in one BEGIN IMMEDIATE transaction with it, retried when the database was busy.
#pragma once

#include "domain/notify/NotificationStore.h"
#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

class SqlNotificationStore final : public domain::notify::NotificationStore {
 public:
  // Applies the "notify" migrations; construct after SqlBookingStore.
  explicit SqlNotificationStore(Database& db);
  void write(const std::function<void(domain::BookingData&, domain::notify::NotificationRows&)>& f) override;
  void read(const std::function<void(domain::notify::NotificationRows&)>& f) override;

 private:
  Database& db_;
};

}  // namespace bookdav::storage::sql
