// Schema of stored collections, members, dead properties and the instance index.
#pragma once

#include <span>

#include "storage/sqlite/Database.h"

namespace bookdav::storage::sqlite {

std::span<const Migration> calendarMigrations();

}  // namespace bookdav::storage::sqlite
