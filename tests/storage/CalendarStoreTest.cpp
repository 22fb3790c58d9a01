#include "storage/sql/SqlCalendarStore.h"

#include <gtest/gtest.h>

#include <set>

#include "storage/sql/FeedTokenDigest.h"
#include "tests/storage/TempDir.h"
#include "tests/storage/TestDatabase.h"

namespace bookdav::storage::sql {
namespace {

using namespace domain;

class CalendarStoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (bookdav::testing::engineUnavailable(GetParam())) GTEST_SKIP() << "no PostgreSQL cluster";
  }
  CalendarStoreTest() : db(bookdav::testing::testDatabase(GetParam(), dir, "cal.db")), store(db) {}

  CollectionRecord make(const std::string& path, CollectionKind kind) {
    CollectionRecord c;
    c.path = path;
    c.owner = "alice";
    c.kind = kind;
    return store.writeValue([&](CalendarWriter& w) { return w.createCollection(c); });
  }

  ObjectRecord put(const CollectionRecord& c, const std::string& name, const std::string& uid,
                   std::vector<IndexedInstance> instances = {}) {
    ObjectRecord o;
    o.collectionId = c.id;
    o.name = name;
    o.contentType = "text/calendar";
    o.etag = "\"" + name + "\"";
    o.uid = uid;
    o.componentType = "VEVENT";
    o.data = "BEGIN:VCALENDAR...";
    InstanceIndex index;
    index.instances = std::move(instances);
    return store.writeValue([&](CalendarWriter& w) { return w.putObject(o, index); });
  }

  TempDir dir;
  Database db;
  SqlCalendarStore store;
};

IndexedInstance span(std::int64_t start, std::int64_t end) {
  IndexedInstance i;
  i.start = fromUnix(start);
  i.end = fromUnix(end);
  i.busy = BusyType::Busy;
  return i;
}

TEST_P(CalendarStoreTest, TreeQueries) {
  make("/dav/calendars/alice/", CollectionKind::Home);
  make("/dav/calendars/alice/a/", CollectionKind::Calendar);
  make("/dav/calendars/alice/p/", CollectionKind::Plain);
  make("/dav/calendars/alice/p/q/", CollectionKind::Plain);
  store.read([&](CalendarReader& r) {
    auto kids = r.children("/dav/calendars/alice/");
    ASSERT_EQ(kids.size(), 2u);
    EXPECT_EQ(kids[0].path, "/dav/calendars/alice/a/");
    EXPECT_EQ(kids[1].path, "/dav/calendars/alice/p/");
    EXPECT_EQ(r.subtree("/dav/calendars/alice/p/").size(), 2u);
  });
  store.write([&](CalendarWriter& w) { w.moveTree("/dav/calendars/alice/p/", "/dav/calendars/alice/z/"); });
  store.read([&](CalendarReader& r) {
    EXPECT_FALSE(r.collection("/dav/calendars/alice/p/q/"));
    EXPECT_TRUE(r.collection("/dav/calendars/alice/z/q/"));
  });
  store.write([&](CalendarWriter& w) { w.deleteTree("/dav/calendars/alice/z/"); });
  store.read([&](CalendarReader& r) { EXPECT_EQ(r.children("/dav/calendars/alice/").size(), 1u); });
}

TEST_P(CalendarStoreTest, ObjectsUidsAndChanges) {
  auto cal = make("/dav/calendars/alice/a/", CollectionKind::Calendar);
  std::int64_t start = store.readValue([&](CalendarReader& r) { return r.syncSeq(cal); });
  put(cal, "one.ics", "uid-1");
  put(cal, "two.ics", "uid-2");
  put(cal, "one.ics", "uid-1");  // replace
  store.write([&](CalendarWriter& w) { EXPECT_TRUE(w.deleteObject(cal.id, "two.ics")); });
  store.read([&](CalendarReader& r) {
    EXPECT_EQ(r.objects(cal.id, false).size(), 1u);
    EXPECT_EQ(r.objectByUid(cal.id, "uid-1")->name, "one.ics");
    EXPECT_FALSE(r.objectByUid(cal.id, "uid-2"));
    auto changes = r.changesSince(cal, start);
    ASSERT_EQ(changes.size(), 4u);
    EXPECT_EQ(changes[3].item, "two.ics");
    EXPECT_TRUE(changes[3].deleted);
    EXPECT_GT(r.syncSeq(cal), start);
    EXPECT_EQ(r.object(cal.id, "one.ics", true)->data, "BEGIN:VCALENDAR...");
    EXPECT_FALSE(r.object(cal.id, "one.ics", false)->data);
  });
}

TEST_P(CalendarStoreTest, SameUidTwiceInOneCalendarIsRefusedByTheSchema) {
  auto cal = make("/dav/calendars/alice/a/", CollectionKind::Calendar);
  put(cal, "one.ics", "uid-1");
  EXPECT_THROW(put(cal, "other.ics", "uid-1"), StorageError);
  store.read([&](CalendarReader& r) { EXPECT_EQ(r.objects(cal.id, false).size(), 1u); });
}

TEST_P(CalendarStoreTest, InstancesNearFindsShortLongAndFloating) {
  auto cal = make("/dav/calendars/alice/a/", CollectionKind::Calendar);
  const std::int64_t day = 86400, t0 = 1'800'000'000;
  put(cal, "short.ics", "s", {span(t0, t0 + 3600), span(t0 + 7 * day, t0 + 7 * day + 3600)});
  put(cal, "long.ics", "l", {span(t0 - 30 * day, t0 + 30 * day)});
  auto floating = span(t0 + 2 * day, t0 + 2 * day + 3600);
  floating.floating = true;
  put(cal, "float.ics", "f", {floating});
  store.read([&](CalendarReader& r) {
    auto near = r.instancesNear(cal.id, "VEVENT", Interval{fromUnix(t0 + 6 * day), fromUnix(t0 + 8 * day)});
    std::set<std::int64_t> ids;
    for (const auto& c : near) ids.insert(c.objectId);
    EXPECT_EQ(ids.size(), 2u);  // short (second instance) and long; not the floating one 4 days away
    auto none = r.instancesNear(cal.id, "VTODO", Interval{fromUnix(t0), fromUnix(t0 + day)});
    EXPECT_TRUE(none.empty());
  });
}

TEST_P(CalendarStoreTest, DeadPropertiesAndFeedTokens) {
  auto cal = make("/dav/calendars/alice/a/", CollectionKind::Calendar);
  store.write([&](CalendarWriter& w) {
    w.setDeadProperty({true, cal.id}, {"urn:x", "note", "<n0:note xmlns:n0=\"urn:x\">hi</n0:note>"});
    auto c = *w.collection(cal.path);
    c.newFeedToken = "tok123";
    w.updateCollection(c);
  });
  store.read([&](CalendarReader& r) {
    auto props = r.deadProperties({true, cal.id});
    ASSERT_EQ(props.size(), 1u);
    EXPECT_EQ(props[0].name, "note");
    EXPECT_EQ(r.collectionByFeedToken("tok123")->id, cal.id);
    EXPECT_EQ(r.collection(cal.path)->feedTokenDigest, storage::sql::feedTokenDigest("tok123"));
    EXPECT_TRUE(r.collection(cal.path)->newFeedToken.empty()) << "the token itself is never stored";
    EXPECT_FALSE(r.collectionByFeedToken("nope"));
    EXPECT_FALSE(r.collectionByFeedToken(storage::sql::feedTokenDigest("tok123")));
  });
  store.write([&](CalendarWriter& w) { w.deleteTree(cal.path); });
  store.read([&](CalendarReader& r) { EXPECT_TRUE(r.deadProperties({true, cal.id}).empty()); });
}

BOOKDAV_ON_BOTH_ENGINES(CalendarStoreTest);

}  // namespace
}  // namespace bookdav::storage::sql
