// RAII wrappers over the SQLite C API, the only place that owns sqlite3 and sqlite3_stmt handles:
// Connection (one per thread, WAL, busy timeout, cached prepared statements), Statement (a
// cached statement, reset when the wrapper goes out of scope) and StorageError.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace bookdav::storage::sqlite {

// An SQLite failure: the extended result code and SQLite's message.
class StorageError : public std::runtime_error {
 public:
  StorageError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  bool busy() const;        // SQLITE_BUSY / SQLITE_LOCKED (another writer held on past the timeout)
  bool constraint() const;  // a UNIQUE / FOREIGN KEY / CHECK constraint failed

 private:
  int code_;
};

class Connection;

// A prepared statement borrowed from a Connection's cache. Bind with 1-based indexes, then step();
// columns are 0-based. Destroying the Statement resets it for the next user.
class Statement {
 public:
  Statement(Connection& conn, sqlite3_stmt* stmt) : conn_(&conn), stmt_(stmt) {}
  Statement(Statement&& other) noexcept : conn_(other.conn_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::nullptr_t);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  Statement& bindBlob(int index, std::string_view bytes);

  // Binds all arguments to ?1, ?2, ... in order.
  template <typename... Args>
  Statement& bindAll(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Clears results and bindings so the statement can run again with new values.
  Statement& reset();
  bool step();  // true while a row is available
  void run();   // steps to completion, for statements without rows
  std::int64_t changes() const;

  bool isNull(int col) const;
  std::int64_t int64(int col) const;
  int integer(int col) const { return static_cast<int>(int64(col)); }
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::string> optionalText(int col) const;
  std::optional<std::int64_t> optionalInt64(int col) const;

 private:
  Connection* conn_;
  sqlite3_stmt* stmt_;
};

// One SQLite connection: opened with WAL, synchronous=NORMAL, foreign keys and a busy timeout.
// Not thread-safe: use one per thread (see ConnectionPool).
// What a committed transaction survives (PRAGMA synchronous in WAL mode). PowerLoss (FULL) syncs the
// write-ahead log on every commit; ProcessCrash (NORMAL) syncs only at checkpoints, so a power cut can
// lose the last commits (never corrupt the file). See README.md, "Durability".
enum class Durability { PowerLoss, ProcessCrash };

class Connection {
 public:
  explicit Connection(const std::string& path, Durability durability = Durability::PowerLoss);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // A cached prepared statement for this SQL text.
  Statement prepare(std::string_view sql);
  // Runs one or more statements without results (DDL, PRAGMA).
  void exec(std::string_view sql);
  std::int64_t lastInsertRowid() const;
  bool inTransaction() const;
  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(int code, std::string_view context) const;

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE ... COMMIT: the write lock is taken up front, so reads inside see what the write
// decides on. Rolls back when destroyed without commit() (an exception unwinding through it).
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& conn);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  void commit();

 private:
  Connection& conn_;
  bool done_ = false;
};

// BEGIN (deferred) ... COMMIT for a consistent snapshot over several reads.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& conn);
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction();

 private:
  Connection& conn_;
};

}  // namespace bookdav::storage::sqlite
