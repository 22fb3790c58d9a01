#include "storage/sql/SqlChangeLog.h"

#include <algorithm>

namespace bookdav::storage::sql {
namespace {

constexpr Migration kChangeLogMigrations[] = {
    {1,
     "CREATE TABLE changes ("
     " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
     " scope TEXT NOT NULL,"
     " item TEXT NOT NULL,"
     " deleted INTEGER NOT NULL DEFAULT 0);"
     "CREATE INDEX changes_by_scope ON changes (scope, seq);"},
};

}  // namespace

void recordChange(Connection& conn, std::string_view scope, std::string_view item, bool deleted) {
  conn.prepare("INSERT INTO changes (scope, item, deleted) VALUES (?1, ?2, ?3)")
      .bindAll(scope, item, deleted)
      .run();
}

SqlChangeLog::SqlChangeLog(Database& db) : db_(db) {
  db_.migrate("changes", kChangeLogMigrations);
}

std::int64_t SqlChangeLog::latest(Connection& conn, std::span<const std::string> scopes) {
  std::int64_t best = 0;
  for (const std::string& scope : scopes) {
    auto s = conn.prepare("SELECT MAX(seq) FROM changes WHERE scope = ?1");
    s.bind(1, scope);
    if (s.step() && !s.isNull(0)) best = std::max(best, s.int64(0));
  }
  return best;
}

std::int64_t SqlChangeLog::latest(std::span<const std::string> scopes) {
  return db_.autocommit([&](Connection& c) { return latest(c, scopes); });
}

std::vector<domain::Change> SqlChangeLog::since(std::span<const std::string> scopes, std::int64_t after) {
  return db_.read([&](Connection& c) {
    std::vector<domain::Change> out;
    for (const std::string& scope : scopes) {
      auto s = c.prepare(
          "SELECT seq, scope, item, deleted FROM changes WHERE scope = ?1 AND seq > ?2 ORDER BY seq");
      s.bindAll(scope, after);
      while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.int64(3) != 0});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    return out;
  });
}

}  // namespace bookdav::storage::sql
