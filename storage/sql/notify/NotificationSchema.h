// The "notify" module's migrations: notification rows (the outbox the delivery worker sends from)
// and the business's contact.
#pragma once

#include <span>

#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

std::span<const Migration> notificationMigrations();

}  // namespace bookdav::storage::sql
