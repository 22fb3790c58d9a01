// Where a storage test's database lives, for tests parameterised over both engines: an SQLite file in
// the test's temporary directory, or a fresh schema on the PostgreSQL cluster named by the environment
// (BOOKDAV_TEST_POSTGRES: a postgresql:// URL, or BOOKDAV_TEST_POSTGRES_URL_FILE: a file holding one;
// CTest starts a throw-away cluster and sets the latter). Without a cluster the PostgreSQL cases skip.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>

#include "storage/postgres/PgConnection.h"
#include "storage/sql/Sql.h"
#include "tests/storage/TempDir.h"

namespace bookdav::testing {

// The cluster's URL, or "" when none is configured.
inline std::string postgresClusterUrl() {
  if (const char* url = std::getenv("BOOKDAV_TEST_POSTGRES"); url && *url) return url;
  if (const char* file = std::getenv("BOOKDAV_TEST_POSTGRES_URL_FILE"); file && *file) {
    std::ifstream in(file);
    std::string url;
    if (in >> url) return url;
  }
  return {};
}

// A URL on the cluster whose search_path is a new, empty schema: a database of its own for one test.
inline std::string freshPostgresSchema(const std::string& clusterUrl) {
  std::random_device rd;
  const std::string schema = "t" + std::to_string(rd()) + "_" + std::to_string(rd());
  storage::postgres::PgConnection admin(clusterUrl);
  admin.exec("CREATE SCHEMA " + schema);
  return clusterUrl + (clusterUrl.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

// The database location for a test on `engine`: an SQLite file `name` in dir, or a fresh PostgreSQL
// schema. Without a cluster it is the SQLite file too; skipIfUnavailable() then skips the test.
inline std::string testDatabase(storage::sql::Engine engine, const TempDir& dir, const std::string& name) {
  if (engine == storage::sql::Engine::Postgres) {
    std::string cluster = postgresClusterUrl();
    if (!cluster.empty()) return freshPostgresSchema(cluster);
  }
  return dir.file(name);
}

inline bool engineUnavailable(storage::sql::Engine engine) {
  return engine == storage::sql::Engine::Postgres && postgresClusterUrl().empty();
}

inline std::string engineName(const ::testing::TestParamInfo<storage::sql::Engine>& info) {
  return info.param == storage::sql::Engine::Postgres ? "postgres" : "sqlite";
}

#define BOOKDAV_ON_BOTH_ENGINES(Suite)                                                                       \
  INSTANTIATE_TEST_SUITE_P(                                                                                  \
      Engines, Suite,                                                                                        \
      ::testing::Values(::bookdav::storage::sql::Engine::Sqlite, ::bookdav::storage::sql::Engine::Postgres), \
      ::bookdav::testing::engineName)

}  // namespace bookdav::testing
