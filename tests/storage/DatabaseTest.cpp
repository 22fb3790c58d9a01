#include "storage/sql/Database.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "tests/storage/TempDir.h"

namespace bookdav::storage::sql {
namespace {

constexpr Migration kMigrations[] = {
    {1, "CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"},
    {2, "INSERT INTO counter (id, n) VALUES (1, 0)"},
};

TEST(Database, MigrationsApplyOnceAcrossReopen) {
  TempDir dir;
  {
    Database db(dir.file("a.db"));
    db.migrate("test", kMigrations);
    db.migrate("test", kMigrations);
  }
  Database db(dir.file("a.db"));
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

TEST(Database, ExceptionRollsBackWrite) {
  TempDir dir;
  Database db(dir.file("a.db"));
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

TEST(Database, ConcurrentImmediateWritersLoseNothing) {
  TempDir dir;
  Database db(dir.file("a.db"));
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

TEST(Database, ConstraintErrorsAreTyped) {
  TempDir dir;
  Database db(dir.file("a.db"));
  db.migrate("test", kMigrations);
  try {
    db.write([](Connection& c) { c.prepare("INSERT INTO counter (id, n) VALUES (1, 5)").run(); });
    FAIL() << "expected a constraint error";
  } catch (const StorageError& e) {
    EXPECT_TRUE(e.constraint());
  }
}

}  // namespace
}  // namespace bookdav::storage::sql
