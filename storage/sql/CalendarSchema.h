// Schema of stored collections, members, dead properties and the instance index.
#pragma once

#include <span>

#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

std::span<const Migration> calendarMigrations();

}  // namespace bookdav::storage::sql
