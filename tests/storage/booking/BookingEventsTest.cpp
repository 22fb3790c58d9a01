// The booking domain's outbox: every change to a booking appends one event in its own transaction,
// saying what happened, who made it happen and why; a refused change appends nothing.
#include "tests/storage/booking/BookingFixture.h"

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;

class BookingEventsTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    if (IsSkipped()) return;
    catalog.putResource(staff("maria"));
    catalog.putResource(room("studio"));
    catalog.putResource(staff("ana"));
    catalog.putService(haircut({"ana"}));
    Service y = yoga(1);
    y.policy.waitlistCapacity = 2;
    catalog.putService(y);
    Schedule s = mondays("yoga");
    s.rules[0].firstDate = date(2026, 11, 23);
    s.resourceIds = {"maria", "studio"};
    timetable.putSchedule(s);
    monday = sessionsOf("yoga").at(0);
  }
  // The events appended since `after`, read the way a consumer reads them.
  std::vector<BookingEvent> eventsSince(std::int64_t after) {
    return store.reading([&](BookingData& d) { return d.eventsAfter(after, 1000); });
  }
  std::int64_t lastEvent() {
    std::vector<BookingEvent> all = eventsSince(0);
    return all.empty() ? 0 : all.back().seq;
  }
  Session monday;
};

BookingEvent expected(BookingId id, BookingEventKind kind, BookingStatus status, Party by,
                      std::string_view reason) {
  BookingEvent e;
  e.bookingId = id;
  e.kind = kind;
  e.status = status;
  e.by = by;
  e.reason = std::string(reason);
  return e;
}

// The parts a test states; seq and at are the store's and the clock's.
void expectEvents(const std::vector<BookingEvent>& got, const std::vector<BookingEvent>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].bookingId, want[i].bookingId) << i;
    EXPECT_EQ(toString(got[i].kind), toString(want[i].kind)) << i;
    EXPECT_EQ(toString(got[i].status), toString(want[i].status)) << i;
    EXPECT_EQ(toString(got[i].by), toString(want[i].by)) << i;
    EXPECT_EQ(got[i].reason, want[i].reason) << i;
    if (i > 0) {
      EXPECT_GT(got[i].seq, got[i - 1].seq);
    }
  }
}

TEST_P(BookingEventsTest, BookingCancelingAndTheWaitlistMovingUp) {
  Booking a = desk.book(inSession("yoga", monday.id), alice);
  Booking b = desk.book(inSession("yoga", monday.id), bob);  // full: waits
  const std::int64_t before = lastEvent();
  desk.cancel(a.id, alice);
  expectEvents(eventsSince(0), {expected(a.id, BookingEventKind::Placed, BookingStatus::Confirmed,
                                         Party::Customer, reasons::kRequested),
                                expected(b.id, BookingEventKind::Placed, BookingStatus::Waitlisted,
                                         Party::Customer, reasons::kRequested),
                                expected(a.id, BookingEventKind::Canceled, BookingStatus::Canceled,
                                         Party::Customer, reasons::kRequested),
                                expected(b.id, BookingEventKind::Promoted, BookingStatus::Confirmed,
                                         Party::Business, reasons::kPlacesFreed)});
  EXPECT_EQ(eventsSince(before).size(), 2u);
  EXPECT_EQ(eventsSince(0).front().at, clock.now());
}

TEST_P(BookingEventsTest, ApprovalDeclineAndMovesSayWhoActed) {
  Service cut = *catalog.service("haircut");
  cut.policy.manualApproval = true;
  catalog.putService(cut);
  const Instant ten = utc("2026-12-01T09:00:00Z");
  Booking a = desk.book(at("haircut", ten), alice);
  Booking b = desk.book(at("haircut", ten + hours{1}), bob);
  desk.approve(a.id, admin);
  desk.decline(b.id, admin);
  desk.reschedule(a.id, RescheduleRequest{ten + hours{2}, std::nullopt, std::nullopt}, alice);
  desk.reschedule(a.id, RescheduleRequest{ten + hours{3}, std::nullopt, std::nullopt}, admin);
  std::vector<BookingEvent> got = eventsSince(0);
  expectEvents(
      got,
      {expected(a.id, BookingEventKind::Placed, BookingStatus::Pending, Party::Customer, reasons::kRequested),
       expected(b.id, BookingEventKind::Placed, BookingStatus::Pending, Party::Customer, reasons::kRequested),
       expected(a.id, BookingEventKind::Approved, BookingStatus::Confirmed, Party::Business,
                reasons::kRequested),
       expected(b.id, BookingEventKind::Declined, BookingStatus::Declined, Party::Business,
                reasons::kRequested),
       expected(a.id, BookingEventKind::Rescheduled, BookingStatus::Confirmed, Party::Customer,
                reasons::kRequested),
       expected(a.id, BookingEventKind::Rescheduled, BookingStatus::Confirmed, Party::Business,
                reasons::kRequested)});
  ASSERT_TRUE(got[4].previousTime);
  EXPECT_EQ(got[4].previousTime->start, ten);
  EXPECT_EQ(got[5].previousTime->start, ten + hours{2});
}

TEST_P(BookingEventsTest, TheBusinessMovingOrCancelingASessionTellsItsBookings) {
  Booking a = desk.book(inSession("yoga", monday.id), alice);
  Booking b = desk.book(inSession("yoga", monday.id), bob);  // waitlisted
  const std::int64_t before = lastEvent();
  SessionChange later;
  later.time = Interval{monday.time.start + hours{1}, monday.time.end + hours{1}};
  timetable.updateSession(monday.id, later);
  std::vector<BookingEvent> moved = eventsSince(before);
  expectEvents(moved, {expected(a.id, BookingEventKind::SessionChanged, BookingStatus::Confirmed,
                                Party::Business, reasons::kScheduleChanged),
                       expected(b.id, BookingEventKind::SessionChanged, BookingStatus::Waitlisted,
                                Party::Business, reasons::kScheduleChanged)});
  ASSERT_TRUE(moved[0].previousTime);
  EXPECT_EQ(*moved[0].previousTime, monday.time);
  const std::int64_t beforeCancel = lastEvent();
  timetable.cancelSession(monday.id);
  expectEvents(eventsSince(beforeCancel), {expected(a.id, BookingEventKind::Canceled, BookingStatus::Canceled,
                                                    Party::Business, reasons::kSessionCanceled),
                                           expected(b.id, BookingEventKind::Canceled, BookingStatus::Canceled,
                                                    Party::Business, reasons::kSessionCanceled)});
}

TEST_P(BookingEventsTest, ARefusedChangeAppendsNothing) {
  Booking a = desk.book(inSession("yoga", monday.id), alice);
  desk.book(inSession("yoga", monday.id), bob);
  desk.book(inSession("yoga", monday.id), customer(3));
  const std::int64_t before = lastEvent();
  refused(Refusal::SessionFull, [&] { desk.book(inSession("yoga", monday.id), customer(4)); });
  refused(Refusal::NotYourBooking, [&] { desk.cancel(a.id, bob); });
  refused(Refusal::NotAllowed, [&] { desk.approve(a.id, alice); });
  EXPECT_EQ(lastEvent(), before);
}

TEST_P(BookingEventsTest, ConsumersKeepTheirPositionAndItOnlyMovesForward) {
  Booking a = desk.book(inSession("yoga", monday.id), alice);
  desk.cancel(a.id, alice);
  store.write([&](BookingData& d) {
    EXPECT_EQ(d.consumed("mail"), 0);
    std::vector<BookingEvent> first = d.eventsAfter(0, 1);
    ASSERT_EQ(first.size(), 1u);
    d.markConsumed("mail", first[0].seq);
  });
  store.write([&](BookingData& d) {
    const std::int64_t at = d.consumed("mail");
    EXPECT_EQ(d.eventsAfter(at, 10).size(), 1u) << "the next one is still to do";
    d.markConsumed("mail", at - 1);  // a late, older position never moves it back
    EXPECT_EQ(d.consumed("mail"), at);
    EXPECT_EQ(d.consumed("itip"), 0) << "each consumer has its own position";
  });
}

BOOKDAV_ON_BOTH_ENGINES(BookingEventsTest);

}  // namespace
}  // namespace bookdav::domain::testing
