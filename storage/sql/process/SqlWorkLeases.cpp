#include "storage/sql/process/SqlWorkLeases.h"

#include "storage/sql/process/ProcessSchema.h"

namespace bookdav::storage::sql {

using domain::Instant;

SqlWorkLeases::SqlWorkLeases(Database& db) : db_(db) {
  db_.migrate("process", processMigrations());
}

bool SqlWorkLeases::hold(std::string_view name, std::string_view holder, Instant now, Instant until) {
  return db_.write([&](Connection& c) {
    // Free, expired or already ours: ours until `until`. Otherwise the row stays as it is.
    c.prepare(
         "INSERT INTO work_leases (name, holder, expires) VALUES (?1, ?2, ?4)"
         " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires"
         " WHERE work_leases.holder = ?2 OR work_leases.expires <= ?3")
        .bindAll(name, holder, domain::toUnix(now), domain::toUnix(until))
        .run();
    auto s = c.prepare("SELECT holder FROM work_leases WHERE name = ?1");
    s.bindAll(name);
    return s.step() && s.text(0) == holder;
  });
}

void SqlWorkLeases::release(std::string_view name, std::string_view holder) {
  db_.write([&](Connection& c) {
    c.prepare("DELETE FROM work_leases WHERE name = ?1 AND holder = ?2").bindAll(name, holder).run();
  });
}

std::optional<domain::WorkLease> SqlWorkLeases::find(std::string_view name) {
  return db_.read([&](Connection& c) -> std::optional<domain::WorkLease> {
    auto s = c.prepare("SELECT holder, expires FROM work_leases WHERE name = ?1");
    s.bindAll(name);
    if (!s.step()) return std::nullopt;
    return domain::WorkLease{std::string(name), s.text(0), domain::fromUnix(s.int64(1))};
  });
}

}  // namespace bookdav::storage::sql
