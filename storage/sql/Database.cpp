#include "storage/sql/Database.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "storage/postgres/PgConnection.h"
#include "storage/sql/Dialect.h"
#include "storage/sqlite/SqliteConnection.h"

namespace bookdav::storage::sql {

bool isPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Database::Database(std::string location, Durability durability)
    : location_(std::move(location)),
      engine_(isPostgresUrl(location_) ? Engine::Postgres : Engine::Sqlite),
      durability_(durability) {
  if (location_.empty() || location_ == ":memory:")
    throw StorageError(0, "bookdav needs a database file, not memory");
  write([](Connection& c) {  // creates the file (switched to WAL) or checks the server is there
    c.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " module TEXT NOT NULL, version INTEGER NOT NULL, applied_at INTEGER NOT NULL,"
        " PRIMARY KEY (module, version))");
  });
}

Database::~Database() = default;

Database::Lease::~Lease() {
  if (conn_ && db_) db_->release(std::move(conn_));
}

std::unique_ptr<Connection> Database::open() {
  if (engine_ == Engine::Postgres) return std::make_unique<postgres::PgConnection>(location_);
  return std::make_unique<sqlite::SqliteConnection>(location_, durability_);
}

Database::Lease Database::connection() {
  {
    std::lock_guard lock(mutex_);
    while (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      // One whose server session ended while it was idle is closed; the next one (or a new one) serves.
      if (conn->healthy()) return Lease(*this, std::move(conn));
    }
  }
  return Lease(*this, open());
}

void Database::release(std::unique_ptr<Connection> conn) {
  // Never hand on a connection in an unknown state or one whose server went away: close it, and the
  // next lease opens a fresh one.
  if (!conn->healthy() || conn->inTransaction()) return;
  std::lock_guard lock(mutex_);
  if (idle_.size() < 64) idle_.push_back(std::move(conn));
}

void Database::waitToReconnect(int attempt, const StorageError& lost) {
  constexpr int kAttempts = 9;  // 50, 100, 200, 400, 800, then 1000 ms: about 5 s for a restart
  if (attempt + 1 >= kAttempts)
    throw domain::StoreUnavailable(domain::StoreUnavailable::Outcome::NotMade,
                                   std::string("the database is not reachable: ") + lost.what());
  std::this_thread::sleep_for(std::chrono::milliseconds(std::min(1000, 50 << attempt)));
}

void Database::migrate(std::string_view module, std::span<const Migration> migrations) {
  for (const Migration& m : migrations) {
    write([&](Connection& c) {
      auto done = c.prepare("SELECT 1 FROM schema_migrations WHERE module = ?1 AND version = ?2");
      done.bindAll(module, m.version);
      if (done.step()) return;
      if (c.engine() == Engine::Postgres)
        c.exec(m.postgres.empty() ? postgresDdl(m.sql) : std::string(m.postgres));
      else
        c.exec(m.sql);
      if (m.then) m.then(c);
      auto now = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
      c.prepare("INSERT INTO schema_migrations (module, version, applied_at) VALUES (?1, ?2, ?3)")
          .bindAll(module, m.version, static_cast<std::int64_t>(now))
          .run();
    });
  }
}

}  // namespace bookdav::storage::sql
