// The booking desk inside a caller's transaction (domain::Transactions): a booking and a calendar object
// commit together or not at all, and a refusal caught inside the transaction leaves no booking, so that
// the caller can still store the organizer's event (RFC 6638 implicit scheduling).
#include "storage/sql/SqlCalendarStore.h"
#include "storage/sql/SqlTransactions.h"
#include "tests/storage/booking/BookingFixture.h"

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;

const Instant kTen = utc("2026-12-01T09:00:00Z");

class BookingInUnitOfWorkTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    if (IsSkipped()) return;
    catalog.putResource(staff("ana"));
    catalog.putService(haircut({"ana"}));
    calendar = calendars.writeValue([](CalendarWriter& w) {
      CollectionRecord c;
      c.path = "/dav/calendars/alice/calendar/";
      c.owner = "alice";
      c.kind = CollectionKind::Calendar;
      return w.createCollection(c);
    });
  }
  void putEvent(UnitOfWork& unit, const std::string& name) {
    ObjectRecord o;
    o.collectionId = calendar.id;
    o.name = name;
    o.contentType = "text/calendar";
    o.etag = "\"" + name + "\"";
    o.uid = name;
    o.componentType = "VEVENT";
    o.data = "BEGIN:VCALENDAR...";
    unit.calendars().putObject(o, InstanceIndex{});
  }
  bool stored(const std::string& name) {
    return calendars.readValue(
        [&](CalendarReader& r) { return r.object(calendar.id, name, false).has_value(); });
  }

  storage::sql::SqlCalendarStore calendars{db};
  storage::sql::SqlTransactions transactions{db};
  CollectionRecord calendar;
};

TEST_P(BookingInUnitOfWorkTest, BookingAndEventCommitTogether) {
  Booking b = transactions.writing([&](UnitOfWork& unit) {
    Booking booked = desk.book(unit.booking(), at("haircut", kTen), alice);
    putEvent(unit, "a.ics");
    return booked;
  });
  EXPECT_EQ(b.status, BookingStatus::Confirmed);
  EXPECT_TRUE(stored("a.ics"));
  EXPECT_EQ(desk.booking(b.id)->status, BookingStatus::Confirmed);
  expectConsistent();
}

TEST_P(BookingInUnitOfWorkTest, AFailureAfterBookingRollsBothBack) {
  EXPECT_THROW(transactions.write([&](UnitOfWork& unit) {
    desk.book(unit.booking(), at("haircut", kTen), alice);
    putEvent(unit, "a.ics");
    throw std::runtime_error("the event could not be stored");
  }),
               std::runtime_error);
  EXPECT_FALSE(stored("a.ics"));
  EXPECT_EQ(count("booking_bookings"), 0);
  EXPECT_EQ(count("booking_sessions"), 0);
}

TEST_P(BookingInUnitOfWorkTest, ARefusalCaughtInsideLeavesNoBookingAndTheEventStored) {
  desk.book(at("haircut", kTen), bob);  // ana is taken at 10:00
  const int bookings = count("booking_bookings");
  transactions.write([&](UnitOfWork& unit) {
    refused(Refusal::SlotUnavailable, [&] { desk.book(unit.booking(), at("haircut", kTen), alice); });
    putEvent(unit, "declined.ics");
  });
  EXPECT_TRUE(stored("declined.ics"));
  EXPECT_EQ(count("booking_bookings"), bookings);
  expectConsistent();
}

TEST_P(BookingInUnitOfWorkTest, RescheduleAndCancelInsideTheUnit) {
  Booking b = desk.book(at("haircut", kTen), alice);
  transactions.write([&](UnitOfWork& unit) {
    RescheduleRequest move;
    move.start = kTen + hours{1};
    EXPECT_EQ(desk.reschedule(unit.booking(), b.id, move, alice).time.start, kTen + hours{1});
    putEvent(unit, "moved.ics");
  });
  EXPECT_EQ(desk.booking(b.id)->time.start, kTen + hours{1});
  transactions.write([&](UnitOfWork& unit) {
    EXPECT_EQ(desk.cancel(unit.booking(), b.id, alice).status, BookingStatus::Canceled);
  });
  EXPECT_EQ(desk.booking(b.id)->status, BookingStatus::Canceled);
  expectConsistent();
}

BOOKDAV_ON_BOTH_ENGINES(BookingInUnitOfWorkTest);

}  // namespace
}  // namespace bookdav::domain::testing
