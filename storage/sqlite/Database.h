// One SQLite database file shared by all threads: a pool of per-thread connections, numbered
// migrations per module, and write/read transaction helpers that every repository uses.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite/Sqlite.h"

namespace bookdav::storage::sqlite {

// One schema change of a module; versions count up from 1 and are never reused.
struct Migration {
  int version;
  std::string_view sql;
  // Runs after sql, in the same transaction, for changes SQL cannot express (hashing values).
  void (*then)(Connection&) = nullptr;
};

class Database {
 public:
  // Opens (creating if missing) the database file; ":memory:" is refused because connections
  // must share one database.
  explicit Database(std::string path, Durability durability = Durability::PowerLoss);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  const std::string& path() const { return path_; }

  // A connection borrowed for the current scope; returned to the pool when the Lease dies.
  class Lease {
   public:
    Lease(Database& db, std::unique_ptr<Connection> conn) : db_(&db), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = default;
    ~Lease();
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    Database* db_;
    std::unique_ptr<Connection> conn_;
  };
  Lease connection();

  // Runs f(Connection&) inside BEGIN IMMEDIATE ... COMMIT; an exception rolls everything back.
  template <typename F>
  auto write(F&& f) {
    Lease c = connection();
    WriteTransaction tx(*c);
    if constexpr (std::is_void_v<decltype(f(*c))>) {
      f(*c);
      tx.commit();
    } else {
      auto result = f(*c);
      tx.commit();
      return result;
    }
  }

  // Runs f(Connection&) over one consistent snapshot.
  template <typename F>
  auto read(F&& f) {
    Lease c = connection();
    ReadTransaction tx(*c);
    return f(*c);
  }

  // Applies the module's migrations not applied yet, each in its own transaction, in order.
  void migrate(std::string_view module, std::span<const Migration> migrations);

 private:
  void release(std::unique_ptr<Connection> conn);

  std::string path_;
  Durability durability_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace bookdav::storage::sqlite
