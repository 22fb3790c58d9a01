#include "storage/sql/process/ProcessSchema.h"

namespace bookdav::storage::sql {
namespace {

// Times are Unix seconds (UTC).
constexpr Migration kMigrations[] = {
    {1,
     "CREATE TABLE work_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires INTEGER NOT NULL);"
     // Front desk sessions: digests (SHA-256, hex) of the cookie's id and of the CSRF token.
     "CREATE TABLE desk_sessions ("
     " id_digest TEXT PRIMARY KEY, csrf_digest TEXT NOT NULL, user_name TEXT NOT NULL, role TEXT NOT NULL,"
     " last_use INTEGER NOT NULL);"
     "CREATE INDEX desk_sessions_by_use ON desk_sessions (last_use);"},
};

}  // namespace

std::span<const Migration> processMigrations() {
  return kMigrations;
}

}  // namespace bookdav::storage::sql
