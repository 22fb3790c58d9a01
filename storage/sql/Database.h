// One database shared by all threads, on SQLite (a file) or PostgreSQL (a postgresql:// URL): a pool of
// per-thread connections, numbered migrations per module, and the write/read transaction helpers that
// every repository uses.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/StoreUnavailable.h"
#include "storage/sql/Sql.h"

namespace bookdav::storage::sql {

// One schema change of a module; versions count up from 1 and are never reused. sql is written for
// SQLite; on PostgreSQL it runs through postgresDdl() (Dialect.h) unless `postgres` spells it out.
struct Migration {
  int version;
  std::string_view sql;
  // Runs after sql, in the same transaction, for changes SQL cannot express (hashing values).
  void (*then)(Connection&) = nullptr;
  std::string_view postgres = {};
};

// True for postgresql:// and postgres:// URLs (anything else is an SQLite file path).
bool isPostgresUrl(std::string_view location);

class Database {
 public:
  // Opens the database at `location`: a PostgreSQL URL (isPostgresUrl), or an SQLite file (created if
  // missing; ":memory:" is refused because connections must share one database). durability is SQLite's.
  explicit Database(std::string location, Durability durability = Durability::PowerLoss);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // The file path or URL it was opened with.
  const std::string& path() const { return location_; }
  Engine engine() const { return engine_; }

  // A connection borrowed for the current scope; returned to the pool when the Lease dies (or dropped,
  // when it is broken or left inside a transaction).
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

  // Runs f(Connection&) inside a write transaction (Connection::beginWrite); an exception rolls
  // everything back. A connection to PostgreSQL lost before COMMIT is replaced and f runs again from
  // the start (for a few seconds: a server restart); lost during COMMIT, the outcome is unknown and
  // domain::StoreUnavailable says so; still unreachable, domain::StoreUnavailable (nothing changed).
  template <typename F>
  auto write(F&& f) {
    for (int attempt = 0;; ++attempt) {
      bool committing = false;
      try {
        Lease c = connection();
        WriteTransaction tx(*c);
        if constexpr (std::is_void_v<decltype(f(*c))>) {
          f(*c);
          committing = true;
          tx.commit();
          return;
        } else {
          auto result = f(*c);
          committing = true;
          tx.commit();
          return result;
        }
      } catch (const StorageError& e) {
        if (!e.disconnected()) throw;
        if (committing)
          throw domain::StoreUnavailable(
              domain::StoreUnavailable::Outcome::Unknown,
              std::string("the database connection was lost during COMMIT: ") + e.what());
        waitToReconnect(attempt, e);
      }
    }
  }

  // Runs f(Connection&) over one consistent snapshot; a lost connection is replaced as for write.
  template <typename F>
  auto read(F&& f) {
    for (int attempt = 0;; ++attempt) {
      try {
        Lease c = connection();
        ReadTransaction tx(*c);
        return f(*c);
      } catch (const StorageError& e) {
        if (!e.disconnected()) throw;
        waitToReconnect(attempt, e);
      }
    }
  }

  // Runs f(Connection&) outside a transaction (one statement, autocommit); a lost connection is
  // replaced as for read.
  template <typename F>
  auto autocommit(F&& f) {
    for (int attempt = 0;; ++attempt) {
      try {
        Lease c = connection();
        return f(*c);
      } catch (const StorageError& e) {
        if (!e.disconnected()) throw;
        waitToReconnect(attempt, e);
      }
    }
  }

  // Applies the module's migrations not applied yet, each in its own write transaction, in order. The
  // write transactions serialise processes that migrate at the same time: each migration runs once.
  void migrate(std::string_view module, std::span<const Migration> migrations);

 private:
  std::unique_ptr<Connection> open();
  // Sleeps before the next attempt after a lost connection (backoff, about 5 s in all), or throws
  // domain::StoreUnavailable (nothing changed) when the attempts are used up.
  void waitToReconnect(int attempt, const StorageError& lost);
  void release(std::unique_ptr<Connection> conn);

  std::string location_;
  Engine engine_;
  Durability durability_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace bookdav::storage::sql
