#include "storage/sqlite/Database.h"

#include <chrono>

namespace bookdav::storage::sqlite {

Database::Database(std::string path, Durability durability)
    : path_(std::move(path)), durability_(durability) {
  if (path_.empty() || path_ == ":memory:")
    throw StorageError(0, "bookdav needs a database file, not memory");
  Lease c = connection();  // creates the file and switches it to WAL
  c->exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " module TEXT NOT NULL, version INTEGER NOT NULL, applied_at INTEGER NOT NULL,"
      " PRIMARY KEY (module, version))");
}

Database::~Database() = default;

Database::Lease::~Lease() {
  if (conn_ && db_) db_->release(std::move(conn_));
}

Database::Lease Database::connection() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(conn));
    }
  }
  return Lease(*this, std::make_unique<Connection>(path_, durability_));
}

void Database::release(std::unique_ptr<Connection> conn) {
  if (conn->inTransaction()) return;  // never hand on a connection in an unknown state; close it
  std::lock_guard lock(mutex_);
  if (idle_.size() < 64) idle_.push_back(std::move(conn));
}

void Database::migrate(std::string_view module, std::span<const Migration> migrations) {
  for (const Migration& m : migrations) {
    write([&](Connection& c) {
      auto done = c.prepare("SELECT 1 FROM schema_migrations WHERE module = ?1 AND version = ?2");
      done.bindAll(module, m.version);
      if (done.step()) return;
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

}  // namespace bookdav::storage::sqlite
