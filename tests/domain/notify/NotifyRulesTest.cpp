#include <gtest/gtest.h>

#include "domain/notify/Recipients.h"
#include "domain/notify/RetryPolicy.h"

namespace bookdav::domain::notify {
namespace {

BookingEvent event(BookingEventKind kind, BookingStatus status) {
  BookingEvent e;
  e.kind = kind;
  e.status = status;
  return e;
}

TEST(Recipients, ConfirmedBookingTellsTheCustomerWithAnInvitationAndTheStaff) {
  EXPECT_EQ(plan(event(BookingEventKind::Placed, BookingStatus::Confirmed)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::Confirmed, ImipMethod::Request},
                                  {Audience::Staff, MessageKind::Confirmed, ImipMethod::None}}));
}

TEST(Recipients, PendingBookingTellsTheBusinessWhatWaitsForItsApproval) {
  EXPECT_EQ(plan(event(BookingEventKind::Placed, BookingStatus::Pending)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::AwaitingApproval, ImipMethod::Request},
                                  {Audience::Business, MessageKind::ApprovalNeeded, ImipMethod::None}}));
}

TEST(Recipients, WaitlistedBookingSendsNoInvitation) {
  EXPECT_EQ(plan(event(BookingEventKind::Placed, BookingStatus::Waitlisted)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::Waitlisted, ImipMethod::None}}));
}

TEST(Recipients, EndsAreCancellations) {
  EXPECT_EQ(plan(event(BookingEventKind::Canceled, BookingStatus::Canceled)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::Canceled, ImipMethod::Cancel},
                                  {Audience::Staff, MessageKind::Canceled, ImipMethod::None}}));
  EXPECT_EQ(plan(event(BookingEventKind::Declined, BookingStatus::Declined)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::Declined, ImipMethod::Cancel}}));
}

TEST(Recipients, PromotionToAPendingPlaceAsksTheBusiness) {
  EXPECT_EQ(plan(event(BookingEventKind::Promoted, BookingStatus::Pending)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::Promoted, ImipMethod::Request},
                                  {Audience::Business, MessageKind::ApprovalNeeded, ImipMethod::None}}));
}

TEST(Recipients, ApprovalAndPromotionToAPlaceTellTheStaffOfTheConfirmedBooking) {
  EXPECT_EQ(plan(event(BookingEventKind::Approved, BookingStatus::Confirmed)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::Approved, ImipMethod::Request},
                                  {Audience::Staff, MessageKind::Confirmed, ImipMethod::None}}));
  EXPECT_EQ(plan(event(BookingEventKind::Promoted, BookingStatus::Confirmed)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::Promoted, ImipMethod::Request},
                                  {Audience::Staff, MessageKind::Confirmed, ImipMethod::None}}));
}

TEST(Recipients, MovesTellTheCustomerAndTheStaffOfAConfirmedBooking) {
  EXPECT_EQ(plan(event(BookingEventKind::Rescheduled, BookingStatus::Confirmed)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::Rescheduled, ImipMethod::Request},
                                  {Audience::Staff, MessageKind::Rescheduled, ImipMethod::None}}));
  EXPECT_EQ(plan(event(BookingEventKind::Rescheduled, BookingStatus::Pending)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::Rescheduled, ImipMethod::Request}}));
  EXPECT_EQ(plan(event(BookingEventKind::SessionChanged, BookingStatus::Confirmed)),
            (std::vector<Planned>{{Audience::Customer, MessageKind::SessionChanged, ImipMethod::Request}}));
}

TEST(RetryPolicy, DoublesUpToTheLongestDelayAndGivesUpAfterTheLastTry) {
  RetryPolicy p;
  p.first = Seconds{30};
  p.longest = Seconds{300};
  p.maxAttempts = 4;
  EXPECT_EQ(p.delayAfter(1), Seconds{30});
  EXPECT_EQ(p.delayAfter(2), Seconds{60});
  EXPECT_EQ(p.delayAfter(3), Seconds{120});
  EXPECT_EQ(p.delayAfter(4), Seconds{240});
  EXPECT_EQ(p.delayAfter(5), Seconds{300});
  EXPECT_EQ(p.delayAfter(60), Seconds{300});
  EXPECT_FALSE(p.givesUp(3));
  EXPECT_TRUE(p.givesUp(4));
}

}  // namespace
}  // namespace bookdav::domain::notify
