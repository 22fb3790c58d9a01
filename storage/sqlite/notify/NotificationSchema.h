// The "notify" module's migrations: notification rows (the outbox the delivery worker sends from)
// and the business's contact.
#pragma once

#include <span>

#include "storage/sqlite/Database.h"

namespace bookdav::storage::sqlite {

std::span<const Migration> notificationMigrations();

}  // namespace bookdav::storage::sqlite
