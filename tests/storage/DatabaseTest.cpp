#include "storage/sql/Database.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "storage/postgres/PgConnection.h"
#include "tests/storage/TempDir.h"
#include "tests/storage/TestDatabase.h"

namespace bookdav::storage::sql {
namespace {

constexpr Migration kMigrations[] = {
    {1, "CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"},
    {2, "INSERT INTO counter (id, n) VALUES (1, 0)"},
};

// The tests that hold for both engines; `location` is a fresh database of the parameter's engine.
class DatabaseTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (bookdav::testing::engineUnavailable(GetParam())) GTEST_SKIP() << "no PostgreSQL cluster";
  }
  TempDir dir;
  const std::string location = bookdav::testing::testDatabase(GetParam(), dir, "a.db");
};

int counter(Database& db) {
  return db.read([](Connection& c) {
    auto s = c.prepare("SELECT n FROM counter WHERE id = 1");
    s.step();
    return s.integer(0);
  });
}

TEST_P(DatabaseTest, MigrationsApplyOnceAcrossReopen) {
  {
    Database db(location);
    db.migrate("test", kMigrations);
    db.migrate("test", kMigrations);
  }
  Database db(location);
  db.migrate("test", kMigrations);
  int rows = db.read([](Connection& c) {
    auto s = c.prepare("SELECT COUNT(*) FROM counter");
    s.step();
    return s.integer(0);
  });
  EXPECT_EQ(rows, 1);
}

// An acknowledged commit survives a power cut by default: the WAL is synced on every commit (FULL);
// ProcessCrash leaves syncing to checkpoints (NORMAL).
TEST(Database, DurabilitySetsHowCommitsAreSynced) {
  TempDir dir;
  auto synchronous = [](Database& db) {
    return db.read([](Connection& c) {
      auto s = c.prepare("PRAGMA synchronous");
      s.step();
      return s.integer(0);
    });
  };
  Database byDefault(dir.file("a.db"));
  EXPECT_EQ(synchronous(byDefault), 2);  // FULL
  Database buffered(dir.file("b.db"), Durability::ProcessCrash);
  EXPECT_EQ(synchronous(buffered), 1);  // NORMAL
  auto journal = byDefault.read([](Connection& c) {
    auto s = c.prepare("PRAGMA journal_mode");
    s.step();
    return s.text(0);
  });
  EXPECT_EQ(journal, "wal");
}

TEST_P(DatabaseTest, ExceptionRollsBackWrite) {
  Database db(location);
  db.migrate("test", kMigrations);
  EXPECT_THROW(db.write([](Connection& c) {
    c.prepare("UPDATE counter SET n = 42").run();
    throw std::runtime_error("refused");
  }),
               std::runtime_error);
  int n = db.read([](Connection& c) {
    auto s = c.prepare("SELECT n FROM counter");
    s.step();
    return s.integer(0);
  });
  EXPECT_EQ(n, 0);
}

TEST_P(DatabaseTest, ConcurrentImmediateWritersLoseNothing) {
  Database db(location);
  db.migrate("test", kMigrations);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        db.write([](Connection& c) {
          auto s = c.prepare("SELECT n FROM counter WHERE id = 1");
          s.step();
          std::int64_t n = s.int64(0);
          c.prepare("UPDATE counter SET n = ?1 WHERE id = 1").bind(1, n + 1).run();
        });
      }
    });
  }
  for (auto& t : threads) t.join();
  int n = db.read([](Connection& c) {
    auto s = c.prepare("SELECT n FROM counter");
    s.step();
    return s.integer(0);
  });
  EXPECT_EQ(n, 1600);
}

TEST_P(DatabaseTest, ConstraintErrorsAreTyped) {
  Database db(location);
  db.migrate("test", kMigrations);
  try {
    db.write([](Connection& c) { c.prepare("INSERT INTO counter (id, n) VALUES (1, 5)").run(); });
    FAIL() << "expected a constraint error";
  } catch (const StorageError& e) {
    EXPECT_TRUE(e.constraint());
  }
}

// Several Database objects on one database are what several processes are: each its own connections.
// Their read-modify-write transactions are serialised by the engine, so no increment is lost.
TEST_P(DatabaseTest, WritersOfSeveralProcessesLoseNothing) {
  Database first(location);
  first.migrate("test", kMigrations);
  std::vector<std::thread> processes;
  for (int p = 0; p < 4; ++p) {
    processes.emplace_back([&] {
      Database db(location);
      for (int i = 0; i < 50; ++i) {
        db.write([](Connection& c) {
          auto s = c.prepare("SELECT n FROM counter WHERE id = 1");
          s.step();
          std::int64_t n = s.int64(0);
          c.prepare("UPDATE counter SET n = ?1 WHERE id = 1").bind(1, n + 1).run();
        });
      }
    });
  }
  for (auto& t : processes) t.join();
  EXPECT_EQ(counter(first), 200);
}

// Processes that start together on a new database each run the migrations: every one is applied once.
TEST_P(DatabaseTest, MigrationsOfProcessesStartingTogetherApplyOnce) {
  std::vector<std::thread> processes;
  std::atomic<int> failures{0};
  for (int p = 0; p < 4; ++p) {
    processes.emplace_back([&] {
      try {
        Database db(location);
        db.migrate("test", kMigrations);
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& t : processes) t.join();
  EXPECT_EQ(failures.load(), 0);
  Database db(location);
  int applied = db.read([](Connection& c) {
    auto s = c.prepare("SELECT COUNT(*) FROM schema_migrations WHERE module = 'test'");
    s.step();
    return s.integer(0);
  });
  EXPECT_EQ(applied, 2);
  EXPECT_EQ(counter(db), 0);
}

// A pooled connection whose server session ended (a restarted server, a killed backend) is noticed
// when it is leased again: it is dropped and a new one opened, and the write goes through.
TEST_P(DatabaseTest, ABrokenConnectionIsDroppedAndTheNextLeaseReconnects) {
  if (GetParam() != Engine::Postgres) GTEST_SKIP() << "an SQLite connection has no server to lose";
  Database db(location);
  db.migrate("test", kMigrations);
  std::int64_t pid = db.read([](Connection& c) {
    auto s = c.prepare("SELECT pg_backend_pid()");
    s.step();
    return s.int64(0);
  });
  postgres::PgConnection admin(bookdav::testing::postgresClusterUrl());
  admin.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
  admin.exec("SELECT pg_sleep(0.2)");  // the backend has gone and its socket is closed
  db.write([](Connection& c) { c.prepare("UPDATE counter SET n = 7 WHERE id = 1").run(); });
  EXPECT_EQ(counter(db), 7);
}

TEST(Dialect, QuestionParametersBecomeDollarOnesOutsideQuotes) {
  int highest = 0;
  EXPECT_EQ(postgres::dollarParameters("SELECT ?1, '?2', \"a?3\" FROM t WHERE x = ?12 AND y = ?", highest),
            "SELECT $1, '?2', \"a?3\" FROM t WHERE x = $12 AND y = ?");
  EXPECT_EQ(highest, 12);
}

BOOKDAV_ON_BOTH_ENGINES(DatabaseTest);

}  // namespace
}  // namespace bookdav::storage::sql
