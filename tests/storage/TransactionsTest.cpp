// One write transaction over the calendar store and the booking data: both commit, or neither does.
#include "storage/sql/SqlTransactions.h"

#include <gtest/gtest.h>

#include "storage/sql/SqlCalendarStore.h"
#include "storage/sql/booking/SqlBookingStore.h"
#include "tests/storage/TempDir.h"
#include "tests/storage/TestDatabase.h"

namespace bookdav::storage::sql {
namespace {

using namespace domain;

class TransactionsTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (bookdav::testing::engineUnavailable(GetParam())) GTEST_SKIP() << "no PostgreSQL cluster";
  }
  TransactionsTest()
      : db(bookdav::testing::testDatabase(GetParam(), dir, "unit.db")),
        calendars(db),
        booking(db),
        transactions(db) {
    calendar = calendars.writeValue([](CalendarWriter& w) {
      CollectionRecord c;
      c.path = "/dav/calendars/alice/calendar/";
      c.owner = "alice";
      c.kind = CollectionKind::Calendar;
      return w.createCollection(c);
    });
  }

  // In one unit: an object in alice's calendar and a resource in the catalog.
  void writeBoth(UnitOfWork& unit) {
    ObjectRecord o;
    o.collectionId = calendar.id;
    o.name = "e.ics";
    o.contentType = "text/calendar";
    o.etag = "\"e\"";
    o.uid = "e";
    o.componentType = "VEVENT";
    o.data = "BEGIN:VCALENDAR...";
    unit.calendars().putObject(o, InstanceIndex{});
    Resource r;
    r.id = "room-1";
    r.name = "Room 1";
    r.kind = ResourceKind::Room;
    r.timeZone = "UTC";
    unit.booking().putResource(r);
    // What this transaction wrote, it reads back through either side.
    EXPECT_TRUE(unit.calendars().object(calendar.id, "e.ics", false));
    EXPECT_TRUE(unit.booking().resource("room-1"));
  }

  bool objectStored() {
    return calendars.readValue(
        [&](CalendarReader& r) { return r.object(calendar.id, "e.ics", false).has_value(); });
  }
  bool resourceStored() {
    return booking.reading([](BookingData& d) { return d.resource("room-1").has_value(); });
  }

  TempDir dir;
  Database db;
  SqlCalendarStore calendars;
  SqlBookingStore booking;
  SqlTransactions transactions;
  CollectionRecord calendar;
};

TEST_P(TransactionsTest, AFailureRollsBackBothStores) {
  struct Refusal : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  EXPECT_THROW(transactions.write([&](UnitOfWork& unit) {
    writeBoth(unit);
    throw Refusal("refused after both writes");
  }),
               Refusal);
  EXPECT_FALSE(objectStored());
  EXPECT_FALSE(resourceStored());
}

TEST_P(TransactionsTest, BothStoresCommitTogether) {
  const auto seq = [&] {
    return calendars.readValue([&](CalendarReader& r) { return r.syncSeq(calendar); });
  };
  const std::int64_t before = seq();
  int result = transactions.writing([&](UnitOfWork& unit) {
    writeBoth(unit);
    return 7;
  });
  EXPECT_EQ(result, 7);
  EXPECT_TRUE(objectStored());
  EXPECT_TRUE(resourceStored());
  EXPECT_GT(seq(), before) << "the object's change is logged in the same transaction";
}

BOOKDAV_ON_BOTH_ENGINES(TransactionsTest);

}  // namespace
}  // namespace bookdav::storage::sql
