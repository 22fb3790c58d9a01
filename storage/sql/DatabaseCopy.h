// Copies a whole bookdav database (every table: the business, calendars, bookings, sync tokens and
// change logs, the outbox) from an SQLite database into another database of the same schema, in one
// write transaction on the target: all or nothing. The target must be empty (its migrations applied,
// no rows); the identity / AUTOINCREMENT counters are carried over, so ids and sync tokens go on
// from where the source stopped.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/sql/Database.h"

namespace bookdav::storage::sql {

// Why a copy was refused (a non-empty target, a schema that differs); nothing was written.
class CopyRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TableRows {
  std::string table;
  std::int64_t rows = 0;
};

class DatabaseCopy {
 public:
  // from: an SQLite database; to: any engine. Both have their migrations applied.
  DatabaseCopy(Database& from, Database& to);

  // The tables to copy, in an order that satisfies their foreign keys, with their row counts.
  const std::vector<TableRows>& plan() const { return plan_; }

  // Copies every row; progress(table, rows copied of that table so far) is called as it goes.
  void run(const std::function<void(const std::string& table, std::int64_t copied)>& progress);

 private:
  struct Column {
    std::string name;
    std::string type;  // declared SQLite type, upper case
  };
  std::vector<Column> columns(const std::string& table);

  Database& from_;
  Database& to_;
  std::vector<TableRows> plan_;
};

}  // namespace bookdav::storage::sql
