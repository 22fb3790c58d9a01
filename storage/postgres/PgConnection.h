// The PostgreSQL driver of storage/sql (libpq): the only place that owns PGconn and PGresult handles.
// Statements are prepared once per connection (with the parameter types of their first binding) and
// `?N` parameters become `$N`. Write transactions take one advisory lock, so writes of every process on
// the database are serialised as SQLite's BEGIN IMMEDIATE serialises them (README.md, "Several
// processes on PostgreSQL").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/sql/Sql.h"

struct pg_conn;
struct pg_result;

namespace bookdav::storage::postgres {

struct PgResultFree {
  void operator()(pg_result* r) const;
};
struct PgConnFree {
  void operator()(pg_conn* c) const;
};
using PgResult = std::unique_ptr<pg_result, PgResultFree>;
using PgConn = std::unique_ptr<pg_conn, PgConnFree>;

// The advisory lock key every write transaction holds ("bookdav" in ASCII).
constexpr long long kWriteLockKey = 0x626f6f6b646176LL;

// `?N` parameters as PostgreSQL's `$N` (outside quoted strings and identifiers); `highest` gets the
// largest N.
std::string dollarParameters(std::string_view sql, int& highest);

class PgConnection;

// One SQL text on one connection: its bindings, its prepared forms (one per parameter-type signature)
// and the result of its last execution, read row by row.
class PgStatement final : public sql::StatementDriver {
 public:
  PgStatement(PgConnection& conn, std::string sql, int parameters)
      : conn_(conn), sql_(std::move(sql)), parameters_(parameters) {}
  void bindInt64(int index, std::int64_t value) override;
  void bindReal(int index, double value) override;
  void bindText(int index, std::string_view text) override;
  void bindBlob(int index, std::string_view bytes) override;
  void bindNull(int index) override;
  void reset() override;
  bool step() override;
  std::int64_t changes() const override { return changes_; }
  bool isNull(int col) const override;
  std::int64_t int64(int col) const override;
  double real(int col) const override;
  std::string text(int col) const override;

 private:
  struct Parameter {
    std::optional<std::string> value;
    unsigned type = 0;  // Oid; 0 lets the server infer it (a bound NULL)
    bool binary = false;
    bool bound = false;
  };
  Parameter& at(int index);
  void execute();
  const char* value(int col) const;

  PgConnection& conn_;
  std::string sql_;
  int parameters_;
  std::vector<Parameter> params_;
  std::unordered_map<std::string, std::string> prepared_;  // type signature -> statement name
  PgResult result_;
  bool executed_ = false;
  int row_ = -1;
  std::int64_t changes_ = 0;
};

// One libpq connection, opened from a postgresql:// URL (passwords come from PGPASSWORD or PGPASSFILE,
// never the URL on the command line).
class PgConnection final : public sql::Connection {
 public:
  explicit PgConnection(const std::string& url);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() override;

  sql::Engine engine() const override { return sql::Engine::Postgres; }
  sql::Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override;
  bool inTransaction() const override;
  bool healthy() const override;
  // READ COMMITTED, then pg_advisory_xact_lock(kWriteLockKey): one writer at a time across processes,
  // and every statement after the lock sees every earlier commit.
  void beginWrite() override;
  // REPEATABLE READ: one snapshot for all reads.
  void beginRead() override;
  void commit() override;
  void rollback() override;

  pg_conn* handle() const { return conn_.get(); }
  std::string nextStatementName() { return "bookdav_" + std::to_string(++statements_); }
  // Throws the StorageError for a failed result (nullptr: the connection failed).
  [[noreturn]] void fail(const pg_result* result, std::string_view context) const;

 private:
  PgConn conn_;
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> cache_;
  long statements_ = 0;
};

}  // namespace bookdav::storage::postgres
