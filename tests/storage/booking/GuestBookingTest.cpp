// Guest bookings on a real database: a contact without an account books under the customer rules, the
// manage token (stored as a digest only) finds the booking, and only its holder changes it; the
// business's public flag.
#include "storage/sql/FeedTokenDigest.h"
#include "tests/storage/booking/BookingFixture.h"

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;

const Instant kTen = utc("2026-12-01T09:00:00Z");
const std::string kToken = "0123456789abcdef0123456789abcdef";

class GuestBookingTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    if (IsSkipped()) return;
    catalog.putResource(staff("ana"));
    catalog.putService(haircut({"ana"}));
  }
  BookingRequest guestRequest(Instant start, std::string token = kToken) {
    BookingRequest r = at("haircut", start);
    r.contact = Contact{"Gus Guest", "gus@example.com", "+34 600 000 000"};
    r.manageToken = std::move(token);
    return r;
  }
};

TEST_P(GuestBookingTest, AGuestBooksAsAContactAndTheTokenFindsTheBooking) {
  Booking b = desk.book(guestRequest(kTen), Actor::guest());
  EXPECT_EQ(b.status, BookingStatus::Confirmed);
  EXPECT_EQ(b.customer, "");
  EXPECT_EQ(b.contact, (Contact{"Gus Guest", "gus@example.com", "+34 600 000 000"}));
  std::optional<Booking> found = desk.findByManageToken(kToken);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, b.id);
  EXPECT_FALSE(desk.findByManageToken("ffffffffffffffffffffffffffffffff"));
  EXPECT_FALSE(desk.findByManageToken(""));
  // Only the digest is stored.
  auto c = db.connection();
  auto s = c->prepare("SELECT digest FROM guest_manage_tokens");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.text(0), storage::sql::feedTokenDigest(kToken));
  EXPECT_NE(s.text(0).find(kToken), 0u);
  expectConsistent();
}

TEST_P(GuestBookingTest, AGuestNeedsANameAndAnEmailAddress) {
  BookingRequest r = guestRequest(kTen);
  r.contact.email.clear();
  refused(Refusal::InvalidRequest, [&] { desk.book(r, Actor::guest()); });
  r = guestRequest(kTen);
  r.contact.name.clear();
  refused(Refusal::InvalidRequest, [&] { desk.book(r, Actor::guest()); });
  EXPECT_EQ(count("booking_bookings"), 0);
  EXPECT_EQ(count("guest_manage_tokens"), 0);
}

TEST_P(GuestBookingTest, AGuestIsBoundByThePolicyAndMayNotBookForAnAccount) {
  Service s = *catalog.service("haircut");
  s.policy.minimumNotice = hours{24 * 20};  // the clock stands at 2026-11-20T08:00Z
  catalog.putService(s);
  refused(Refusal::TooEarly, [&] { desk.book(guestRequest(kTen), Actor::guest()); });
  BookingRequest forAlice = guestRequest(kTen);
  forAlice.customer = "alice";
  refused(Refusal::NotAllowed, [&] { desk.book(forAlice, Actor::guest()); });
  EXPECT_EQ(count("booking_bookings"), 0);
  EXPECT_EQ(count("guest_manage_tokens"), 0);
}

TEST_P(GuestBookingTest, OnlyTheTokensHolderChangesTheBooking) {
  Booking mine = desk.book(guestRequest(kTen), Actor::guest());
  Booking other =
      desk.book(guestRequest(kTen + hours{1}, "11111111111111111111111111111111"), Actor::guest());
  // A guest without a token, or with another booking's, owns nothing.
  refused(Refusal::NotYourBooking, [&] { desk.cancel(mine.id, Actor::guest()); });
  refused(Refusal::NotYourBooking, [&] { desk.cancel(mine.id, Actor::guest(other.id)); });
  RescheduleRequest later;
  later.start = kTen + hours{2};
  Booking moved = desk.reschedule(mine.id, later, Actor::guest(mine.id));
  EXPECT_EQ(moved.time.start, kTen + hours{2});
  EXPECT_EQ(desk.cancel(mine.id, Actor::guest(mine.id)).status, BookingStatus::Canceled);
  EXPECT_EQ(desk.booking(other.id)->status, BookingStatus::Confirmed);
  // The token still finds the canceled booking (the manage page shows it).
  EXPECT_EQ(desk.findByManageToken(kToken)->status, BookingStatus::Canceled);
  expectConsistent();
}

TEST_P(GuestBookingTest, AGuestCancelsOnlyBeforeTheDeadline) {
  Service s = *catalog.service("haircut");
  s.policy.cancellationDeadline = hours{24 * 30};
  catalog.putService(s);
  Booking b = desk.book(guestRequest(kTen), Actor::guest());
  std::string why = refused(Refusal::CancellationClosed, [&] { desk.cancel(b.id, Actor::guest(b.id)); });
  EXPECT_NE(why.find("cancellations close"), std::string::npos) << why;
  EXPECT_EQ(desk.booking(b.id)->status, BookingStatus::Confirmed);
}

TEST_P(GuestBookingTest, TheBusinessIsNotPublicUntilItSaysSo) {
  EXPECT_FALSE(desk.publicBooking());
  desk.setPublicBooking(true);
  EXPECT_TRUE(desk.publicBooking());
  desk.setPublicBooking(false);
  EXPECT_FALSE(desk.publicBooking());
}

BOOKDAV_ON_BOTH_ENGINES(GuestBookingTest);

}  // namespace
}  // namespace bookdav::domain::testing
