#include "domain/booking/BookingPolicy.h"

#include <gtest/gtest.h>

#include "domain/booking/Admission.h"
#include "tests/domain/booking/Builders.h"

namespace bookdav::domain {
namespace {

using namespace std::chrono;
using namespace testing;

const Instant kStart = utc("2026-12-01T10:30:00Z");

TEST(BookingPolicy, MinimumNoticeBoundaryToTheSecond) {
  BookingPolicy p;
  p.minimumNotice = hours{2};
  EXPECT_EQ(bookingWindowRefusal(p, kStart, kStart - hours{2}), std::nullopt);  // exactly the notice
  EXPECT_EQ(bookingWindowRefusal(p, kStart, kStart - hours{2} - seconds{1}), std::nullopt);
  EXPECT_EQ(bookingWindowRefusal(p, kStart, kStart - hours{2} + seconds{1}), Refusal::TooEarly);
}

TEST(BookingPolicy, HorizonBoundaryToTheSecond) {
  BookingPolicy p;
  p.maximumHorizon = days{30};
  EXPECT_EQ(bookingWindowRefusal(p, kStart, kStart - days{30}), std::nullopt);
  EXPECT_EQ(bookingWindowRefusal(p, kStart, kStart - days{30} + seconds{1}), std::nullopt);
  EXPECT_EQ(bookingWindowRefusal(p, kStart, kStart - days{30} - seconds{1}), Refusal::TooLate);
}

TEST(BookingPolicy, PastStartsAreTooEarlyEvenWithoutNotice) {
  BookingPolicy p;
  EXPECT_EQ(bookingWindowRefusal(p, kStart, kStart), std::nullopt);
  EXPECT_EQ(bookingWindowRefusal(p, kStart, kStart + seconds{1}), Refusal::TooEarly);
}

TEST(BookingPolicy, CancellationAndRescheduleDeadlinesToTheSecond) {
  BookingPolicy p;
  p.cancellationDeadline = hours{24};
  p.rescheduleDeadline = hours{12};
  PolicySnapshot snap = snapshotOf(p);
  EXPECT_TRUE(cancellationOpen(snap, kStart, kStart - hours{24} - seconds{1}));
  EXPECT_TRUE(cancellationOpen(snap, kStart, kStart - hours{24}));
  EXPECT_FALSE(cancellationOpen(snap, kStart, kStart - hours{24} + seconds{1}));
  EXPECT_TRUE(rescheduleOpen(snap, kStart, kStart - hours{12}));
  EXPECT_FALSE(rescheduleOpen(snap, kStart, kStart - hours{12} + seconds{1}));
}

TEST(BookingPolicy, Validation) {
  BookingPolicy p;
  EXPECT_FALSE(validate(p));
  p.maxParticipantsPerBooking = 0;
  EXPECT_TRUE(validate(p));
  p = BookingPolicy{};
  p.minimumNotice = hours{2};
  p.maximumHorizon = hours{1};
  EXPECT_TRUE(validate(p));
  p = BookingPolicy{};
  p.slotGranularity = seconds{90};
  EXPECT_TRUE(validate(p));
}

// ---- admission to existing sessions ----

Session session(int capacity, int taken, int waitlisted, Instant start = kStart) {
  Session s;
  s.id = 1;
  s.serviceId = "yoga";
  s.time = Interval{start, start + hours{1}};
  s.capacity = capacity;
  s.taken = taken;
  s.waitlisted = waitlisted;
  return s;
}

const Instant kNow = kStart - days{1};

TEST(Admission, PlacesThenWaitlistThenFull) {
  Service y = yoga(2);
  y.policy.waitlistCapacity = 2;
  Session one[] = {session(2, 1, 0)};
  EXPECT_FALSE(admitToSessions(y, one, 1, kNow, true).refusal);
  EXPECT_FALSE(admitToSessions(y, one, 1, kNow, true).waitlist);
  one[0].taken = 2;
  EXPECT_TRUE(admitToSessions(y, one, 2, kNow, true).waitlist);
  one[0].waitlisted = 1;
  EXPECT_EQ(admitToSessions(y, one, 2, kNow, true).refusal,
            Refusal::SessionFull);  // 1 + 2 > 2 waiting places
  EXPECT_TRUE(admitToSessions(y, one, 1, kNow, true).waitlist);
}

TEST(Admission, StrictFifoQueuesBehindWaitingBookingsEvenWithFreePlaces) {
  Service y = yoga(4);
  y.policy.waitlistCapacity = 4;
  Session one[] = {session(4, 3, 2)};  // one place free, a party of two waits
  SessionAdmission a = admitToSessions(y, one, 1, kNow, true);
  EXPECT_FALSE(a.refusal);
  EXPECT_TRUE(a.waitlist);
}

TEST(Admission, MaxParticipantsBoundary) {
  Service y = yoga(10);
  y.policy.maxParticipantsPerBooking = 3;
  Session one[] = {session(10, 0, 0)};
  EXPECT_FALSE(admitToSessions(y, one, 3, kNow, true).refusal);
  EXPECT_EQ(admitToSessions(y, one, 4, kNow, true).refusal, Refusal::TooManyParticipants);
  EXPECT_FALSE(admitToSessions(y, one, 4, kNow, false).refusal);  // the business may
}

TEST(Admission, LockedAndCanceledSessions) {
  Service y = yoga();
  Session one[] = {session(10, 0, 0)};
  one[0].locked = true;
  EXPECT_EQ(admitToSessions(y, one, 1, kNow, true).refusal, Refusal::SessionLocked);
  EXPECT_FALSE(admitToSessions(y, one, 1, kNow, false).refusal);
  one[0].status = SessionStatus::Canceled;
  EXPECT_EQ(admitToSessions(y, one, 1, kNow, false).refusal, Refusal::SessionCanceled);
}

TEST(Admission, CourseIsAllOrNothingAndClosesWhenStarted) {
  Service c = spanish(6);
  std::vector<Session> course = {session(6, 2, 0, kStart), session(6, 2, 0, kStart + days{7}),
                                 session(3, 2, 0, kStart + days{14})};  // the last meeting has a smaller room
  EXPECT_FALSE(admitToSessions(c, course, 1, kNow, true).refusal);
  EXPECT_EQ(admitToSessions(c, course, 2, kNow, true).refusal, Refusal::SessionFull);
  EXPECT_EQ(admitToSessions(c, course, 1, kStart, true).refusal, Refusal::CourseStarted);
  c.policy.lateJoin = true;
  EXPECT_FALSE(admitToSessions(c, course, 1, kStart + days{1}, true).refusal);
  EXPECT_EQ(admitToSessions(c, course, 1, kStart + days{14}, true).refusal,
            Refusal::CourseStarted);  // nothing left
}

}  // namespace
}  // namespace bookdav::domain
