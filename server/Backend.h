// Everything a running bookdav is made of, opened from one data directory: the SQLite database,
// the repositories on it, and the services that the HTTP front door and the CLI call.
#pragma once

#include <filesystem>
#include <memory>

#include "caldav/DavService.h"
#include "domain/booking/BookingEngine.h"
#include "domain/time/Clock.h"
#include "storage/sqlite/Database.h"
#include "storage/sqlite/SqliteAccountRepository.h"
#include "storage/sqlite/SqliteCalendarStore.h"
#include "storage/sqlite/SqliteChangeLog.h"
#include "storage/sqlite/SqliteTransactions.h"
#include "storage/sqlite/booking/SqliteBookingStore.h"
#include "storage/sqlite/notify/SqliteNotificationStore.h"
#include "storage/sqlite/process/SqliteSignInSessions.h"
#include "storage/sqlite/process/SqliteWorkLeases.h"

namespace bookdav::server {

class Backend {
 public:
  // clock: where "now" comes from (the system clock unless a test fixes it).
  Backend(const std::filesystem::path& dataDir, caldav::DavSettings settings = {},
          const domain::Clock& clock = systemClock(),
          storage::sqlite::Durability durability = storage::sqlite::Durability::PowerLoss);

  static const domain::Clock& systemClock();

  static std::filesystem::path databaseFile(const std::filesystem::path& dataDir);

  const domain::Clock& clock;
  storage::sqlite::Database database;
  storage::sqlite::SqliteChangeLog changes;
  storage::sqlite::SqliteAccountRepository accounts;
  storage::sqlite::SqliteCalendarStore calendars;
  storage::sqlite::SqliteBookingStore bookingStore;
  storage::sqlite::SqliteTransactions transactions;        // calendars and bookings in one transaction
  storage::sqlite::SqliteNotificationStore notifications;  // the outbox: notifications to deliver
  storage::sqlite::SqliteSignInSessions signInSessions;    // the front desk's sessions, for every process
  storage::sqlite::SqliteWorkLeases workLeases;            // background work that runs in one process
  domain::BookingEngine booking;
  caldav::DavService dav;
};

}  // namespace bookdav::server
