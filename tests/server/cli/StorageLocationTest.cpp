// --data DIR or --database URL: where a command keeps its data, and the URLs it refuses.
#include <gtest/gtest.h>

#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"

namespace bookdav::server {
namespace {

std::string locationOf(std::vector<std::string> args) {
  Arguments a(args, {});
  a.allowOnly({"data", "database"});
  return storageLocation(a);
}

TEST(StorageLocation, DataDirectoryByDefaultAndPostgresUrlsAsGiven) {
  EXPECT_EQ(locationOf({}), "data");
  EXPECT_EQ(locationOf({"--data", "/srv/bookdav"}), "/srv/bookdav");
  EXPECT_EQ(locationOf({"--database", "postgresql://bookdav@db:5432/bookdav"}),
            "postgresql://bookdav@db:5432/bookdav");
  EXPECT_EQ(locationOf({"--database", "postgres://bookdav@db/bookdav?sslmode=require"}),
            "postgres://bookdav@db/bookdav?sslmode=require");
}

TEST(StorageLocation, RefusesBothOptionsOtherSchemesAndPasswords) {
  EXPECT_THROW(locationOf({"--data", "d", "--database", "postgresql://u@h/db"}), UsageError);
  EXPECT_THROW(locationOf({"--database", "mysql://u@h/db"}), UsageError);
  EXPECT_THROW(locationOf({"--database", "/var/lib/bookdav"}), UsageError);
  EXPECT_THROW(locationOf({"--database", "postgresql://u:secret@h/db"}), UsageError);
  EXPECT_THROW(locationOf({"--database", "postgresql://u@h/db?password=secret"}), UsageError);
  EXPECT_THROW(locationOf({"--database", "postgresql://u@h/db?sslmode=require&password=secret"}), UsageError);
}

}  // namespace
}  // namespace bookdav::server
