// The change log in SQLite: recordChange() is called inside the writer's own transaction.
#pragma once

#include "domain/sync/ChangeLog.h"
#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

// Appends one change row; call it inside the transaction that makes the change.
void recordChange(Connection& conn, std::string_view scope, std::string_view item, bool deleted);

class SqlChangeLog final : public domain::ChangeLog {
 public:
  explicit SqlChangeLog(Database& db);
  std::int64_t latest(std::span<const std::string> scopes) override;
  std::vector<domain::Change> since(std::span<const std::string> scopes, std::int64_t after) override;

  // Same as the interface, on a connection the caller already holds (inside its transaction).
  static std::int64_t latest(Connection& conn, std::span<const std::string> scopes);

 private:
  Database& db_;
};

}  // namespace bookdav::storage::sql
