#include "domain/booking/Permissions.h"

#include <gtest/gtest.h>

#include "tests/domain/booking/Builders.h"

namespace bookdav::domain {
namespace {

using namespace testing;

const Actor kAdmin = Actor::admin("boss");
const Actor kAna = Actor::staff("ana", {"ana"});
const Actor kAlice = Actor::customer("alice");

Booking bookingOf(const std::string& customer, std::vector<std::string> resources) {
  Booking b;
  b.customer = customer;
  b.resourceIds = std::move(resources);
  return b;
}

Session sessionOf(SessionKind kind, std::vector<std::string> resources) {
  Session s;
  s.kind = kind;
  s.resourceIds = std::move(resources);
  return s;
}

TEST(Permissions, TheBusinessMayDoEverything) {
  Permissions may(kAdmin);
  const std::vector<std::string> ben{"ben"};
  EXPECT_TRUE(may.changeCatalog());
  EXPECT_TRUE(may.changeWorkingHours("ana"));
  EXPECT_TRUE(may.changeSessions());
  EXPECT_TRUE(may.changeTimeOff(ben));
  EXPECT_TRUE(may.force());
  EXPECT_TRUE(may.bookFor("alice"));
  EXPECT_TRUE(may.bookFor(""));
  EXPECT_TRUE(may.bypassPolicy());
  EXPECT_TRUE(may.changeBooking(bookingOf("alice", {})));
  EXPECT_TRUE(may.decide(bookingOf("alice", {"ben"})));
  EXPECT_TRUE(may.seeSchedule(staff("ben")));
}

TEST(Permissions, StaffManageTheirOwnTimeOffAndBookingsAndNothingElse) {
  Permissions may(kAna);
  const std::vector<std::string> ana{"ana"}, ben{"ben"}, both{"ana", "ben"}, none;
  EXPECT_FALSE(may.changeCatalog());
  EXPECT_FALSE(may.changeWorkingHours("ana"));
  EXPECT_FALSE(may.changeSessions());
  EXPECT_TRUE(may.changeTimeOff(ana));
  EXPECT_FALSE(may.changeTimeOff(ben));
  EXPECT_FALSE(may.changeTimeOff(both));
  EXPECT_FALSE(may.changeTimeOff(none));
  EXPECT_TRUE(may.changeSession(sessionOf(SessionKind::TimeOff, ana)));
  EXPECT_FALSE(may.changeSession(sessionOf(SessionKind::Class, ana)));
  EXPECT_FALSE(may.force());
  EXPECT_TRUE(may.bookFor("ana"));
  EXPECT_FALSE(may.bookFor("alice"));
  EXPECT_FALSE(may.bypassPolicy());
  EXPECT_TRUE(may.changeBooking(bookingOf("ana", {"ben"})));
  EXPECT_FALSE(may.changeBooking(bookingOf("alice", {"ana"})));
  EXPECT_TRUE(may.see(bookingOf("alice", {"ana"})));
  EXPECT_FALSE(may.see(bookingOf("alice", {"ben"})));
  EXPECT_TRUE(may.see(sessionOf(SessionKind::Appointment, ana)));
  EXPECT_FALSE(may.see(sessionOf(SessionKind::TimeOff, ben)));
  EXPECT_TRUE(may.seeSchedule(staff("ana")));
  EXPECT_FALSE(may.seeSchedule(staff("ben")));
  // Staff decide on the pending bookings they are a resource of, and only on those.
  EXPECT_TRUE(may.decide(bookingOf("alice", {"ana"})));
  EXPECT_TRUE(may.decide(bookingOf("", {"room-a", "ana"})));
  EXPECT_FALSE(may.decide(bookingOf("alice", {"ben"})));
  EXPECT_FALSE(may.decide(bookingOf("ana", {"room-a"})));  // their own booking elsewhere
}

TEST(Permissions, CustomersBookAndChangeOnlyTheirOwn) {
  Permissions may(kAlice);
  const std::vector<std::string> ana{"ana"};
  EXPECT_FALSE(may.changeTimeOff(ana));
  EXPECT_FALSE(may.changeWorkingHours("ana"));
  EXPECT_TRUE(may.changeBooking(bookingOf("alice", {})));
  EXPECT_FALSE(may.changeBooking(bookingOf("bob", {})));
  EXPECT_FALSE(may.bookFor(""));  // walk-ins are the business's
  EXPECT_FALSE(may.decide(bookingOf("alice", {"ana"})));
  EXPECT_TRUE(may.see(sessionOf(SessionKind::Class, ana)));
  EXPECT_FALSE(may.see(sessionOf(SessionKind::Appointment, ana)));
  // A customer account named like a staff login is still a customer.
  EXPECT_FALSE(Permissions(Actor::customer("ana")).seeSchedule(staff("ana")));
  try {
    require(may.changeSessions(), "add sessions");
    FAIL();
  } catch (const Refused& r) {
    EXPECT_EQ(r.reason(), Refusal::NotAllowed);
    EXPECT_STREQ(r.what(), "only the business (an admin) may add sessions");
  }
}

}  // namespace
}  // namespace bookdav::domain
