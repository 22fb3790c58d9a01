// The calendar schema's migrations upgrade a database an earlier release left behind, keeping what
// it held.
#include "storage/sql/CalendarSchema.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "storage/sql/FeedTokenDigest.h"
#include "storage/sql/SqlCalendarStore.h"
#include "tests/storage/TempDir.h"

namespace bookdav::storage::sql {
namespace {

std::string bytesOf(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(CalendarSchema, UpgradeHashesStoredFeedTokensSoTheirUrlsKeepWorking) {
  TempDir dir;
  const std::string file = dir.file("old.db");
  const std::string tokenA = "Kx7PqR2mZt9LwB4nVd8sYh3cFj6gTa1e";
  const std::string tokenB = "0bUoM5iNeQ1vXr7ZkWp3Ls9Hd2Gf4Jc8";
  {
    Database db(file);
    db.migrate("calendar", calendarMigrations().first(4));  // as releases before the digest left it
    db.write([&](Connection& c) {
      c.prepare(
           "INSERT INTO collections (path, owner, kind, modified, feed_token) VALUES"
           " ('/dav/calendars/alice/a/', 'alice', 'calendar', 0, ?1),"
           " ('/dav/calendars/alice/b/', 'alice', 'calendar', 0, ?2),"
           " ('/dav/calendars/alice/c/', 'alice', 'calendar', 0, NULL)")
          .bindAll(tokenA, tokenB)
          .run();
    });
  }
  ASSERT_NE(bytesOf(file).find(tokenA), std::string::npos) << "the old file holds the token in clear";
  {
    Database db(file);
    SqlCalendarStore store(db);  // applies the remaining migrations
    store.read([&](domain::CalendarReader& r) {
      auto a = r.collectionByFeedToken(tokenA);
      ASSERT_TRUE(a);
      EXPECT_EQ(a->path, "/dav/calendars/alice/a/");
      EXPECT_EQ(a->feedTokenDigest, feedTokenDigest(tokenA));
      EXPECT_EQ(r.collectionByFeedToken(tokenB)->path, "/dav/calendars/alice/b/");
      EXPECT_TRUE(r.collection("/dav/calendars/alice/c/")->feedTokenDigest.empty())
          << "no feed stays no feed";
      EXPECT_FALSE(r.collectionByFeedToken(feedTokenDigest(tokenA))) << "the digest is no token";
    });
  }
  // Closed cleanly (the WAL checkpointed into the file): no byte of the file spells a token.
  const std::string bytes = bytesOf(file);
  EXPECT_EQ(bytes.find(tokenA), std::string::npos);
  EXPECT_EQ(bytes.find(tokenB), std::string::npos);
  EXPECT_NE(bytes.find(feedTokenDigest(tokenA)), std::string::npos);
}

TEST(CalendarSchema, FeedTokenDigestIsSha256InHex) {
  EXPECT_EQ(feedTokenDigest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(feedTokenDigest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace bookdav::storage::sql
