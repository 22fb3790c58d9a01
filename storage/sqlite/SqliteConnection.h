// The SQLite driver of storage/sql: the only place that owns sqlite3 and sqlite3_stmt handles. A
// connection is opened with WAL, foreign keys and a busy timeout; write transactions are BEGIN IMMEDIATE.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "storage/sql/Sql.h"

struct sqlite3;
struct sqlite3_stmt;

namespace bookdav::storage::sqlite {

class SqliteConnection;

// One cached sqlite3_stmt.
class SqliteStatement final : public sql::StatementDriver {
 public:
  SqliteStatement(SqliteConnection& conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  ~SqliteStatement() override;
  void bindInt64(int index, std::int64_t value) override;
  void bindReal(int index, double value) override;
  void bindText(int index, std::string_view text) override;
  void bindBlob(int index, std::string_view bytes) override;
  void bindNull(int index) override;
  void reset() override;
  bool step() override;
  std::int64_t changes() const override;
  bool isNull(int col) const override;
  std::int64_t int64(int col) const override;
  double real(int col) const override;
  std::string text(int col) const override;

 private:
  SqliteConnection& conn_;
  sqlite3_stmt* stmt_;
};

// One SQLite connection: opened with WAL, foreign keys, a busy timeout and the durability's
// synchronous setting.
class SqliteConnection final : public sql::Connection {
 public:
  explicit SqliteConnection(const std::string& path, sql::Durability durability = sql::Durability::PowerLoss);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() override;

  sql::Engine engine() const override { return sql::Engine::Sqlite; }
  sql::Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override;
  bool inTransaction() const override;
  // BEGIN IMMEDIATE: the write lock is taken up front, so reads inside see what the write decides on.
  void beginWrite() override;
  // BEGIN (deferred): the snapshot starts with the first read.
  void beginRead() override;
  void commit() override;
  void rollback() override;

  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(int code, std::string_view context) const;

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> cache_;
};

}  // namespace bookdav::storage::sqlite
