// The engine-neutral SQL interface every repository is written against: Connection (one per thread,
// cached prepared statements), Statement (a borrowed prepared statement: `?N` binds, step(), typed
// columns), the write/read transactions and StorageError. Drivers: storage/sqlite, storage/postgres.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bookdav::storage::sql {

enum class Engine { Sqlite, Postgres };

// A database failure: the driver's code (SQLite extended result code, or 0 with the SQLSTATE for
// PostgreSQL) and message, classified the same way for both engines.
class StorageError : public std::runtime_error {
 public:
  enum class Kind { Other, Busy, Constraint, Disconnected };
  StorageError(int code, const std::string& what, Kind kind = Kind::Other)
      : std::runtime_error(what), code_(code), kind_(kind) {}
  int code() const { return code_; }
  bool busy() const { return kind_ == Kind::Busy; }              // another writer held on past the timeout
  bool constraint() const { return kind_ == Kind::Constraint; }  // a UNIQUE / FOREIGN KEY / CHECK failed
  // The connection to the database server failed or was closed (PostgreSQL): the transaction did not
  // commit, unless this came from COMMIT itself.
  bool disconnected() const { return kind_ == Kind::Disconnected; }

 private:
  int code_;
  Kind kind_;
};

// What a driver does for one prepared statement; Statement is the repositories' face of it.
class StatementDriver {
 public:
  virtual ~StatementDriver() = default;
  virtual void bindInt64(int index, std::int64_t value) = 0;
  virtual void bindReal(int index, double value) = 0;
  virtual void bindText(int index, std::string_view text) = 0;
  virtual void bindBlob(int index, std::string_view bytes) = 0;
  virtual void bindNull(int index) = 0;
  virtual void reset() = 0;  // clears results and bindings
  virtual bool step() = 0;
  virtual std::int64_t changes() const = 0;
  virtual bool isNull(int col) const = 0;
  virtual std::int64_t int64(int col) const = 0;
  virtual double real(int col) const = 0;
  virtual std::string text(int col) const = 0;  // text or blob bytes
};

// A prepared statement borrowed from a Connection's cache. Bind with 1-based indexes (`?N` in the SQL),
// then step(); columns are 0-based. Destroying the Statement resets it for the next user.
class Statement {
 public:
  explicit Statement(StatementDriver& driver) : d_(&driver) {}
  Statement(Statement&& other) noexcept : d_(other.d_) { other.d_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() {
    if (d_) d_->reset();
  }

  Statement& bind(int index, std::int64_t value) { return d_->bindInt64(index, value), *this; }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value) { return d_->bindReal(index, value), *this; }
  Statement& bind(int index, std::string_view text) { return d_->bindText(index, text), *this; }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::nullptr_t) { return d_->bindNull(index), *this; }
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  Statement& bindBlob(int index, std::string_view bytes) { return d_->bindBlob(index, bytes), *this; }

  // Binds all arguments to ?1, ?2, ... in order.
  template <typename... Args>
  Statement& bindAll(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Clears results and bindings so the statement can run again with new values.
  Statement& reset() { return d_->reset(), *this; }
  bool step() { return d_->step(); }  // true while a row is available
  void run() {                        // steps to completion, for statements without rows
    while (step()) {
    }
  }
  std::int64_t changes() const { return d_->changes(); }

  bool isNull(int col) const { return d_->isNull(col); }
  std::int64_t int64(int col) const { return d_->int64(col); }
  int integer(int col) const { return static_cast<int>(int64(col)); }
  double real(int col) const { return d_->real(col); }
  std::string text(int col) const { return d_->text(col); }
  std::optional<std::string> optionalText(int col) const {
    if (isNull(col)) return std::nullopt;
    return text(col);
  }
  std::optional<std::int64_t> optionalInt64(int col) const {
    if (isNull(col)) return std::nullopt;
    return int64(col);
  }

 private:
  StatementDriver* d_;
};

// What a committed SQLite transaction survives (PRAGMA synchronous in WAL mode). PowerLoss (FULL) syncs
// the write-ahead log on every commit; ProcessCrash (NORMAL) syncs only at checkpoints, so a power cut can
// lose the last commits (never corrupt the file). See README.md, "Durability". PostgreSQL commits follow
// the server's own settings (synchronous_commit).
enum class Durability { PowerLoss, ProcessCrash };

// One connection to the database. Not thread-safe: use one per thread (see Database).
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // A cached prepared statement for this SQL text (`?N` parameters, SQL both engines accept).
  virtual Statement prepare(std::string_view sql) = 0;
  // Runs one or more statements without results (DDL).
  virtual void exec(std::string_view sql) = 0;
  virtual bool inTransaction() const = 0;
  // False once the connection to the server is lost (checked without blocking); the pool then drops it.
  virtual bool healthy() { return true; }

  // A write transaction: writes of all threads and processes are serialised from its start on, so the
  // reads inside see everything committed before and what the write decides on stays true until commit.
  virtual void beginWrite() = 0;
  // A read transaction over one consistent snapshot.
  virtual void beginRead() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
};

// beginWrite() ... commit(); rolls back when destroyed without commit() (an exception unwinding through it).
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& conn) : conn_(conn) { conn_.beginWrite(); }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() {
    if (!done_ && conn_.inTransaction()) {
      try {
        conn_.rollback();
      } catch (const StorageError&) {
        // The transaction is already gone (the engine rolled it back itself); nothing is left to undo.
      }
    }
  }
  void commit() {
    conn_.commit();
    done_ = true;
  }

 private:
  Connection& conn_;
  bool done_ = false;
};

// beginRead() ... commit() for a consistent snapshot over several reads.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& conn) : conn_(conn) { conn_.beginRead(); }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction() {
    if (conn_.inTransaction()) {
      try {
        conn_.commit();
      } catch (const StorageError&) {
        // A read-only transaction has nothing to lose.
      }
    }
  }

 private:
  Connection& conn_;
};

}  // namespace bookdav::storage::sql
