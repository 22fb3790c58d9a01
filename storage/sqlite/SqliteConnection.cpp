#include "storage/sqlite/SqliteConnection.h"

#include <sqlite3.h>

namespace bookdav::storage::sqlite {
namespace {

sql::StorageError::Kind kindOf(int code) {
  int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return sql::StorageError::Kind::Busy;
  if (primary == SQLITE_CONSTRAINT) return sql::StorageError::Kind::Constraint;
  return sql::StorageError::Kind::Other;
}

}  // namespace

// ---- SqliteStatement ----

SqliteStatement::~SqliteStatement() {
  sqlite3_finalize(stmt_);
}

void SqliteStatement::bindInt64(int index, std::int64_t value) {
  if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) conn_.fail(rc, "bind");
}

void SqliteStatement::bindReal(int index, double value) {
  if (int rc = sqlite3_bind_double(stmt_, index, value); rc != SQLITE_OK) conn_.fail(rc, "bind");
}

void SqliteStatement::bindText(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) conn_.fail(rc, "bind");
}

void SqliteStatement::bindNull(int index) {
  if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) conn_.fail(rc, "bind");
}

void SqliteStatement::bindBlob(int index, std::string_view bytes) {
  int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) conn_.fail(rc, "bind");
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool SqliteStatement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  conn_.fail(rc, "step");
}

std::int64_t SqliteStatement::changes() const {
  return sqlite3_changes64(conn_.handle());
}

bool SqliteStatement::isNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
std::int64_t SqliteStatement::int64(int col) const {
  return sqlite3_column_int64(stmt_, col);
}
double SqliteStatement::real(int col) const {
  return sqlite3_column_double(stmt_, col);
}

std::string SqliteStatement::text(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), n) : std::string();
}

// ---- SqliteConnection ----

SqliteConnection::SqliteConnection(const std::string& path, sql::Durability durability) {
  int rc = sqlite3_open_v2(path.c_str(), &db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw sql::StorageError(rc, "cannot open database " + path + ": " + msg, kindOf(rc));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;");
  exec(durability == sql::Durability::PowerLoss ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
}

SqliteConnection::~SqliteConnection() {
  cache_.clear();  // finalizes the statements before the connection closes
  sqlite3_close_v2(db_);
}

sql::Statement SqliteConnection::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, "prepare: " + key);
    auto driver = std::make_unique<SqliteStatement>(*this, stmt);
    it = cache_.emplace(std::move(key), std::move(driver)).first;
  }
  return sql::Statement(*it->second);
}

void SqliteConnection::exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    int code = sqlite3_extended_errcode(db_);
    throw sql::StorageError(code, msg + " (in: " + text.substr(0, 120) + ")", kindOf(code));
  }
}

bool SqliteConnection::inTransaction() const {
  return !sqlite3_get_autocommit(db_);
}

void SqliteConnection::beginWrite() {
  prepare("BEGIN IMMEDIATE").run();
}
void SqliteConnection::beginRead() {
  prepare("BEGIN").run();
}
void SqliteConnection::commit() {
  prepare("COMMIT").run();
}
void SqliteConnection::rollback() {
  prepare("ROLLBACK").run();
}

void SqliteConnection::fail(int code, std::string_view context) const {
  int extended = sqlite3_extended_errcode(db_);
  if (!extended) extended = code;
  throw sql::StorageError(extended, std::string(context) + ": " + sqlite3_errmsg(db_), kindOf(extended));
}

}  // namespace bookdav::storage::sqlite
