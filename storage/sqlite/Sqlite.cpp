#include "storage/sqlite/Sqlite.h"

#include <sqlite3.h>

namespace bookdav::storage::sqlite {

bool StorageError::busy() const {
  int primary = code_ & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

bool StorageError::constraint() const {
  return (code_ & 0xff) == SQLITE_CONSTRAINT;
}

// ---- Statement ----

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) conn_->fail(rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (int rc = sqlite3_bind_double(stmt_, index, value); rc != SQLITE_OK) conn_->fail(rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) conn_->fail(rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
  if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) conn_->fail(rc, "bind");
  return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) conn_->fail(rc, "bind");
  return *this;
}

Statement& Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  conn_->fail(rc, "step");
}

void Statement::run() {
  while (step()) {
  }
}

std::int64_t Statement::changes() const {
  return sqlite3_changes64(conn_->handle());
}

bool Statement::isNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
std::int64_t Statement::int64(int col) const {
  return sqlite3_column_int64(stmt_, col);
}
double Statement::real(int col) const {
  return sqlite3_column_double(stmt_, col);
}

std::string Statement::text(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), n) : std::string();
}

std::optional<std::string> Statement::optionalText(int col) const {
  if (isNull(col)) return std::nullopt;
  return text(col);
}

std::optional<std::int64_t> Statement::optionalInt64(int col) const {
  if (isNull(col)) return std::nullopt;
  return int64(col);
}

// ---- Connection ----

Connection::Connection(const std::string& path, Durability durability) {
  int rc = sqlite3_open_v2(path.c_str(), &db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StorageError(rc, "cannot open database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;");
  exec(durability == Durability::PowerLoss ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Statement Connection::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, "prepare: " + key);
    it = cache_.emplace(std::move(key), stmt).first;
  }
  return Statement(*this, it->second);
}

void Connection::exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw StorageError(sqlite3_extended_errcode(db_), msg + " (in: " + text.substr(0, 120) + ")");
  }
}

std::int64_t Connection::lastInsertRowid() const {
  return sqlite3_last_insert_rowid(db_);
}
bool Connection::inTransaction() const {
  return !sqlite3_get_autocommit(db_);
}

void Connection::fail(int code, std::string_view context) const {
  int extended = sqlite3_extended_errcode(db_);
  throw StorageError(extended ? extended : code, std::string(context) + ": " + sqlite3_errmsg(db_));
}

// ---- transactions ----

WriteTransaction::WriteTransaction(Connection& conn) : conn_(conn) {
  conn_.prepare("BEGIN IMMEDIATE").run();
}

WriteTransaction::~WriteTransaction() {
  if (!done_ && conn_.inTransaction()) {
    try {
      conn_.prepare("ROLLBACK").run();
    } catch (const StorageError&) {
      // The transaction is already gone (SQLite rolled it back itself); nothing is left to undo.
    }
  }
}

void WriteTransaction::commit() {
  conn_.prepare("COMMIT").run();
  done_ = true;
}

ReadTransaction::ReadTransaction(Connection& conn) : conn_(conn) {
  conn_.prepare("BEGIN").run();
}

ReadTransaction::~ReadTransaction() {
  if (conn_.inTransaction()) {
    try {
      conn_.prepare("COMMIT").run();
    } catch (const StorageError&) {
      // A read-only transaction has nothing to lose.
    }
  }
}

}  // namespace bookdav::storage::sqlite
