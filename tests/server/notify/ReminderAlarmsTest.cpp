// The reminders of a service as VALARMs in the booking events bookdav serves (issue 13, item 5): one
// display alarm per offset on a confirmed booking, none after its customer opted out; changing the
// offsets or the opt-out moves the event's ETag, its calendars' ctags and sync tokens.
#include <gtest/gtest.h>

#include "caldav/ical/IcalZoneRules.h"
#include "domain/notify/Reminders.h"
#include "server/notify/NotificationConsumer.h"
#include "tests/server/BookingFaceFixture.h"

namespace bookdav::server {
namespace {

using domain::Actor;
using domain::Seconds;
using domain::notify::NotificationRows;

const std::string kBookings = "/dav/calendars/alice/bookings/";
const std::string kHaircut = "/dav/calendars/alice/service-haircut/";

std::string unfolded(std::string text) {
  for (size_t at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ", at))
    text.erase(at, 3);
  return text;
}

int count(const std::string& text, const std::string& part) {
  int n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  size_t p = text.find(open);
  if (p == std::string::npos) return "";
  p += open.size();
  return text.substr(p, text.find(close, p) - p);
}

class ReminderAlarms : public BookingFace {
 protected:
  domain::Booking bookHaircut(const char* start, const std::string& who = "alice") {
    domain::BookingRequest r;
    r.serviceId = "haircut";
    r.start = at(start);
    return backend->booking.desk.book(r, Actor::customer(who));
  }

  void setReminders(std::vector<Seconds> offsets) {
    backend->notifications.write([&](domain::BookingData& data, NotificationRows& rows) {
      domain::notify::setServiceReminders(data, rows, "haircut", offsets);
    });
  }

  void optOut(const std::string& user, bool off) {
    backend->notifications.write([&](domain::BookingData& data, NotificationRows& rows) {
      domain::notify::setRemindersOff(data, rows, user, off, user + "@localhost");
    });
  }

  std::string memberOf(const domain::Booking& b) {
    return kBookings + "booking-" + std::to_string(b.id) + ".ics";
  }

  caldav::Response get(const std::string& path) { return call("GET", path, "alice"); }

  std::string ctag(const std::string& calendar) {
    return between(propfindText("alice", calendar, "<cs:getctag/>"), "<cs:getctag>", "</cs:getctag>");
  }

  std::string syncToken(const std::string& calendar) {
    return between(propfindText("alice", calendar, "<d:sync-token/>"), "<d:sync-token>", "</d:sync-token>");
  }

  // The sync-collection report of the calendar's changes since `token`.
  std::string changesSince(const std::string& calendar, const std::string& token) {
    return call("REPORT", calendar, "alice",
                "<?xml version=\"1.0\"?><d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>" + token +
                    "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
                    "</d:sync-collection>")
        .body;
  }
};

TEST_F(ReminderAlarms, AConfirmedBookingCarriesOneDisplayAlarmPerOffset) {
  setReminders({Seconds{86400}, Seconds{7200}});
  domain::Booking b = bookHaircut("2026-12-02T10:00:00Z");
  caldav::Response r = get(memberOf(b));
  ASSERT_EQ(r.status, 200);
  const std::string text = unfolded(r.body);
  EXPECT_EQ(count(text, "BEGIN:VALARM\r\n"), 2) << text;
  EXPECT_EQ(count(text, "ACTION:DISPLAY\r\n"), 2);
  EXPECT_EQ(count(text, "TRIGGER:-P1D\r\n"), 1);
  EXPECT_EQ(count(text, "TRIGGER:-PT2H\r\n"), 1);
  EXPECT_EQ(count(text, "DESCRIPTION:Reminder: Haircut\r\n"), 2);
  // RFC 5545 3.6.1: alarms come after the event's properties, inside it.
  EXPECT_LT(text.find("X-BOOKDAV-PRICE"), text.find("BEGIN:VALARM"));
  EXPECT_LT(text.rfind("END:VALARM"), text.find("END:VEVENT"));
  // The same event in the service calendar, under the same ETag.
  caldav::Response inService = get(kHaircut + "booking-" + std::to_string(b.id) + ".ics");
  ASSERT_EQ(inService.status, 200);
  EXPECT_EQ(inService.header("ETag"), r.header("ETag"));
}

TEST_F(ReminderAlarms, WithoutRemindersThereIsNone) {
  domain::Booking b = bookHaircut("2026-12-02T10:00:00Z");
  EXPECT_EQ(count(get(memberOf(b)).body, "VALARM"), 0);
}

TEST_F(ReminderAlarms, OtherOffsetsMoveTheETagCtagAndSyncToken) {
  setReminders({Seconds{86400}});
  domain::Booking b = bookHaircut("2026-12-02T10:00:00Z");
  const std::string etag = *get(memberOf(b)).header("ETag");
  const std::string bookingsCtag = ctag(kBookings), serviceCtag = ctag(kHaircut);
  const std::string token = syncToken(kBookings);

  setReminders({Seconds{86400}});  // the same offsets: nothing moves
  EXPECT_EQ(*get(memberOf(b)).header("ETag"), etag);
  EXPECT_EQ(ctag(kBookings), bookingsCtag);

  setReminders({Seconds{3600}});
  caldav::Response after = get(memberOf(b));
  EXPECT_NE(*after.header("ETag"), etag);
  EXPECT_NE(after.body.find("TRIGGER:-PT1H\r\n"), std::string::npos) << after.body;
  EXPECT_EQ(after.body.find("TRIGGER:-P1D"), std::string::npos);
  EXPECT_NE(ctag(kBookings), bookingsCtag);
  EXPECT_NE(ctag(kHaircut), serviceCtag);
  const std::string delta = changesSince(kBookings, token);
  EXPECT_NE(delta.find(memberOf(b)), std::string::npos) << delta;
  EXPECT_NE(delta.find(*after.header("ETag")), std::string::npos) << delta;

  setReminders({});
  EXPECT_EQ(count(get(memberOf(b)).body, "VALARM"), 0);
}

TEST_F(ReminderAlarms, ACustomerWhoOptedOutSeesNoneAndTheirCalendarsMove) {
  setReminders({Seconds{86400}});
  domain::Booking alices = bookHaircut("2026-12-02T10:00:00Z");
  domain::Booking bobs = bookHaircut("2026-12-03T10:00:00Z", "bob");
  const std::string etag = *get(memberOf(alices)).header("ETag");
  const std::string bookingsCtag = ctag(kBookings);
  optOut("alice", true);
  caldav::Response after = get(memberOf(alices));
  EXPECT_EQ(count(after.body, "VALARM"), 0);
  EXPECT_NE(*after.header("ETag"), etag);
  EXPECT_NE(ctag(kBookings), bookingsCtag);
  caldav::Response bob =
      call("GET", "/dav/calendars/bob/bookings/booking-" + std::to_string(bobs.id) + ".ics", "bob");
  EXPECT_EQ(count(bob.body, "BEGIN:VALARM"), 1) << bob.body;
  optOut("alice", false);
  EXPECT_EQ(*get(memberOf(alices)).header("ETag"), etag);
}

TEST_F(ReminderAlarms, TheInvitationInTheConfirmationCarriesThem) {
  setReminders({Seconds{7200}});
  bookHaircut("2026-12-02T10:00:00Z");
  notify::NotificationConsumer consumer(backend->notifications, backend->accounts, backend->dav.settings(),
                                        caldav::ical::IcalZoneRules::instance(), clock);
  consumer.consume();
  std::vector<domain::notify::Notification> made;
  backend->notifications.read([&](NotificationRows& rows) { made = rows.list(std::nullopt, 100); });
  int invitations = 0;
  for (const auto& n : made) {
    if (n.content.calendar.empty()) continue;
    ++invitations;
    EXPECT_NE(n.content.calendar.find("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT2H\r\n"),
              std::string::npos)
        << n.content.calendar;
  }
  EXPECT_EQ(invitations, 1);
}

}  // namespace
}  // namespace bookdav::server
