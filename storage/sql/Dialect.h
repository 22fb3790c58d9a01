// The few places where SQLite and PostgreSQL spell SQL differently. Repositories write SQL both engines
// accept (`?N` parameters, ON CONFLICT, RETURNING, "end" quoted) and take the rest from here.
#pragma once

#include <string>
#include <string_view>

#include "storage/sql/Sql.h"

namespace bookdav::storage::sql {

// A migration's SQLite DDL as PostgreSQL DDL: INTEGER PRIMARY KEY [AUTOINCREMENT] becomes a BIGINT
// identity, INTEGER BIGINT, BLOB BYTEA, and WITHOUT ROWID is dropped. Migrations that need more spell
// their PostgreSQL text out (Migration::postgres).
std::string postgresDdl(std::string_view sqliteDdl);

// A FROM item `j` over the JSON array of integers bound to ?param: j.value (the integer) and j.key (its
// position, for ORDER BY).
std::string jsonIdList(Engine engine, int param);

// A query of one row and column: the last value the AUTOINCREMENT / identity `column` of `table` handed
// out (0 before the first); it never goes back, even when rows are deleted.
std::string lastHandedOutSql(Engine engine, std::string_view table, std::string_view column);

}  // namespace bookdav::storage::sql
