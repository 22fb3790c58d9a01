// Stored WebDAV collections (calendar homes, calendars, plain collections) and their members
// (calendar objects and plain files), with dead properties, the instance index behind time-range
// queries, and the change log behind sync tokens. Declared here, implemented in storage/.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/sync/ChangeLog.h"
#include "domain/time/Instant.h"

namespace bookdav::domain {

enum class CollectionKind { Home, Plain, Calendar };

struct CollectionRecord {
  std::int64_t id = 0;
  std::string path;  // absolute URL path ending in "/": "/dav/calendars/alice/work/"
  std::string owner;
  CollectionKind kind = CollectionKind::Plain;
  std::string displayName;  // "" when unset
  std::string description;
  std::string color;
  std::optional<int> order;
  std::string timezone;                 // calendar-timezone: a VCALENDAR with one VTIMEZONE, or ""
  std::vector<std::string> components;  // supported-calendar-component-set ({"VEVENT", "VTODO"})
  std::int64_t createdSeq = 0;          // change-log position at creation: older sync tokens are invalid
  Instant modified{};
  // How the store keeps the secret token of /feeds/<token>.ics (a digest: the token itself is never
  // stored), "" when there is no feed. Opaque outside storage: copy it, or clear it to end the feed.
  std::string feedTokenDigest;
  // A new token for the feed, set by the change that makes the feed (the store keeps its digest in
  // place of feedTokenDigest), so that the answer to that request can show it once; "" when read back.
  std::string newFeedToken;
  bool hasFeed() const { return !feedTokenDigest.empty() || !newFeedToken.empty(); }
  // A row that only keeps the settings (display name, colour, order, feed) of a calendar whose
  // members are computed from the booking domain (service-<id>/, bookings/, resource-<id>/).
  bool computed = false;
};

struct ObjectRecord {
  std::int64_t id = 0;
  std::int64_t collectionId = 0;
  std::string name;           // last path segment
  std::string contentType;    // "text/calendar; charset=utf-8" for calendar objects
  std::string etag;           // strong entity tag, quoted
  std::string uid;            // "" for non-calendar resources
  std::string componentType;  // "VEVENT", "VTODO", ... or "" for non-calendar resources
  std::int64_t size = 0;
  Instant modified{};
  std::optional<std::string> data;  // absent when listed without data
};

enum class BusyType { None = 0, Busy = 1, BusyTentative = 2, BusyUnavailable = 3 };

// One instance of a calendar object as the index keeps it. When exact, the instance overlaps a
// time-range [qs, qe) iff start < qe && end > qs; otherwise [start, end] is an inclusive superset
// and the object must be checked by parsing. Floating instances were computed as if in UTC.
struct IndexedInstance {
  Instant start{};
  Instant end{};
  bool exact = true;
  bool floating = false;
  BusyType busy = BusyType::None;
};

// The index holds every instance starting in [coveredFrom, coveredUntil]; a time range outside
// that needs the object parsed.
struct InstanceIndex {
  std::vector<IndexedInstance> instances;
  Instant coveredUntil = Instant::max();
  Instant coveredFrom = Instant::min();
};

struct CandidateInstance {
  std::int64_t objectId = 0;
  IndexedInstance instance;
};

// A dead property: its expanded name and the element as self-contained XML text.
struct DeadProperty {
  std::string ns;
  std::string name;
  std::string xml;
};

struct ResourceRef {
  bool isCollection = false;
  std::int64_t id = 0;
};

class CalendarReader {
 public:
  virtual ~CalendarReader() = default;
  virtual std::optional<CollectionRecord> collection(std::string_view path) = 0;
  // The collection whose feed has this secret token.
  virtual std::optional<CollectionRecord> collectionByFeedToken(std::string_view token) = 0;
  // Direct child collections of path.
  virtual std::vector<CollectionRecord> children(std::string_view path) = 0;
  // path itself and every collection below it, parents before children.
  virtual std::vector<CollectionRecord> subtree(std::string_view path) = 0;

  virtual std::optional<ObjectRecord> object(std::int64_t collectionId, std::string_view name,
                                             bool withData) = 0;
  virtual std::vector<ObjectRecord> objects(std::int64_t collectionId, bool withData) = 0;
  virtual std::vector<ObjectRecord> objectsById(std::span<const std::int64_t> ids, bool withData) = 0;
  virtual std::optional<ObjectRecord> objectByUid(std::int64_t collectionId, std::string_view uid) = 0;

  virtual std::vector<DeadProperty> deadProperties(ResourceRef resource) = 0;

  // Indexed instances of componentType objects that may overlap range (floating ones widened by
  // 14 hours each side): a superset the caller narrows with IndexedInstance's rule.
  virtual std::vector<CandidateInstance> instancesNear(std::int64_t collectionId,
                                                       std::string_view componentType, Interval range) = 0;
  // componentType objects whose index does not cover all of range (unbounded or very long
  // recurrences): their instances there are known only by parsing.
  virtual std::vector<std::int64_t> objectsNotCovering(std::int64_t collectionId,
                                                       std::string_view componentType, Interval range) = 0;

  // The collection's sync position (highest change-log sequence of its members).
  virtual std::int64_t syncSeq(const CollectionRecord& collection) = 0;
  virtual std::vector<Change> changesSince(const CollectionRecord& collection, std::int64_t seq) = 0;
};

class CalendarWriter : public CalendarReader {
 public:
  // Inserts; sets id and createdSeq of the returned record. Fails if the path exists.
  virtual CollectionRecord createCollection(CollectionRecord collection) = 0;
  virtual void updateCollection(const CollectionRecord& collection) = 0;
  // Removes the collection at path with everything below it.
  virtual void deleteTree(std::string_view path) = 0;
  // Re-parents the collection at `from` (and everything below) to `to`.
  virtual void moveTree(std::string_view from, std::string_view to) = 0;

  // Inserts or replaces the member (collectionId, name) and its index; logs the change.
  virtual ObjectRecord putObject(ObjectRecord object, const InstanceIndex& index) = 0;
  virtual bool deleteObject(std::int64_t collectionId, std::string_view name) = 0;

  virtual void setDeadProperty(ResourceRef resource, const DeadProperty& property) = 0;
  virtual void removeDeadProperty(ResourceRef resource, std::string_view ns, std::string_view name) = 0;
};

class CalendarStore {
 public:
  virtual ~CalendarStore() = default;
  // Runs f over one consistent snapshot.
  virtual void read(const std::function<void(CalendarReader&)>& f) = 0;
  // Runs f in one write transaction; an exception from f rolls everything back.
  virtual void write(const std::function<void(CalendarWriter&)>& f) = 0;

  template <typename F>
  auto readValue(F&& f) {
    std::optional<decltype(f(std::declval<CalendarReader&>()))> out;
    read([&](CalendarReader& r) { out.emplace(f(r)); });
    return std::move(*out);
  }
  template <typename F>
  auto writeValue(F&& f) {
    std::optional<decltype(f(std::declval<CalendarWriter&>()))> out;
    write([&](CalendarWriter& w) { out.emplace(f(w)); });
    return std::move(*out);
  }
};

}  // namespace bookdav::domain
