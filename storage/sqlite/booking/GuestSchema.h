// The tables of guest bookings and the business's settings (module "guests" of Database::migrate, kept
// apart from "booking" so that its numbering is its own): manage-token digests and the public flag.
#pragma once

#include <span>

#include "storage/sqlite/Database.h"

namespace bookdav::storage::sqlite {

std::span<const Migration> guestMigrations();

}  // namespace bookdav::storage::sqlite
