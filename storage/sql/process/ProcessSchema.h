// The "process" module's migrations: what several bookdav processes on one database share besides the
// business's data (work leases, the front desk's sessions).
#pragma once

#include <span>

#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

std::span<const Migration> processMigrations();

}  // namespace bookdav::storage::sql
