// Booking classes and courses end to end: places, waitlist promotion order, approval, course
// all-or-nothing, late joining, rescheduling between sessions.
#include "tests/storage/booking/BookingFixture.h"

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;

class ClassBookingTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    if (IsSkipped()) return;
    catalog.putResource(staff("maria"));
    catalog.putResource(room("studio"));
    Service y = yoga(3);
    y.policy.waitlistCapacity = 3;
    catalog.putService(y);
    Schedule s = mondays("yoga");
    s.rules[0].firstDate = date(2026, 11, 23);
    s.resourceIds = {"maria", "studio"};
    timetable.putSchedule(s);
    monday = sessionsOf("yoga").at(0);
    nextMonday = sessionsOf("yoga").at(1);
  }
  void setPolicy(const std::string& id, const std::function<void(BookingPolicy&)>& change) {
    Service s = *catalog.service(id);
    change(s.policy);
    catalog.putService(s);
  }
  Booking join(int customerNumber, int participants = 1, SessionId session = 0) {
    return desk.book(inSession("yoga", session ? session : monday.id, participants),
                     customer(customerNumber));
  }
  Session monday, nextMonday;
};

TEST_P(ClassBookingTest, JoinBySessionIdOrStartTime) {
  Booking a = desk.book(inSession("yoga", monday.id), alice);
  Booking b = desk.book(at("yoga", monday.time.start), bob);
  EXPECT_EQ(a.sessionIds, b.sessionIds);
  EXPECT_EQ(a.time, monday.time);
  EXPECT_EQ(a.resourceIds, (std::vector<std::string>{"maria", "studio"}));
  EXPECT_EQ(timetable.session(monday.id)->taken, 2);
  std::string sentence =
      refused(Refusal::NotASessionTime, [&] { desk.book(at("yoga", monday.time.start + hours{1}), alice); });
  EXPECT_EQ(sentence, "no session of Yoga starts at 21:00 on 2026-11-23");
  refused(Refusal::NotFound, [&] { desk.book(inSession("yoga", 424242), alice); });
}

TEST_P(ClassBookingTest, FullSessionFillsTheWaitlistThenRefuses) {
  EXPECT_EQ(join(1, 2).status, BookingStatus::Confirmed);
  EXPECT_EQ(join(2, 1).status, BookingStatus::Confirmed);
  Booking w1 = join(3, 1), w2 = join(4, 2);
  EXPECT_EQ(w1.status, BookingStatus::Waitlisted);
  EXPECT_EQ(w2.status, BookingStatus::Waitlisted);
  EXPECT_EQ(desk.waitlistPosition(w1.id), 1);
  EXPECT_EQ(desk.waitlistPosition(w2.id), 2);
  std::string sentence = refused(Refusal::SessionFull, [&] { join(5, 1); });  // 3 waiting places taken
  EXPECT_EQ(sentence, "the session of Yoga at 20:00 on 2026-11-23 is full, and so is its waitlist");
  Session s = *timetable.session(monday.id);
  EXPECT_EQ(s.taken, 3);
  EXPECT_EQ(s.waitlisted, 3);
  EXPECT_TRUE(s.full());
  // Slots show it as waitlist-only.
  SlotQuery q;
  q.serviceId = "yoga";
  q.range = Interval{monday.time.start, monday.time.end};
  q.includeUnbookable = true;
  auto slots = desk.slots(q);
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_FALSE(slots[0].bookable);
  EXPECT_EQ(slots[0].reason, Refusal::SessionFull);
  expectConsistent();
}

TEST_P(ClassBookingTest, CancellationPromotesTheWaitlistInOrder) {
  Booking a = join(1), b = join(2), c = join(3);
  Booking w1 = join(4), w2 = join(5), w3 = join(6);
  desk.cancel(b.id, customer(2));
  EXPECT_EQ(desk.booking(w1.id)->status, BookingStatus::Confirmed);
  EXPECT_EQ(desk.booking(w2.id)->status, BookingStatus::Waitlisted);
  EXPECT_EQ(desk.waitlistPosition(w2.id), 1);
  desk.cancel(a.id, customer(1));
  desk.cancel(c.id, customer(3));
  EXPECT_EQ(desk.booking(w2.id)->status, BookingStatus::Confirmed);
  EXPECT_EQ(desk.booking(w3.id)->status, BookingStatus::Confirmed);
  EXPECT_EQ(timetable.session(monday.id)->taken, 3);
  EXPECT_EQ(timetable.session(monday.id)->waitlisted, 0);
  expectConsistent();
}

TEST_P(ClassBookingTest, StrictFifoABigPartyFirstInLineIsNotOvertaken) {
  setPolicy("yoga", [](BookingPolicy& p) { p.waitlistCapacity = 5; });
  Booking a = join(1, 1), b = join(2, 2);
  Booking party = join(3, 3);  // waits for 3 places
  Booking single = join(4, 1);
  EXPECT_EQ(party.status, BookingStatus::Waitlisted);
  EXPECT_EQ(single.status, BookingStatus::Waitlisted);
  desk.cancel(a.id, customer(1));  // one place free: the party does not fit, so nobody moves
  EXPECT_EQ(timetable.session(monday.id)->placesLeft(), 1);
  EXPECT_EQ(desk.booking(party.id)->status, BookingStatus::Waitlisted);
  EXPECT_EQ(desk.booking(single.id)->status, BookingStatus::Waitlisted);
  Booking newcomer = join(5, 1);  // queues behind them although a place is free
  EXPECT_EQ(newcomer.status, BookingStatus::Waitlisted);
  EXPECT_EQ(desk.waitlistPosition(newcomer.id), 3);
  desk.cancel(b.id, customer(2));  // three places free: the party takes them all
  EXPECT_EQ(desk.booking(party.id)->status, BookingStatus::Confirmed);
  EXPECT_EQ(desk.booking(single.id)->status, BookingStatus::Waitlisted);
  EXPECT_EQ(desk.waitlistPosition(single.id), 1);
  expectConsistent();
}

TEST_P(ClassBookingTest, LeavingTheHeadOfTheWaitlistLetsTheNextIn) {
  Service y = *catalog.service("yoga");
  y.policy.waitlistCapacity = 5;
  catalog.putService(y);
  join(1, 2);
  Booking party = join(2, 3);   // waits
  Booking single = join(3, 1);  // waits behind, although one place is free
  EXPECT_EQ(single.status, BookingStatus::Waitlisted);
  desk.cancel(party.id, customer(2));  // leaving a waitlist is always allowed
  EXPECT_EQ(desk.booking(single.id)->status, BookingStatus::Confirmed);
  expectConsistent();
}

TEST_P(ClassBookingTest, CapacityIncreasePromotes) {
  join(1, 3);
  Booking w = join(2, 2);
  SessionChange bigger;
  bigger.capacity = 5;
  timetable.updateSession(monday.id, bigger);
  EXPECT_EQ(desk.booking(w.id)->status, BookingStatus::Confirmed);
  expectConsistent();
}

TEST_P(ClassBookingTest, ApprovalHoldsPlacesAndPromotesToPending) {
  setPolicy("yoga", [](BookingPolicy& p) { p.manualApproval = true; });
  Booking a = join(1, 2);
  EXPECT_EQ(a.status, BookingStatus::Pending);
  Booking b = join(2, 1);
  Booking w = join(3, 1);
  EXPECT_EQ(w.status, BookingStatus::Waitlisted);  // pending bookings hold their places
  refused(Refusal::NotAllowed, [&] { desk.approve(a.id, customer(1)); });
  EXPECT_EQ(desk.approve(a.id, admin).status, BookingStatus::Confirmed);
  desk.decline(b.id, admin);
  Booking promoted = *desk.booking(w.id);
  EXPECT_EQ(promoted.status, BookingStatus::Pending);  // promoted, still needs approval
  EXPECT_EQ(desk.approve(promoted.id, admin).status, BookingStatus::Confirmed);
  refused(Refusal::NotPending, [&] { desk.approve(promoted.id, admin); });
  expectConsistent();
}

TEST_P(ClassBookingTest, ApprovalRechecksTheSession) {
  setPolicy("yoga", [](BookingPolicy& p) { p.manualApproval = true; });
  Booking a = join(1, 1);
  timetable.cancelSession(monday.id);
  refused(Refusal::NotPending, [&] { desk.approve(a.id, admin); });  // the cancel ended it
  Booking b = join(2, 1, nextMonday.id);
  timetable.lockSession(nextMonday.id, "screening");  // the business may still approve a locked session
  EXPECT_EQ(desk.approve(b.id, admin).status, BookingStatus::Confirmed);
}

TEST_P(ClassBookingTest, AStartedSessionIsRefusedAsStartedNotAsTooEarly) {
  clock.set(monday.time.start + minutes{10});
  std::string sentence = refused(Refusal::SessionStarted, [&] { join(1); });
  EXPECT_EQ(sentence, "the session of Yoga at 20:00 on 2026-11-23 has already started");
  refused(Refusal::SessionStarted, [&] { desk.book(at("yoga", monday.time.start), alice); });
  Booking next = join(2, 1, nextMonday.id);
  refused(Refusal::SessionStarted, [&] {
    desk.reschedule(next.id, RescheduleRequest{std::nullopt, monday.id, std::nullopt}, customer(2));
  });
  // Slots say why, too; the business may still book a latecomer in.
  SlotQuery q;
  q.serviceId = "yoga";
  q.range = Interval{monday.time.start, monday.time.end};
  q.includeUnbookable = true;
  ASSERT_EQ(desk.slots(q).size(), 1u);
  EXPECT_EQ(desk.slots(q)[0].reason, Refusal::SessionStarted);
  BookingRequest walkIn = inSession("yoga", monday.id);
  walkIn.contact.name = "Walk-in";
  EXPECT_EQ(desk.book(walkIn, admin).status, BookingStatus::Confirmed);
}

TEST_P(ClassBookingTest, OneActiveBookingPerCustomerPerSession) {
  Booking a = desk.book(inSession("yoga", monday.id), alice);
  std::string sentence =
      refused(Refusal::AlreadyBooked, [&] { desk.book(inSession("yoga", monday.id), alice); });
  EXPECT_EQ(sentence, "alice already has booking " + std::to_string(a.id) +
                          " of Yoga at 20:00 on 2026-11-23 (CONFIRMED)");
  refused(Refusal::AlreadyBooked, [&] { desk.book(at("yoga", monday.time.start, 2), alice); });
  // The business booking for alice follows the same rule; walk-ins without an account do not count.
  BookingRequest forAlice = inSession("yoga", monday.id);
  forAlice.customer = "alice";
  refused(Refusal::AlreadyBooked, [&] { desk.book(forAlice, admin); });
  BookingRequest walkIn = inSession("yoga", monday.id);
  walkIn.contact.name = "Walk-in";
  desk.book(walkIn, admin);
  desk.book(walkIn, admin);
  // A waitlisted booking is active too.
  Booking w = join(7);  // monday is now full (alice and two walk-ins)
  EXPECT_EQ(w.status, BookingStatus::Waitlisted);
  refused(Refusal::AlreadyBooked, [&] { join(7); });
  // Another session is another booking; moving it onto the session alice holds is refused.
  Booking b = desk.book(inSession("yoga", nextMonday.id), alice);
  refused(Refusal::AlreadyBooked, [&] {
    desk.reschedule(b.id, RescheduleRequest{std::nullopt, monday.id, std::nullopt}, alice);
  });
  EXPECT_EQ(desk.booking(b.id)->sessionIds, std::vector<SessionId>{nextMonday.id});
  // Once canceled, she may book again.
  desk.cancel(a.id, alice);
  EXPECT_EQ(desk.book(inSession("yoga", monday.id), alice).status, BookingStatus::Waitlisted);
  expectConsistent();
}

TEST_P(ClassBookingTest, RescheduleToAnotherSession) {
  Booking a = join(1, 2);
  Booking w = join(2, 2);  // waits on monday
  Booking moved =
      desk.reschedule(a.id, RescheduleRequest{std::nullopt, nextMonday.id, std::nullopt}, customer(1));
  EXPECT_EQ(moved.sessionIds, std::vector<SessionId>{nextMonday.id});
  EXPECT_EQ(moved.time, nextMonday.time);
  EXPECT_EQ(desk.booking(w.id)->status, BookingStatus::Confirmed);  // the places freed on monday went to w
  // A booking holding places is never moved onto a waitlist.
  join(3, 1, nextMonday.id);
  Booking c = join(4, 1);  // monday: 2 + 1
  refused(Refusal::SessionFull, [&] {
    desk.reschedule(c.id, RescheduleRequest{nextMonday.time.start, std::nullopt, std::nullopt}, customer(4));
  });
  EXPECT_EQ(desk.booking(c.id)->sessionIds, std::vector<SessionId>{monday.id});
  refused(Refusal::NotASessionTime, [&] {
    desk.reschedule(c.id, RescheduleRequest{nextMonday.time.start + minutes{5}, std::nullopt, std::nullopt},
                    customer(4));
  });
  expectConsistent();
}

class CourseBookingTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    if (IsSkipped()) return;
    catalog.putResource(staff("lucia"));
    catalog.putResource(room("room-a"));
    Service c = spanish(3);
    c.policy.waitlistCapacity = 2;
    catalog.putService(c);
    Schedule s;
    s.serviceId = "spanish";
    s.resourceIds = {"lucia", "room-a"};
    s.rules.push_back(
        WeeklyRecurrence{Weekdays{Tuesday, Thursday}, hm(18), date(2026, 12, 1), std::nullopt, 4});
    SessionOverride small;  // the last meeting is in a smaller room
    small.origin = local(2026, 12, 10, 18);
    small.capacity = 2;
    s.overrides.push_back(small);
    timetable.putSchedule(s);
    sessions = timetable.sessions("spanish", kAllTime);
  }
  std::vector<Session> sessions;
};

TEST_P(CourseBookingTest, ACourseBookingTakesAPlaceInEverySession) {
  ASSERT_EQ(sessions.size(), 4u);  // Tue 1, Thu 3, Tue 8, Thu 10 December
  Booking a = desk.book(at("spanish", sessions[2].time.start), alice);  // any session names the course
  EXPECT_EQ(a.sessionIds.size(), 4u);
  EXPECT_EQ(a.time, sessions[0].time);
  for (const Session& s : timetable.sessions("spanish", kAllTime)) EXPECT_EQ(s.taken, 1);
  SlotQuery q;
  q.serviceId = "spanish";
  q.range = Interval{clock.now(), clock.now() + days{60}};
  auto slots = desk.slots(q);
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0].sessionIds.size(), 4u);
  EXPECT_EQ(slots[0].openPlaces, 1);  // the small room has one place left
  desk.cancel(a.id, alice);
  for (const Session& s : timetable.sessions("spanish", kAllTime)) EXPECT_EQ(s.taken, 0);
  expectConsistent();
}

TEST_P(CourseBookingTest, AllOrNothingWhenOneSessionIsFull) {
  Service c = *catalog.service("spanish");
  c.policy.waitlistCapacity = 0;
  catalog.putService(c);
  desk.book(inSession("spanish", sessions[0].id, 2), alice);  // the small last meeting is now full
  std::int64_t seq = lastChange();
  std::string sentence =
      refused(Refusal::SessionFull, [&] { desk.book(inSession("spanish", sessions[0].id, 1), bob); });
  // The sentence names the meeting that is full (the last, in the small room), not the first.
  EXPECT_EQ(sentence, "the session of Spanish A1 at 18:00 on 2026-12-10 is full");
  EXPECT_EQ(lastChange(), seq);
  for (const Session& s : timetable.sessions("spanish", kAllTime))
    EXPECT_EQ(s.taken, 2);  // no place taken anywhere
  EXPECT_EQ(desk.bookings({}).size(), 1u);
  expectConsistent();
}

TEST_P(CourseBookingTest, ALockedOrCanceledMeetingIsTheOneNamed) {
  timetable.lockSession(sessions[2].id, "teacher away");
  std::string sentence =
      refused(Refusal::SessionLocked, [&] { desk.book(inSession("spanish", sessions[0].id), alice); });
  EXPECT_EQ(sentence, "the session of Spanish A1 at 18:00 on 2026-12-08 is not open for booking");
  timetable.unlockSession(sessions[2].id);
  Service c = *catalog.service("spanish");
  c.policy.waitlistCapacity = 1;
  catalog.putService(c);
  desk.book(inSession("spanish", sessions[0].id, 2), alice);  // the small last meeting is full
  desk.book(inSession("spanish", sessions[0].id, 1), bob);    // and its waitlist (places free elsewhere)
  sentence =
      refused(Refusal::SessionFull, [&] { desk.book(inSession("spanish", sessions[0].id, 1), customer(1)); });
  EXPECT_EQ(sentence, "the session of Spanish A1 at 18:00 on 2026-12-10 is full, and so is its waitlist");
}

TEST_P(CourseBookingTest, OneActiveBookingPerCustomerPerCourse) {
  Booking a = desk.book(inSession("spanish", sessions[0].id), alice);
  std::string sentence =
      refused(Refusal::AlreadyBooked, [&] { desk.book(inSession("spanish", sessions[3].id), alice); });
  EXPECT_EQ(sentence, "alice already has booking " + std::to_string(a.id) +
                          " of Spanish A1 at 18:00 on 2026-12-01 (CONFIRMED)");
  EXPECT_EQ(desk.book(inSession("spanish", sessions[0].id), bob).status, BookingStatus::Confirmed);
  expectConsistent();
}

TEST_P(CourseBookingTest, CourseWaitlistIsPromotedAsAWhole) {
  Booking a = desk.book(inSession("spanish", sessions[0].id, 2), alice);
  Booking w = desk.book(inSession("spanish", sessions[0].id, 1), bob);
  EXPECT_EQ(w.status, BookingStatus::Waitlisted);
  EXPECT_EQ(w.sessionIds.size(), 4u);
  desk.cancel(a.id, alice);
  EXPECT_EQ(desk.booking(w.id)->status, BookingStatus::Confirmed);
  for (const Session& s : timetable.sessions("spanish", kAllTime)) EXPECT_EQ(s.taken, 1);
  expectConsistent();
}

TEST_P(CourseBookingTest, StartedCoursesCloseUnlessLateJoiningIsAllowed) {
  clock.set(sessions[0].time.start + hours{1});
  std::string sentence =
      refused(Refusal::CourseStarted, [&] { desk.book(inSession("spanish", sessions[1].id), alice); });
  EXPECT_EQ(sentence, "Spanish A1 started at 18:00 on 2026-12-01 and can no longer be joined");
  Service c = *catalog.service("spanish");
  c.policy.lateJoin = true;
  catalog.putService(c);
  Booking late = desk.book(inSession("spanish", sessions[1].id), alice);
  EXPECT_EQ(late.sessionIds.size(), 4u);
  refused(Refusal::InvalidRequest, [&] {
    desk.reschedule(late.id, RescheduleRequest{sessions[2].time.start, std::nullopt, std::nullopt}, alice);
  });
}

TEST_P(CourseBookingTest, ALateJoinerCancelsUntilTheDeadlineOfTheNextMeeting) {
  Service c = *catalog.service("spanish");
  c.policy.lateJoin = true;
  c.policy.cancellationDeadline = hours{24};
  c.policy.rescheduleDeadline = hours{24};
  catalog.putService(c);
  clock.set(sessions[0].time.start + hours{1});  // the first meeting (1 December) has begun
  Booking late = desk.book(inSession("spanish", sessions[1].id), alice);
  Booking other = desk.book(inSession("spanish", sessions[1].id), bob);
  EXPECT_EQ(deadlineStart(*desk.booking(late.id), clock.now()), sessions[1].time.start);
  // More than a day before the next meeting (3 December): open.
  EXPECT_EQ(desk.cancel(late.id, alice).status, BookingStatus::Canceled);
  // Within a day of it: closed, and the sentence names that meeting.
  clock.set(sessions[1].time.start - hours{2});
  std::string sentence = refused(Refusal::CancellationClosed, [&] { desk.cancel(other.id, bob); });
  EXPECT_EQ(
      sentence,
      "the booking of Spanish A1 at 18:00 on 2026-12-03 can no longer be canceled: cancellations close 1 "
      "day before the start");
  // A canceled meeting is not the next one: the deadline counts from the one after it.
  timetable.cancelSession(sessions[2].id);
  clock.set(sessions[1].time.start + hours{1});
  EXPECT_EQ(deadlineStart(*desk.booking(other.id), clock.now()), sessions[3].time.start);
  EXPECT_EQ(desk.cancel(other.id, bob).status, BookingStatus::Canceled);
  expectConsistent();
}

TEST_P(CourseBookingTest, CanceledMeetingKeepsTheCourseBookings) {
  Booking a = desk.book(inSession("spanish", sessions[0].id), alice);
  timetable.cancelSession(sessions[1].id);
  EXPECT_EQ(desk.booking(a.id)->status, BookingStatus::Confirmed);
  EXPECT_EQ(timetable.session(sessions[1].id)->status, SessionStatus::Canceled);
  expectConsistent();
}

TEST_P(CourseBookingTest, RemovingTheScheduleCallsTheCourseOff) {
  Booking a = desk.book(inSession("spanish", sessions[0].id), alice);
  SessionSync sync = timetable.removeSchedule("spanish");
  EXPECT_EQ(sync.removed, 4);
  EXPECT_EQ(sync.canceledBookings, std::vector<BookingId>{a.id});
  EXPECT_EQ(desk.booking(a.id)->status, BookingStatus::Canceled);
  for (const Session& s : timetable.sessions("spanish", kAllTime))
    EXPECT_EQ(s.status, SessionStatus::Canceled);
  expectConsistent();
}

TEST_P(CourseBookingTest, AMeetingAddedToABookedCourseTakesItsBookingsIn) {
  Booking a = desk.book(inSession("spanish", sessions[0].id, 2), alice);
  Schedule s = *timetable.schedule("spanish");
  s.dates.push_back(local(2026, 12, 12, 10));
  timetable.putSchedule(s);
  EXPECT_EQ(desk.booking(a.id)->sessionIds.size(), 5u);
  s.dates.push_back(local(2026, 12, 13, 10));
  SessionOverride tiny;
  tiny.origin = local(2026, 12, 13, 10);
  tiny.capacity = 1;
  s.overrides.push_back(tiny);
  refused(Refusal::InvalidRequest, [&] { timetable.putSchedule(s); });
  EXPECT_EQ(desk.booking(a.id)->sessionIds.size(), 5u);
  expectConsistent();
}

BOOKDAV_ON_BOTH_ENGINES(ClassBookingTest);
BOOKDAV_ON_BOTH_ENGINES(CourseBookingTest);

}  // namespace
}  // namespace bookdav::domain::testing
