// The "process" module's migrations: what several bookdav processes on one database share besides the
// business's data (work leases, the front desk's sessions).
#pragma once

#include <span>

#include "storage/sqlite/Database.h"

namespace bookdav::storage::sqlite {

std::span<const Migration> processMigrations();

}  // namespace bookdav::storage::sqlite
