// The tables of guest bookings and the business's settings (module "guests" of Database::migrate, kept
// apart from "booking" so that its numbering is its own): manage-token digests and the public flag.
#pragma once

#include <span>

#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

std::span<const Migration> guestMigrations();

}  // namespace bookdav::storage::sql
