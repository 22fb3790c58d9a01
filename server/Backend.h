// Everything a running bookdav is made of, opened from one data directory (its SQLite database) or one
// PostgreSQL database: the repositories on it, and the services that the HTTP front door and the CLI call.
#pragma once

#include <filesystem>
#include <memory>

#include "caldav/DavService.h"
#include "domain/booking/BookingEngine.h"
#include "domain/time/Clock.h"
#include "storage/sql/Database.h"
#include "storage/sql/SqlAccountRepository.h"
#include "storage/sql/SqlCalendarStore.h"
#include "storage/sql/SqlChangeLog.h"
#include "storage/sql/SqlTransactions.h"
#include "storage/sql/booking/SqlBookingStore.h"
#include "storage/sql/notify/SqlNotificationStore.h"
#include "storage/sql/process/SqlSignInSessions.h"
#include "storage/sql/process/SqlWorkLeases.h"

namespace bookdav::server {

class Backend {
 public:
  // location: a data directory (created if missing; the database is its bookdav.db) or a
  // postgresql:// URL. clock: where "now" comes from (the system clock unless a test fixes it).
  Backend(const std::string& location, caldav::DavSettings settings = {},
          const domain::Clock& clock = systemClock(),
          storage::sql::Durability durability = storage::sql::Durability::PowerLoss);

  static const domain::Clock& systemClock();

  static std::filesystem::path databaseFile(const std::filesystem::path& dataDir);

  const domain::Clock& clock;
  storage::sql::Database database;
  storage::sql::SqlChangeLog changes;
  storage::sql::SqlAccountRepository accounts;
  storage::sql::SqlCalendarStore calendars;
  storage::sql::SqlBookingStore bookingStore;
  storage::sql::SqlTransactions transactions;        // calendars and bookings in one transaction
  storage::sql::SqlNotificationStore notifications;  // the outbox: notifications to deliver
  storage::sql::SqlSignInSessions signInSessions;    // the front desk's sessions, for every process
  storage::sql::SqlWorkLeases workLeases;            // background work that runs in one process
  domain::BookingEngine booking;
  caldav::DavService dav;
};

}  // namespace bookdav::server
