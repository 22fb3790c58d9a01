#include "storage/sql/SqlCalendarStore.h"

#include "storage/sql/FeedTokenDigest.h"

#include <algorithm>

#include "storage/sql/CalendarSchema.h"
#include "storage/sql/Dialect.h"
#include "storage/sql/SqlChangeLog.h"

namespace bookdav::storage::sql {
namespace {

using domain::CandidateInstance;
using domain::CollectionKind;
using domain::CollectionRecord;
using domain::DeadProperty;
using domain::IndexedInstance;
using domain::Instant;
using domain::ObjectRecord;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kFloatingSlack = 14 * 3600;  // the widest UTC offset
constexpr int kExact = 1, kFloating = 2;
// Instants beyond +-2^62 s are clamped so that the slack arithmetic below never overflows;
// Instant::min()/max() (open-ended spans) are stored as these bounds.
constexpr std::int64_t kFar = std::int64_t{1} << 62;

std::int64_t clampUnix(Instant t) {
  return std::clamp<std::int64_t>(domain::toUnix(t), -kFar, kFar);
}
Instant unclamp(std::int64_t v) {
  if (v <= -kFar) return Instant::min();
  if (v >= kFar) return Instant::max();
  return domain::fromUnix(v);
}

std::string_view kindName(CollectionKind k) {
  switch (k) {
    case CollectionKind::Home:
      return "home";
    case CollectionKind::Calendar:
      return "calendar";
    case CollectionKind::Plain:
      return "plain";
  }
  return "plain";
}

CollectionKind parseKind(std::string_view k) {
  if (k == "home") return CollectionKind::Home;
  if (k == "calendar") return CollectionKind::Calendar;
  return CollectionKind::Plain;
}

std::string joinComponents(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::vector<std::string> splitComponents(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    if (comma > pos) out.push_back(text.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

std::int64_t nowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string scopeOf(std::int64_t collectionId) {
  return "collection:" + std::to_string(collectionId);
}

constexpr std::string_view kCollectionColumns =
    "SELECT id, path, owner, kind, display_name, description, color, sort_order, timezone, components,"
    " created_seq, modified, feed_token_sha256, computed FROM collections";

CollectionRecord readCollection(const Statement& s) {
  CollectionRecord c;
  c.id = s.int64(0);
  c.path = s.text(1);
  c.owner = s.text(2);
  c.kind = parseKind(s.text(3));
  c.displayName = s.text(4);
  c.description = s.text(5);
  c.color = s.text(6);
  if (!s.isNull(7)) c.order = s.integer(7);
  c.timezone = s.text(8);
  c.components = splitComponents(s.text(9));
  c.createdSeq = s.int64(10);
  c.modified = domain::fromUnix(s.int64(11));
  c.feedTokenDigest = s.optionalText(12).value_or("");
  c.computed = s.int64(13) != 0;
  return c;
}

std::string objectColumns(bool withData) {
  return std::string(
             "SELECT objects.id, objects.collection_id, objects.name, objects.content_type, objects.etag,"
             " objects.uid, objects.component, objects.size, objects.modified") +
         (withData ? ", objects.data" : "") + " FROM objects";
}

ObjectRecord readObject(const Statement& s, bool withData) {
  ObjectRecord o;
  o.id = s.int64(0);
  o.collectionId = s.int64(1);
  o.name = s.text(2);
  o.contentType = s.text(3);
  o.etag = s.text(4);
  o.uid = s.text(5);
  o.componentType = s.text(6);
  o.size = s.int64(7);
  o.modified = domain::fromUnix(s.int64(8));
  if (withData) o.data = s.text(9);
  return o;
}

// What the feed_token_sha256 column holds for a collection being written.
std::optional<std::string> storedFeedDigest(const CollectionRecord& c) {
  if (!c.newFeedToken.empty()) return feedTokenDigest(c.newFeedToken);
  if (!c.feedTokenDigest.empty()) return c.feedTokenDigest;
  return std::nullopt;
}

class Transaction final : public domain::CalendarWriter {
 public:
  explicit Transaction(Connection& c) : c_(c) {}

  std::optional<CollectionRecord> collection(std::string_view path) override {
    auto s = c_.prepare(std::string(kCollectionColumns) + " WHERE path = ?1");
    s.bind(1, path);
    if (!s.step()) return std::nullopt;
    return readCollection(s);
  }

  std::optional<CollectionRecord> collectionByFeedToken(std::string_view token) override {
    auto s = c_.prepare(std::string(kCollectionColumns) + " WHERE feed_token_sha256 = ?1");
    s.bind(1, feedTokenDigest(token));
    if (!s.step()) return std::nullopt;
    return readCollection(s);
  }

  std::vector<CollectionRecord> children(std::string_view path) override {
    std::vector<CollectionRecord> out;
    for (auto& c : subtree(path)) {
      if (c.path.size() <= path.size()) continue;
      std::string_view rest = std::string_view(c.path).substr(path.size());
      if (rest.find('/') == rest.size() - 1) out.push_back(std::move(c));
    }
    return out;
  }

  std::vector<CollectionRecord> subtree(std::string_view path) override {
    auto s = c_.prepare(std::string(kCollectionColumns) +
                        " WHERE substr(path, 1, length(?1)) = ?1 ORDER BY length(path), path");
    s.bind(1, path);
    std::vector<CollectionRecord> out;
    while (s.step()) out.push_back(readCollection(s));
    return out;
  }

  std::optional<ObjectRecord> object(std::int64_t collectionId, std::string_view name,
                                     bool withData) override {
    auto s = c_.prepare(objectColumns(withData) + " WHERE collection_id = ?1 AND name = ?2");
    s.bindAll(collectionId, name);
    if (!s.step()) return std::nullopt;
    return readObject(s, withData);
  }

  std::vector<ObjectRecord> objects(std::int64_t collectionId, bool withData) override {
    auto s = c_.prepare(objectColumns(withData) + " WHERE collection_id = ?1 ORDER BY name");
    s.bind(1, collectionId);
    std::vector<ObjectRecord> out;
    while (s.step()) out.push_back(readObject(s, withData));
    return out;
  }

  std::vector<ObjectRecord> objectsById(std::span<const std::int64_t> ids, bool withData) override {
    std::vector<ObjectRecord> out;
    out.reserve(ids.size());
    // One statement for the whole list: the ids travel as a JSON array.
    std::string list = "[";
    for (std::int64_t id : ids) list += (list.size() > 1 ? "," : "") + std::to_string(id);
    list += "]";
    std::string columns = objectColumns(withData);
    columns.replace(
        columns.find(" FROM objects"), 13,
        std::string(" FROM ") + jsonIdList(c_.engine(), 1) + " JOIN objects ON objects.id = j.value");
    auto s = c_.prepare(columns + " ORDER BY j.key");
    s.bind(1, list);
    while (s.step()) out.push_back(readObject(s, withData));
    return out;
  }

  std::optional<ObjectRecord> objectByUid(std::int64_t collectionId, std::string_view uid) override {
    // "uid <> ''" lets SQLite use the partial unique index on (collection_id, uid).
    auto s = c_.prepare(objectColumns(false) + " WHERE collection_id = ?1 AND uid = ?2 AND uid <> ''");
    s.bindAll(collectionId, uid);
    if (!s.step()) return std::nullopt;
    return readObject(s, false);
  }

  std::vector<DeadProperty> deadProperties(domain::ResourceRef r) override {
    auto s = c_.prepare(
        "SELECT ns, name, xml FROM dead_properties WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY ns, name");
    s.bindAll(r.isCollection ? "collection" : "object", r.id);
    std::vector<DeadProperty> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
    return out;
  }

  std::vector<CandidateInstance> instancesNear(std::int64_t collectionId, std::string_view component,
                                               domain::Interval range) override {
    const std::int64_t qs = clampUnix(range.start), qe = clampUnix(range.end);
    std::vector<CandidateInstance> out;
    auto collect = [&](Statement& s) {
      while (s.step()) {
        CandidateInstance c;
        c.objectId = s.int64(0);
        c.instance.start = unclamp(s.int64(1));
        c.instance.end = unclamp(s.int64(2));
        int flags = s.integer(3);
        c.instance.exact = flags & kExact;
        c.instance.floating = flags & kFloating;
        c.instance.busy = static_cast<domain::BusyType>(s.integer(4));
        out.push_back(c);
      }
    };
    {
      auto s = c_.prepare(
          "SELECT object_id, start, \"end\", flags, busy FROM instances"
          " WHERE collection_id = ?1 AND long = 0 AND component = ?4 AND start >= ?2 AND start <= ?3");
      s.bindAll(collectionId, qs - kDay - kFloatingSlack, qe + kFloatingSlack, component);
      collect(s);
    }
    {
      auto s = c_.prepare(
          "SELECT object_id, start, \"end\", flags, busy FROM instances"
          " WHERE collection_id = ?1 AND long = 1 AND component = ?4 AND start <= ?3 AND \"end\" >= ?2");
      s.bindAll(collectionId, qs - kFloatingSlack, qe + kFloatingSlack, component);
      collect(s);
    }
    return out;
  }

  std::vector<std::int64_t> objectsNotCovering(std::int64_t collectionId, std::string_view component,
                                               domain::Interval range) override {
    auto s = c_.prepare(
        "SELECT id FROM objects WHERE collection_id = ?1"
        " AND (covered_until IS NOT NULL OR covered_from IS NOT NULL)"  // lets SQLite use the partial index
        " AND component = ?4"
        " AND ((covered_until IS NOT NULL AND covered_until < ?3) OR (covered_from IS NOT NULL AND covered_from > ?2))");
    s.bindAll(collectionId, clampUnix(range.start) - kFloatingSlack, clampUnix(range.end) + kFloatingSlack,
              component);
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.int64(0));
    return out;
  }

  std::int64_t syncSeq(const CollectionRecord& collection) override {
    std::string scope = scopeOf(collection.id);
    return std::max(collection.createdSeq, SqlChangeLog::latest(c_, std::span(&scope, 1)));
  }

  std::vector<domain::Change> changesSince(const CollectionRecord& collection, std::int64_t seq) override {
    auto s = c_.prepare(
        "SELECT seq, scope, item, deleted FROM changes WHERE scope = ?1 AND seq > ?2 ORDER BY seq");
    s.bindAll(scopeOf(collection.id), seq);
    std::vector<domain::Change> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.int64(3) != 0});
    return out;
  }

  CollectionRecord createCollection(CollectionRecord c) override {
    // The AUTOINCREMENT high-water mark: it never goes back, even when change rows are deleted.
    auto seq = c_.prepare(lastHandedOutSql(c_.engine(), "changes", "seq"));
    seq.step();
    c.createdSeq = seq.int64(0);
    c.modified = domain::fromUnix(nowUnix());
    auto s = c_.prepare(
        "INSERT INTO collections (path, owner, kind, display_name, description, color, sort_order, timezone,"
        " components, created_seq, modified, feed_token_sha256, computed)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id");
    s.bindAll(c.path, c.owner, kindName(c.kind), c.displayName, c.description, c.color, c.order, c.timezone,
              joinComponents(c.components), c.createdSeq, domain::toUnix(c.modified), storedFeedDigest(c),
              c.computed);
    s.step();
    c.id = s.int64(0);
    return c;
  }

  void updateCollection(const CollectionRecord& c) override {
    c_.prepare(
          "UPDATE collections SET display_name = ?2, description = ?3, color = ?4, sort_order = ?5,"
          " timezone = ?6, components = ?7, modified = ?8, feed_token_sha256 = ?9, kind = ?10 WHERE id = ?1")
        .bindAll(c.id, c.displayName, c.description, c.color, c.order, c.timezone,
                 joinComponents(c.components), nowUnix(), storedFeedDigest(c), kindName(c.kind))
        .run();
  }

  void deleteTree(std::string_view path) override {
    for (const CollectionRecord& c : subtree(path)) {
      c_.prepare(
            "DELETE FROM dead_properties WHERE owner_kind = 'object' AND owner_id IN"
            " (SELECT id FROM objects WHERE collection_id = ?1)")
          .bind(1, c.id)
          .run();
      c_.prepare("DELETE FROM dead_properties WHERE owner_kind = 'collection' AND owner_id = ?1")
          .bind(1, c.id)
          .run();
      c_.prepare("DELETE FROM changes WHERE scope = ?1").bind(1, scopeOf(c.id)).run();
      c_.prepare("DELETE FROM objects WHERE collection_id = ?1").bind(1, c.id).run();
      c_.prepare("DELETE FROM collections WHERE id = ?1").bind(1, c.id).run();
    }
  }

  void moveTree(std::string_view from, std::string_view to) override {
    c_.prepare(
          "UPDATE collections SET path = ?2 || substr(path, length(?1) + 1), modified = ?3"
          " WHERE substr(path, 1, length(?1)) = ?1")
        .bindAll(from, to, nowUnix())
        .run();
  }

  ObjectRecord putObject(ObjectRecord o, const domain::InstanceIndex& index) override {
    o.modified = domain::fromUnix(nowUnix());
    o.size = o.data ? static_cast<std::int64_t>(o.data->size()) : 0;
    std::optional<std::int64_t> covered, coveredFrom;
    if (index.coveredUntil != Instant::max()) covered = clampUnix(index.coveredUntil);
    if (index.coveredFrom != Instant::min()) coveredFrom = clampUnix(index.coveredFrom);
    {
      auto s = c_.prepare(
          "INSERT INTO objects (collection_id, name, content_type, etag, uid, component, size, modified,"
          " covered_until, data, covered_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
          " ON CONFLICT (collection_id, name) DO UPDATE SET content_type = excluded.content_type,"
          " etag = excluded.etag, uid = excluded.uid, component = excluded.component, size = excluded.size,"
          " modified = excluded.modified, covered_until = excluded.covered_until, data = excluded.data,"
          " covered_from = excluded.covered_from RETURNING id");
      s.bindAll(o.collectionId, o.name, o.contentType, o.etag, o.uid, o.componentType, o.size,
                domain::toUnix(o.modified), covered);
      s.bind(11, coveredFrom);
      s.bindBlob(10, o.data ? std::string_view(*o.data) : std::string_view());
      s.step();
      o.id = s.int64(0);
      while (s.step()) {
      }
    }
    c_.prepare("DELETE FROM instances WHERE object_id = ?1").bind(1, o.id).run();
    auto ins = c_.prepare(
        "INSERT INTO instances (object_id, collection_id, component, long, start, \"end\", flags, busy)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const IndexedInstance& i : index.instances) {
      std::int64_t start = clampUnix(i.start), end = clampUnix(i.end);
      int flags = (i.exact ? kExact : 0) | (i.floating ? kFloating : 0);
      const bool isLong = start <= -kFar || end >= kFar || end - start > kDay;
      ins.bindAll(o.id, o.collectionId, o.componentType, isLong, start, end, flags, static_cast<int>(i.busy));
      ins.run();
      ins.reset();
    }
    recordChange(c_, scopeOf(o.collectionId), o.name, false);
    return o;
  }

  bool deleteObject(std::int64_t collectionId, std::string_view name) override {
    auto found = object(collectionId, name, false);
    if (!found) return false;
    c_.prepare("DELETE FROM dead_properties WHERE owner_kind = 'object' AND owner_id = ?1")
        .bind(1, found->id)
        .run();
    c_.prepare("DELETE FROM objects WHERE id = ?1").bind(1, found->id).run();
    recordChange(c_, scopeOf(collectionId), name, true);
    return true;
  }

  void setDeadProperty(domain::ResourceRef r, const DeadProperty& p) override {
    c_.prepare(
          "INSERT INTO dead_properties (owner_kind, owner_id, ns, name, xml) VALUES (?1, ?2, ?3, ?4, ?5)"
          " ON CONFLICT (owner_kind, owner_id, ns, name) DO UPDATE SET xml = excluded.xml")
        .bindAll(r.isCollection ? "collection" : "object", r.id, p.ns, p.name, p.xml)
        .run();
  }

  void removeDeadProperty(domain::ResourceRef r, std::string_view ns, std::string_view name) override {
    c_.prepare(
          "DELETE FROM dead_properties WHERE owner_kind = ?1 AND owner_id = ?2 AND ns = ?3 AND name = ?4")
        .bindAll(r.isCollection ? "collection" : "object", r.id, ns, name)
        .run();
  }

 private:
  Connection& c_;
};

}  // namespace

std::unique_ptr<domain::CalendarWriter> calendarWriterOn(Connection& connection) {
  return std::make_unique<Transaction>(connection);
}

SqlCalendarStore::SqlCalendarStore(Database& db) : db_(db) {
  SqlChangeLog changes(db);  // the change log's schema first: the index refers to it
  db_.migrate("calendar", calendarMigrations());
}

void SqlCalendarStore::read(const std::function<void(domain::CalendarReader&)>& f) {
  db_.read([&](Connection& c) {
    Transaction t(c);
    f(t);
    return 0;
  });
}

void SqlCalendarStore::write(const std::function<void(domain::CalendarWriter&)>& f) {
  db_.write([&](Connection& c) {
    Transaction t(c);
    f(t);
  });
}

}  // namespace bookdav::storage::sql
