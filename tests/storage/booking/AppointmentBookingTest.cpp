// Booking appointments end to end on a real database: policy boundaries, buffers, several resources,
// rescheduling, refusals that change nothing, the change log.
#include "tests/storage/booking/BookingFixture.h"

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;

const Instant kTen = utc("2026-12-01T09:00:00Z");  // 10:00 in Berlin

class AppointmentBookingTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    if (IsSkipped()) return;
    catalog.putResource(staff("ana"));
    catalog.putResource(staff("ben"));
    catalog.putResource(room("chair-1"));
    catalog.putService(haircut({"ana", "ben"}));
  }
  void setPolicy(const std::function<void(BookingPolicy&)>& change) {
    Service s = *catalog.service("haircut");
    change(s.policy);
    catalog.putService(s);
  }
  std::vector<Slot> slotsOn(const char* day) { return slotsBetween(utc(day), utc(day) + hours{24}); }
  std::vector<Slot> slotsBetween(Instant from, Instant to) {
    SlotQuery q;
    q.serviceId = "haircut";
    q.range = Interval{from, to};
    return desk.slots(q);
  }
};

TEST_P(AppointmentBookingTest, BookingTakesTheSlotAndSnapshotsPriceAndPolicy) {
  setPolicy([](BookingPolicy& p) { p.cancellationDeadline = hours{24}; });
  BookingRequest r = at("haircut", kTen, 1);
  r.clientUid = "uid-1";
  r.clientHref = "/dav/calendars/alice/service-haircut/1.ics";
  Booking b = desk.book(r, alice);
  EXPECT_EQ(b.status, BookingStatus::Confirmed);
  EXPECT_EQ(b.customer, "alice");
  EXPECT_EQ(b.time, (Interval{kTen, kTen + minutes{30}}));
  EXPECT_EQ(b.resourceIds, std::vector<std::string>{"ana"});
  EXPECT_EQ(b.price, (Price{3500, "EUR"}));
  EXPECT_EQ(b.policy.cancellationDeadline, hours{24});
  EXPECT_EQ(b.created, clock.now());
  ASSERT_EQ(b.sessionIds.size(), 1u);
  Session s = *timetable.session(b.sessionIds[0]);
  EXPECT_EQ(s.kind, SessionKind::Appointment);
  EXPECT_EQ(s.taken, 1);
  // The service's policy changing later does not change the booking's terms.
  setPolicy([](BookingPolicy& p) { p.cancellationDeadline = hours{48}; });
  EXPECT_EQ(desk.booking(b.id)->policy.cancellationDeadline, hours{24});
  // The 10:00 slot now goes to ben; a second booking gets him.
  auto slots = slotsOn("2026-12-01T00:00:00Z");
  auto ten = std::find_if(slots.begin(), slots.end(), [](const Slot& x) { return x.time.start == kTen; });
  ASSERT_NE(ten, slots.end());
  EXPECT_EQ(ten->resourceIds, std::vector<std::string>{"ben"});
  EXPECT_EQ(ten->openPlaces, 1);
  EXPECT_EQ(desk.book(at("haircut", kTen), bob).resourceIds, std::vector<std::string>{"ben"});
  std::string sentence =
      refused(Refusal::SlotUnavailable, [&] { desk.book(at("haircut", kTen), customer(3)); });
  EXPECT_EQ(sentence, "10:00 on 2026-12-01 is no longer free for Haircut");
  expectConsistent();
}

TEST_P(AppointmentBookingTest, LostRaceIsToldApartFromATimeThatWasNeverFree) {
  catalog.putService(haircut({"ana"}));
  desk.book(at("haircut", kTen), alice);
  try {
    desk.book(at("haircut", kTen), bob);
    FAIL();
  } catch (const Refused& r) {
    EXPECT_EQ(r.reason(), Refusal::SlotUnavailable);
    EXPECT_TRUE(r.lostRace());
  }
  try {
    desk.book(at("haircut", utc("2026-12-01T20:00:00Z")), bob);  // 21:00, closed
    FAIL();
  } catch (const Refused& r) {
    EXPECT_EQ(r.reason(), Refusal::SlotUnavailable);
    EXPECT_FALSE(r.lostRace());
    EXPECT_EQ(std::string(r.what()), "21:00 on 2026-12-01 is not a free slot of Haircut");
  }
  refused(Refusal::SlotUnavailable,
          [&] { desk.book(at("haircut", kTen + minutes{7}), bob); });  // off the grid
}

TEST_P(AppointmentBookingTest, MinimumNoticeOneSecondEitherSide) {
  setPolicy([](BookingPolicy& p) { p.minimumNotice = hours{2}; });
  clock.set(kTen - hours{2} + seconds{1});
  refused(Refusal::TooEarly, [&] { desk.book(at("haircut", kTen), alice); });
  clock.set(kTen - hours{2});
  EXPECT_EQ(desk.book(at("haircut", kTen), alice).status, BookingStatus::Confirmed);
  clock.set(kTen - hours{2} - seconds{1});
  EXPECT_EQ(desk.book(at("haircut", kTen), bob).status, BookingStatus::Confirmed);
}

TEST_P(AppointmentBookingTest, HorizonOneSecondEitherSide) {
  setPolicy([](BookingPolicy& p) { p.maximumHorizon = days{14}; });
  clock.set(kTen - days{14} - seconds{1});
  std::string sentence = refused(Refusal::TooLate, [&] { desk.book(at("haircut", kTen), alice); });
  EXPECT_EQ(sentence,
            "10:00 on 2026-12-01 is too far ahead to book Haircut: bookings open 14 days before the start");
  clock.set(kTen - days{14});
  EXPECT_EQ(desk.book(at("haircut", kTen), alice).status, BookingStatus::Confirmed);
  clock.set(kTen - days{14} + seconds{1});
  EXPECT_EQ(desk.book(at("haircut", kTen), bob).status, BookingStatus::Confirmed);
}

TEST_P(AppointmentBookingTest, CancellationDeadlineOneSecondEitherSide) {
  setPolicy([](BookingPolicy& p) { p.cancellationDeadline = hours{24}; });
  Booking a = desk.book(at("haircut", kTen), alice);
  Booking b = desk.book(at("haircut", kTen), bob);
  clock.set(kTen - hours{24} + seconds{1});
  std::string sentence = refused(Refusal::CancellationClosed, [&] { desk.cancel(a.id, alice); });
  EXPECT_EQ(
      sentence,
      "the booking of Haircut at 10:00 on 2026-12-01 can no longer be canceled: cancellations close 1 day "
      "before the start");
  EXPECT_EQ(desk.cancel(a.id, admin).status, BookingStatus::Canceled);  // the business may
  clock.set(kTen - hours{24});
  EXPECT_EQ(desk.cancel(b.id, bob).status, BookingStatus::Canceled);
  expectConsistent();
}

TEST_P(AppointmentBookingTest, RescheduleDeadlineOneSecondEitherSide) {
  setPolicy([](BookingPolicy& p) { p.rescheduleDeadline = hours{12}; });
  Booking a = desk.book(at("haircut", kTen), alice);
  RescheduleRequest later{kTen + hours{2}, std::nullopt, std::nullopt};
  clock.set(kTen - hours{12} + seconds{1});
  refused(Refusal::RescheduleClosed, [&] { desk.reschedule(a.id, later, alice); });
  clock.set(kTen - hours{12});
  Booking moved = desk.reschedule(a.id, later, alice);
  EXPECT_EQ(moved.time.start, kTen + hours{2});
}

TEST_P(AppointmentBookingTest, ParticipantsPerBookingBoundary) {
  setPolicy([](BookingPolicy& p) { p.maxParticipantsPerBooking = 2; });
  refused(Refusal::TooManyParticipants, [&] { desk.book(at("haircut", kTen, 3), alice); });
  Booking b = desk.book(at("haircut", kTen, 2), alice);
  EXPECT_EQ(b.participants, 2);
  EXPECT_EQ(b.price.amountMinor, 7000);
  EXPECT_EQ(timetable.session(b.sessionIds[0])->capacity, 2);
  refused(Refusal::InvalidRequest, [&] { desk.book(at("haircut", kTen + hours{1}, 0), alice); });
  expectConsistent();
}

TEST_P(AppointmentBookingTest, BuffersKeepTimeAroundBookedAppointments) {
  catalog.putService(haircut({"ana"}));
  setPolicy([](BookingPolicy& p) {
    p.bufferBefore = minutes{10};
    p.bufferAfter = minutes{20};
    p.slotGranularity = minutes{10};
  });
  desk.book(at("haircut", kTen), alice);  // 10:00-10:30 keeps 09:50-10:50
  // A new haircut keeps 10 minutes before and 20 after itself free of that span.
  refused(Refusal::SlotUnavailable,
          [&] { desk.book(at("haircut", kTen + minutes{50}), bob); });  // 10:40 < 10:50
  refused(Refusal::SlotUnavailable,
          [&] { desk.book(at("haircut", kTen - minutes{50}), bob); });  // 09:40+20 > 09:50
  EXPECT_EQ(desk.book(at("haircut", kTen - minutes{60}), bob).status,
            BookingStatus::Confirmed);  // 09:30+20 = 09:50
  EXPECT_EQ(desk.book(at("haircut", kTen + minutes{60}), customer(3)).status,
            BookingStatus::Confirmed);  // 10:50
  Session s = *timetable.session(desk.bookings({}).front().sessionIds[0]);
  EXPECT_EQ(s.bufferBefore, minutes{10});
  expectConsistent();
}

TEST_P(AppointmentBookingTest, StylistAndChairAreBookedTogether) {
  Service s = haircut({"ana", "ben"}, {ResourceGroup{{"chair-1"}}});
  catalog.putService(s);
  Booking a = desk.book(at("haircut", kTen), alice);
  EXPECT_EQ(a.resourceIds, (std::vector<std::string>{"ana", "chair-1"}));
  // Ben is free, but the only chair is not.
  EXPECT_TRUE(refused(Refusal::SlotUnavailable, [&] {
                desk.book(at("haircut", kTen), bob);
              }).find("no longer free") != std::string::npos);
  BookingRequest withBen = at("haircut", kTen + minutes{30});
  withBen.resourceId = "ben";
  Booking b = desk.book(withBen, bob);
  EXPECT_EQ(b.resourceIds, (std::vector<std::string>{"ben", "chair-1"}));
  auto onChair = desk.bookings(BookingFilter{std::nullopt, std::nullopt, "chair-1", std::nullopt, {}});
  EXPECT_EQ(onChair.size(), 2u);
  expectConsistent();
}

TEST_P(AppointmentBookingTest, BookingOnDstChangeDays) {
  catalog.putResource(staff("ana", everyDay(hm(0), hm(24))));
  catalog.putService(haircut({"ana"}));
  clock.set(utc("2026-03-01T00:00:00Z"));
  setPolicy([](BookingPolicy& p) { p.slotGranularity = hours{1}; });
  // Local 2026-10-25 lasts 25 hours: 25 grid hours, 02:00 offered at both its instants.
  EXPECT_EQ(slotsBetween(utc("2026-10-24T22:00:00Z"), utc("2026-10-25T23:00:00Z")).size(), 25u);
  // Local 2026-03-29 lasts 23 hours: no 02:00.
  EXPECT_EQ(slotsBetween(utc("2026-03-28T23:00:00Z"), utc("2026-03-29T22:00:00Z")).size(), 23u);
  Booking b = desk.book(at("haircut", utc("2026-10-25T02:00:00Z")), alice);  // 03:00 CET
  EXPECT_EQ(b.time.length(), minutes{30});
  // Both 02:00s are on the grid: 02:00 CEST (00:00Z) and 02:00 CET (01:00Z); 02:30 is not (hourly grid).
  EXPECT_EQ(desk.book(at("haircut", utc("2026-10-25T00:00:00Z")), bob).status, BookingStatus::Confirmed);
  EXPECT_EQ(desk.book(at("haircut", utc("2026-10-25T01:00:00Z")), customer(3)).status,
            BookingStatus::Confirmed);
  refused(Refusal::SlotUnavailable,
          [&] { desk.book(at("haircut", utc("2026-10-25T01:30:00Z")), customer(4)); });
}

TEST_P(AppointmentBookingTest, RescheduleIsAtomic) {
  catalog.putService(haircut({"ana"}));
  Booking a = desk.book(at("haircut", kTen), alice);
  Booking b = desk.book(at("haircut", kTen + hours{1}), bob);
  std::int64_t seq = lastChange();
  int sessions = count("booking_sessions");
  // Onto bob's time: refused, and alice's booking stands unchanged.
  refused(Refusal::SlotUnavailable, [&] {
    desk.reschedule(a.id, RescheduleRequest{kTen + hours{1}, std::nullopt, std::nullopt}, alice);
  });
  EXPECT_EQ(desk.booking(a.id)->time.start, kTen);
  EXPECT_EQ(desk.booking(a.id)->status, BookingStatus::Confirmed);
  EXPECT_EQ(count("booking_sessions"), sessions);
  EXPECT_EQ(lastChange(), seq);
  // Shifting by half an hour overlaps its own old time, which is fine.
  Booking moved =
      desk.reschedule(a.id, RescheduleRequest{kTen + minutes{30}, std::nullopt, std::nullopt}, alice);
  EXPECT_EQ(moved.id, a.id);
  EXPECT_EQ(moved.time.start, kTen + minutes{30});
  EXPECT_NE(moved.sessionIds, a.sessionIds);
  EXPECT_EQ(timetable.session(a.sessionIds[0])->status, SessionStatus::Canceled);
  // The old time is free again.
  EXPECT_EQ(desk.book(at("haircut", kTen), customer(3)).status, BookingStatus::Confirmed);
  refused(Refusal::NotYourBooking, [&] {
    desk.reschedule(b.id, RescheduleRequest{kTen + hours{3}, std::nullopt, std::nullopt}, alice);
  });
  expectConsistent();
}

// A face's condition (HTTP If-Match) is checked on the booking as stored, inside the transaction that
// changes it: it sees what a concurrent change left, and its refusal changes nothing.
TEST_P(AppointmentBookingTest, WriteConditionsAreCheckedOnTheStoredBookingInsideTheTransaction) {
  Booking a = desk.book(at("haircut", kTen), alice);
  struct Stale : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  const Instant seen = a.time.start;
  // The condition of a client that read the booking at 10:00: it holds while the booking is there.
  WriteCondition<Booking> unchangedSince = [&](BookingData& data, const Booking& current) {
    EXPECT_EQ(data.booking(current.id)->updated, current.updated);  // the same transaction's view
    if (current.time.start != seen) throw Stale("the booking changed since it was read");
  };
  std::int64_t seq = lastChange();
  desk.reschedule(a.id, RescheduleRequest{kTen + hours{1}, std::nullopt, std::nullopt}, alice,
                  unchangedSince);
  EXPECT_GT(lastChange(), seq);
  // A second move and a cancel from the same reading are refused, and change nothing.
  seq = lastChange();
  EXPECT_THROW(desk.reschedule(a.id, RescheduleRequest{kTen + hours{2}, std::nullopt, std::nullopt}, alice,
                               unchangedSince),
               Stale);
  EXPECT_THROW(desk.cancel(a.id, alice, unchangedSince), Stale);
  EXPECT_EQ(desk.booking(a.id)->time.start, kTen + hours{1});
  EXPECT_EQ(desk.booking(a.id)->status, BookingStatus::Confirmed);
  EXPECT_EQ(lastChange(), seq);
  // Another customer's booking is refused as such before any condition is asked.
  bool asked = false;
  refused(Refusal::NotYourBooking,
          [&] { desk.cancel(a.id, bob, [&](BookingData&, const Booking&) { asked = true; }); });
  EXPECT_FALSE(asked);
  expectConsistent();
}

TEST_P(AppointmentBookingTest, RescheduleKeepsTheStaffMemberWhenFree) {
  BookingRequest withBen = at("haircut", kTen);
  withBen.resourceId = "ben";
  Booking a = desk.book(withBen, alice);
  RescheduleRequest later{kTen + hours{1}, std::nullopt, std::nullopt};
  EXPECT_EQ(desk.reschedule(a.id, later, alice).resourceIds, std::vector<std::string>{"ben"});
  BookingRequest benLater = at("haircut", kTen + hours{2});
  benLater.resourceId = "ben";
  desk.book(benLater, bob);
  // Ben is busy at 12:00: anyone free will do, unless the customer insists on ben.
  RescheduleRequest noon{kTen + hours{2}, std::nullopt, std::string("ben")};
  refused(Refusal::SlotUnavailable, [&] { desk.reschedule(a.id, noon, alice); });
  noon.resourceId.reset();
  EXPECT_EQ(desk.reschedule(a.id, noon, alice).resourceIds, std::vector<std::string>{"ana"});
  expectConsistent();
}

TEST_P(AppointmentBookingTest, RefusedRequestsChangeNothing) {
  setPolicy([](BookingPolicy& p) { p.minimumNotice = hours{2}; });
  Booking a = desk.book(at("haircut", kTen), alice);
  std::int64_t seq = lastChange();
  int bookings = count("booking_bookings"), sessions = count("booking_sessions");
  refused(Refusal::TooEarly, [&] { desk.book(at("haircut", clock.now() + hours{1}), bob); });
  refused(Refusal::NotFound, [&] { desk.book(at("massage", kTen), bob); });
  refused(Refusal::NotYourBooking, [&] { desk.cancel(a.id, bob); });
  refused(Refusal::NotAllowed, [&] { desk.approve(a.id, alice); });
  refused(Refusal::NotPending, [&] { desk.approve(a.id, admin); });
  refused(Refusal::NotFound, [&] { desk.cancel(9999, admin); });
  EXPECT_EQ(lastChange(), seq);
  EXPECT_EQ(count("booking_bookings"), bookings);
  EXPECT_EQ(count("booking_sessions"), sessions);
  desk.cancel(a.id, alice);
  refused(Refusal::AlreadyCanceled, [&] { desk.cancel(a.id, alice); });
}

TEST_P(AppointmentBookingTest, ManualApprovalHoldsTheSlotUntilDecided) {
  setPolicy([](BookingPolicy& p) { p.manualApproval = true; });
  catalog.putService([&] {
    Service s = *catalog.service("haircut");
    s.resources = {ResourceGroup{{"ana"}}};
    return s;
  }());
  Booking a = desk.book(at("haircut", kTen), alice);
  EXPECT_EQ(a.status, BookingStatus::Pending);
  refused(Refusal::SlotUnavailable, [&] { desk.book(at("haircut", kTen), bob); });  // pending holds it
  Booking declined = desk.decline(a.id, admin);
  EXPECT_EQ(declined.status, BookingStatus::Declined);
  Booking b = desk.book(at("haircut", kTen), bob);
  EXPECT_EQ(desk.approve(b.id, admin).status, BookingStatus::Confirmed);
  refused(Refusal::NotPending, [&] { desk.decline(b.id, admin); });
  expectConsistent();
}

TEST_P(AppointmentBookingTest, ClientHrefAndUidLookups) {
  BookingRequest r = at("haircut", kTen);
  r.clientHref = "a.ics";
  r.clientUid = "uid-a";
  Booking a = desk.book(r, alice);
  EXPECT_EQ(desk.findByClientHref("alice", "haircut", "a.ics")->id, a.id);
  EXPECT_EQ(desk.findByClientUid("alice", "uid-a")->id, a.id);
  EXPECT_EQ(desk.findByClientHref("bob", "haircut", "a.ics"), std::nullopt);
  r.start = kTen + hours{1};
  refused(Refusal::AlreadyBooked, [&] { desk.book(r, alice); });
  desk.cancel(a.id, alice);
  Booking again = desk.book(r, alice);  // the href is free again once the booking is canceled
  EXPECT_EQ(desk.findByClientHref("alice", "haircut", "a.ics")->id, again.id);
}

TEST_P(AppointmentBookingTest, ListsByCustomerServiceResourceAndRange) {
  desk.book(at("haircut", kTen), alice);
  desk.book(at("haircut", kTen), bob);
  desk.book(at("haircut", kTen + days{1}), alice);
  BookingFilter byAlice;
  byAlice.customer = "alice";
  EXPECT_EQ(desk.bookings(byAlice).size(), 2u);
  byAlice.serviceId = "haircut";
  byAlice.range = Interval{kTen + hours{12}, kTen + days{2}};
  EXPECT_EQ(desk.bookings(byAlice).size(), 1u);
  BookingFilter onBen;
  onBen.resourceId = "ben";
  EXPECT_EQ(desk.bookings(onBen).size(), 1u);
  BookingFilter day;
  day.range = Interval{kTen, kTen + hours{1}};
  day.statuses = {BookingStatus::Confirmed};
  auto all = desk.bookings(day);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_LT(all[0].id, all[1].id);
}

TEST_P(AppointmentBookingTest, ChangeLogScopesOfABooking) {
  std::int64_t seq = lastChange();
  Booking a = desk.book(at("haircut", kTen), alice);
  std::set<std::pair<std::string, std::string>> rows;
  for (const Change& c : changesSince(seq)) {
    rows.insert({c.scope, c.item});
    EXPECT_FALSE(c.deleted);
  }
  const std::string session = sessionItem(a.sessionIds[0]), booking = bookingItem(a.id);
  EXPECT_EQ(rows,
            (std::set<std::pair<std::string, std::string>>{{"resource:ana", session},
                                                           {"resource:ana", booking},
                                                           {"customer:alice", booking},
                                                           {"service:haircut:customer:alice", booking}}));
  seq = lastChange();
  desk.cancel(a.id, alice);
  int deleted = 0;
  for (const Change& c : changesSince(seq)) deleted += c.deleted && c.item == booking;
  EXPECT_EQ(deleted, 3);  // gone from alice's bookings, her view of the service, and ana's calendar
  EXPECT_GT(changes.latest(customerCollectionScopes("alice")), seq);
  EXPECT_GT(changes.latest(resourceCollectionScopes("ana")), seq);
  EXPECT_LE(changes.latest(resourceCollectionScopes("ben")), seq);
}

BOOKDAV_ON_BOTH_ENGINES(AppointmentBookingTest);

}  // namespace
}  // namespace bookdav::domain::testing
