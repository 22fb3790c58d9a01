// A booking engine on a real database (an SQLite file in a temporary directory, or a fresh PostgreSQL
// schema: the test parameter), with a fixed clock, for tests.
#pragma once

#include <gtest/gtest.h>

#include <set>

#include "caldav/ical/IcalZoneRules.h"
#include "domain/booking/BookingDesk.h"
#include "domain/booking/Catalog.h"
#include "domain/booking/ChangeScopes.h"
#include "domain/booking/Timetable.h"
#include "domain/sync/ChangeLog.h"
#include "storage/sql/SqlChangeLog.h"
#include "storage/sql/booking/SqlBookingStore.h"
#include "tests/domain/booking/Builders.h"
#include "tests/storage/TempDir.h"
#include "tests/storage/TestDatabase.h"

namespace bookdav::domain::testing {

class BookingFixture : public ::testing::TestWithParam<storage::sql::Engine> {
 protected:
  void SetUp() override {
    if (bookdav::testing::engineUnavailable(GetParam()))
      GTEST_SKIP() << "no PostgreSQL cluster (BOOKDAV_TEST_POSTGRES)";
  }

  TempDir dir;
  storage::sql::Database db{bookdav::testing::testDatabase(GetParam(), dir, "bookings.db")};
  storage::sql::SqlBookingStore store{db};
  storage::sql::SqlChangeLog changes{db};
  FixedClock clock{utc("2026-11-20T08:00:00Z")};
  const ZoneRules& zones = caldav::ical::IcalZoneRules::instance();
  Catalog catalog{store, clock, zones};
  Timetable timetable{store, clock, zones};
  BookingDesk desk{store, clock, zones};

  Actor alice = Actor::customer("alice");
  Actor bob = Actor::customer("bob");
  Actor admin = Actor::admin();

  BookingRequest at(const std::string& service, Instant start, int participants = 1) {
    BookingRequest r;
    r.serviceId = service;
    r.start = start;
    r.participants = participants;
    r.contact = Contact{"Alice", "alice@example.com", ""};
    return r;
  }
  BookingRequest inSession(const std::string& service, SessionId id, int participants = 1) {
    BookingRequest r;
    r.serviceId = service;
    r.sessionId = id;
    r.participants = participants;
    return r;
  }
  Actor customer(int i) { return Actor::customer("customer-" + std::to_string(i)); }

  // Runs f and expects it to be refused for `reason`; returns the sentence.
  template <typename F>
  std::string refused(Refusal reason, F&& f) {
    try {
      f();
    } catch (const Refused& r) {
      EXPECT_EQ(r.name(), refusalName(reason)) << r.what();
      return r.what();
    }
    ADD_FAILURE() << "expected a refusal: " << refusalName(reason);
    return {};
  }

  std::int64_t lastChange() {
    auto c = db.connection();
    auto s = c->prepare("SELECT COALESCE(MAX(seq), 0) FROM changes");
    s.step();
    return s.int64(0);
  }
  std::vector<Change> changesSince(std::int64_t seq) {
    auto c = db.connection();
    auto s = c->prepare("SELECT seq, scope, item, deleted FROM changes WHERE seq > ?1 ORDER BY seq");
    s.bind(1, seq);
    std::vector<Change> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.int64(3) != 0});
    return out;
  }
  int count(const char* table) {
    auto c = db.connection();
    auto s = c->prepare(std::string("SELECT COUNT(*) FROM ") + table);
    s.step();
    return s.integer(0);
  }
  std::vector<Session> sessionsOf(const std::string& service) {
    return timetable.sessions(service, Interval{clock.now(), clock.now() + std::chrono::days{60}});
  }
  void expectConsistent() { EXPECT_EQ(store.consistencyProblems(), std::vector<std::string>{}); }
};

}  // namespace bookdav::domain::testing
