// The booking schema's migrations upgrade a database that the first release (booking migration 1
// only) left behind, keeping what it held.
#include "storage/sql/booking/BookingSchema.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "tests/storage/TempDir.h"

namespace bookdav::storage::sql {
namespace {

TEST(BookingSchema, UpgradeRebuildsSessionResourcesFromTheSessions) {
  TempDir dir;
  {
    Database db(dir.file("old.db"));
    db.migrate("booking", bookingMigrations().first(1));  // as the first release left it
    db.write([](Connection& c) {
      c.exec(
          "INSERT INTO booking_sessions (id, service_id, kind, status, start, end, resource_ids, capacity,"
          " locked, lock_note, title, origin, buffer_before, buffer_after, created, updated) VALUES"
          " (1, 'cut', 'appointment', 'scheduled', 1000, 2800, 'ana,chair-1', 1, 0, '', '', NULL, 0, 600, 0, 0),"
          " (2, 'yoga', 'class', 'canceled', 5000, 8600, 'sun-room', 10, 0, '', '', 'x', 300, 0, 0, 0)");
    });
  }
  Database db(dir.file("old.db"));
  db.migrate("booking", bookingMigrations());
  using Row = std::tuple<std::string, std::int64_t, std::string, std::int64_t, std::int64_t, std::int64_t>;
  std::vector<Row> rows = db.read([](Connection& c) {
    std::vector<Row> out;
    auto s = c.prepare(
        "SELECT resource_id, session_id, kind, active, busy_start, busy_end FROM booking_session_resources"
        " ORDER BY session_id, resource_id");
    while (s.step()) out.emplace_back(s.text(0), s.int64(1), s.text(2), s.int64(3), s.int64(4), s.int64(5));
    return out;
  });
  EXPECT_EQ(rows, (std::vector<Row>{{"ana", 1, "appointment", 1, 1000, 3400},
                                    {"chair-1", 1, "appointment", 1, 1000, 3400},
                                    {"sun-room", 2, "class", 0, 4700, 8600}}));
}

}  // namespace
}  // namespace bookdav::storage::sql
