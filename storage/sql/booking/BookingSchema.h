// The booking engine's tables in SQLite (module "booking" of Database::migrate): services, resources
// and their working hours, schedules, sessions, bookings and the links between them.
#pragma once

#include <span>

#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

std::span<const Migration> bookingMigrations();

}  // namespace bookdav::storage::sql
