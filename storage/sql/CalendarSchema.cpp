#include "storage/sql/CalendarSchema.h"

#include <utility>
#include <vector>

#include "storage/sql/FeedTokenDigest.h"

namespace bookdav::storage::sql {
namespace {

void hashStoredFeedTokens(Connection& c) {
  // SQLite: the tokens' old bytes are zeroed, not left in free space. (A PostgreSQL database is new
  // since the tokens are hashed: it has none in clear.)
  if (c.engine() == Engine::Sqlite) c.exec("PRAGMA secure_delete = ON");
  std::vector<std::pair<std::int64_t, std::string>> tokens;
  auto select =
      c.prepare("SELECT id, feed_token_sha256 FROM collections WHERE feed_token_sha256 IS NOT NULL");
  while (select.step()) tokens.emplace_back(select.int64(0), select.text(1));
  for (const auto& [id, token] : tokens) {
    c.prepare("UPDATE collections SET feed_token_sha256 = ?2 WHERE id = ?1")
        .bindAll(id, feedTokenDigest(token))
        .run();
  }
}

constexpr Migration kMigrations[] = {
    {1,
     "CREATE TABLE collections ("
     " id INTEGER PRIMARY KEY,"
     " path TEXT NOT NULL UNIQUE,"
     " owner TEXT NOT NULL,"
     " kind TEXT NOT NULL CHECK (kind IN ('home', 'plain', 'calendar')),"
     " display_name TEXT NOT NULL DEFAULT '',"
     " description TEXT NOT NULL DEFAULT '',"
     " color TEXT NOT NULL DEFAULT '',"
     " sort_order INTEGER,"
     " timezone TEXT NOT NULL DEFAULT '',"
     " components TEXT NOT NULL DEFAULT '',"
     " created_seq INTEGER NOT NULL DEFAULT 0,"
     " modified INTEGER NOT NULL,"
     " feed_token TEXT UNIQUE);"
     "CREATE INDEX collections_by_owner ON collections (owner);"
     ""
     "CREATE TABLE objects ("
     " id INTEGER PRIMARY KEY,"
     " collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,"
     " name TEXT NOT NULL,"
     " content_type TEXT NOT NULL,"
     " etag TEXT NOT NULL,"
     " uid TEXT NOT NULL DEFAULT '',"
     " component TEXT NOT NULL DEFAULT '',"
     " size INTEGER NOT NULL,"
     " modified INTEGER NOT NULL,"
     " covered_until INTEGER,"
     " data BLOB NOT NULL,"
     " UNIQUE (collection_id, name));"
     "CREATE UNIQUE INDEX objects_by_uid ON objects (collection_id, uid) WHERE uid <> '';"
     "CREATE INDEX objects_partly_indexed ON objects (collection_id, covered_until)"
     " WHERE covered_until IS NOT NULL;"
     ""
     // Instances of calendar objects: short ones (a day or less) are found by a range scan on
     // start; long ones are few and scanned on their own.
     "CREATE TABLE instances ("
     " object_id INTEGER NOT NULL REFERENCES objects (id) ON DELETE CASCADE,"
     " collection_id INTEGER NOT NULL,"
     " component TEXT NOT NULL,"
     " long INTEGER NOT NULL,"
     " start INTEGER NOT NULL,"
     " \"end\" INTEGER NOT NULL,"
     " flags INTEGER NOT NULL,"
     " busy INTEGER NOT NULL);"
     "CREATE INDEX instances_by_time ON instances (collection_id, long, start);"
     "CREATE INDEX instances_by_object ON instances (object_id);"
     ""
     "CREATE TABLE dead_properties ("
     " owner_kind TEXT NOT NULL CHECK (owner_kind IN ('collection', 'object')),"
     " owner_id INTEGER NOT NULL,"
     " ns TEXT NOT NULL,"
     " name TEXT NOT NULL,"
     " xml TEXT NOT NULL,"
     " PRIMARY KEY (owner_kind, owner_id, ns, name));"},
    // Objects indexed only from some point on (covered_from) as well as up to one (covered_until).
    {2,
     "ALTER TABLE objects ADD COLUMN covered_from INTEGER;"
     "DROP INDEX objects_partly_indexed;"
     "CREATE INDEX objects_partly_indexed ON objects (collection_id)"
     " WHERE covered_until IS NOT NULL OR covered_from IS NOT NULL;"},
    // Time-range lookups read only the index (no row fetch per instance).
    {3,
     "DROP INDEX instances_by_time;"
     "CREATE INDEX instances_by_time ON instances"
     " (collection_id, long, component, start, \"end\", object_id, flags, busy);"},
    // Settings rows of computed calendars (service-<id>/, bookings/, resource-<id>/).
    {4, "ALTER TABLE collections ADD COLUMN computed INTEGER NOT NULL DEFAULT 0;"},
    // Feed tokens are kept as their SHA-256 digest only; tokens stored in clear so far are hashed in
    // place, so the feed URLs already handed out keep working.
    {5, "ALTER TABLE collections RENAME COLUMN feed_token TO feed_token_sha256;", hashStoredFeedTokens},
};

}  // namespace

std::span<const Migration> calendarMigrations() {
  return kMigrations;
}

}  // namespace bookdav::storage::sql
