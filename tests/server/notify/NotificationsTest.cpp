// Booking events become notifications (NotificationConsumer) and the DeliveryWorker delivers them,
// on a real SQLite file with a fixed clock.
#include <gtest/gtest.h>

#include "caldav/ical/IcalZoneRules.h"
#include "server/notify/DeliveryWorker.h"
#include "server/notify/NotificationConsumer.h"
#include "storage/sql/Sql.h"
#include "tests/server/BookingFaceFixture.h"

namespace bookdav::server {
namespace {

using namespace domain::notify;
using domain::Actor;

// A courier that fails while `failing` is positive (counting down) and records what it delivered.
class RecordingCourier final : public notify::Courier {
 public:
  int failing = 0;
  std::vector<std::int64_t> delivered;
  void deliver(const Notification& n) override {
    if (failing > 0) {
      --failing;
      throw notify::DeliveryFailed("421 try again later");
    }
    delivered.push_back(n.id);
  }
};

class Notifications : public BookingFace {
 protected:
  Notifications()
      : consumer(backend->notifications, backend->accounts, backend->dav.settings(),
                 caldav::ical::IcalZoneRules::instance(), clock) {}

  domain::Booking bookHaircut(const char* start, const std::string& who = "alice") {
    domain::BookingRequest r;
    r.serviceId = "haircut";
    r.start = at(start);
    return backend->booking.desk.book(r, Actor::customer(who));
  }

  std::vector<Notification> all() {
    std::vector<Notification> out;
    backend->notifications.read([&](NotificationRows& rows) { out = rows.list(std::nullopt, 1000); });
    std::reverse(out.begin(), out.end());  // oldest first
    return out;
  }

  notify::NotificationConsumer consumer;
};

TEST_F(Notifications, ABookingTellsItsCustomerWithAnInvitationAndItsStaff) {
  domain::Booking b = bookHaircut("2026-12-01T10:00:00Z");
  EXPECT_EQ(consumer.consume(), 1u);
  std::vector<Notification> made = all();
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].audience, Audience::Customer);
  EXPECT_EQ(made[0].recipient, "alice@localhost");
  EXPECT_EQ(made[0].kind, MessageKind::Confirmed);
  EXPECT_EQ(made[0].bookingId, b.id);
  EXPECT_EQ(made[0].content.method, ImipMethod::Request);
  EXPECT_NE(made[0].content.calendar.find("METHOD:REQUEST\r\n"), std::string::npos);
  EXPECT_NE(made[0].content.calendar.find("SEQUENCE:0\r\n"), std::string::npos);
  EXPECT_NE(made[0].content.text.find("Haircut at 11:00 on 2026-12-01 (Europe/Berlin)"), std::string::npos)
      << made[0].content.text;
  EXPECT_EQ(made[1].audience, Audience::Staff);
  EXPECT_EQ(made[1].recipient, "ana@localhost");
  EXPECT_EQ(made[1].content.method, ImipMethod::None);
  EXPECT_EQ(made[0].state, NotificationState::Queued);
}

TEST_F(Notifications, AGuestIsToldAtTheContactAddress) {
  domain::BookingRequest r;
  r.serviceId = "haircut";
  r.start = at("2026-12-01T10:00:00Z");
  r.contact = {"Walk In", "walk.in@example.com", ""};
  backend->booking.desk.book(r, Actor::admin());
  consumer.consume();
  std::vector<Notification> made = all();
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].recipient, "walk.in@example.com");
  EXPECT_NE(made[0].content.calendar.find("mailto:walk.in@example.com"), std::string::npos);
  EXPECT_NE(made[1].content.text.find("Customer: Walk In <walk.in@example.com>"), std::string::npos);
}

// The token of the manage link in a message's text ("" when there is none).
std::string manageTokenIn(const Notification& n) {
  const std::string prefix = "https://book.example/book/manage/";
  size_t at = n.content.text.find(prefix);
  if (at == std::string::npos) return "";
  return n.content.text.substr(at + prefix.size(), 32);
}

TEST_F(Notifications, EveryMessageToAGuestHasAManageLinkOfItsOwnAndAccountHoldersNone) {
  backend->booking.desk.setPublicBooking(true);
  consumer.setManageLinks("https://book.example");
  domain::BookingRequest r;
  r.serviceId = "haircut";
  r.start = at("2026-12-02T10:00:00Z");
  r.contact = {"Gus Guest", "gus@example.com", ""};
  r.manageToken = "0123456789abcdef0123456789abcdef";  // the one the booking's answer showed
  domain::Booking guest = backend->booking.desk.book(r, Actor::guest());
  domain::RescheduleRequest move;
  move.start = at("2026-12-02T12:00:00Z");
  backend->booking.desk.reschedule(guest.id, move, Actor::guest(guest.id));
  bookHaircut("2026-12-03T10:00:00Z");  // alice, an account holder
  while (consumer.consume() > 0) {
  }
  std::vector<std::string> tokens;
  for (const Notification& n : all()) {
    const std::string token = manageTokenIn(n);
    if (n.recipient == "gus@example.com") {
      ASSERT_EQ(token.size(), 32u) << n.content.text;
      EXPECT_NE(n.content.html.find("<a href=\"https://book.example/book/manage/" + token + "\">"),
                std::string::npos)
          << n.content.html;
      std::optional<domain::Booking> found = backend->booking.desk.findByManageToken(token);
      ASSERT_TRUE(found);
      EXPECT_EQ(found->id, guest.id);
      tokens.push_back(token);
    } else {
      EXPECT_EQ(token, "") << n.recipient << ": " << n.content.text;
      EXPECT_EQ(n.content.text.find("/book/manage/"), std::string::npos);
    }
  }
  ASSERT_EQ(tokens.size(), 2u);  // confirmed, rescheduled
  EXPECT_NE(tokens[0], tokens[1]);
  EXPECT_TRUE(backend->booking.desk.findByManageToken(r.manageToken));  // the first one still works
}

TEST_F(Notifications, NoManageLinksWhileTheBusinessIsNotPublic) {
  consumer.setManageLinks("https://book.example");
  domain::BookingRequest r;
  r.serviceId = "haircut";
  r.start = at("2026-12-02T10:00:00Z");
  r.contact = {"Walk In", "walk.in@example.com", ""};
  backend->booking.desk.book(r, Actor::admin());
  consumer.consume();
  for (const Notification& n : all()) EXPECT_EQ(n.content.text.find("/book/manage/"), std::string::npos);
}

TEST_F(Notifications, EveryChangeRaisesTheSequenceAndTheEndIsACancel) {
  domain::Booking b = bookHaircut("2026-12-02T10:00:00Z");
  domain::RescheduleRequest move;
  move.start = at("2026-12-02T12:00:00Z");
  backend->booking.desk.reschedule(b.id, move, Actor::customer("alice"));
  backend->booking.desk.cancel(b.id, Actor::customer("alice"));
  while (consumer.consume() > 0) {
  }
  std::vector<Notification> toAlice;
  for (const Notification& n : all())
    if (n.audience == Audience::Customer) toAlice.push_back(n);
  ASSERT_EQ(toAlice.size(), 3u);
  EXPECT_EQ(toAlice[0].kind, MessageKind::Confirmed);
  EXPECT_EQ(toAlice[1].kind, MessageKind::Rescheduled);
  EXPECT_EQ(toAlice[2].kind, MessageKind::Canceled);
  EXPECT_EQ(toAlice[0].sequence, 0);
  EXPECT_EQ(toAlice[1].sequence, 1);
  EXPECT_EQ(toAlice[2].sequence, 2);
  // The booking no longer stands as it did when placed or moved: only the cancel carries the event.
  EXPECT_EQ(toAlice[0].content.calendar, "");
  EXPECT_EQ(toAlice[2].content.method, ImipMethod::Cancel);
  EXPECT_NE(toAlice[2].content.calendar.find("SEQUENCE:2\r\n"), std::string::npos);
  EXPECT_NE(toAlice[2].content.calendar.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_NE(toAlice[1].content.text.find("It was at 11:00 on 2026-12-02"), std::string::npos);
}

TEST_F(Notifications, MakingThemAgainFromTheSameEventsStoresNothingTwice) {
  bookHaircut("2026-12-01T10:00:00Z");
  consumer.consume();
  ASSERT_EQ(all().size(), 2u);
  EXPECT_EQ(consumer.consume(), 0u);  // its position moved past the event
  // Even with its position lost, the same events make no second row.
  backend->database.write([](storage::sql::Connection& c) {
    c.exec("UPDATE booking_event_consumers SET seq = 0 WHERE consumer = 'notifications'");
  });
  EXPECT_EQ(consumer.consume(), 1u);
  EXPECT_EQ(all().size(), 2u);
}

TEST_F(Notifications, AChangeThatRolledBackIsNeverTold) {
  domain::Booking b = bookHaircut("2026-12-01T10:00:00Z");
  consumer.consume();
  struct Abort {};
  EXPECT_THROW(backend->bookingStore.write([&](domain::BookingData& data) {
    domain::Booking canceled = *data.booking(b.id);
    canceled.status = domain::BookingStatus::Canceled;
    data.updateBooking(canceled);
    domain::recordBookingEvent(data, canceled, domain::BookingEventKind::Canceled, {}, clock.now());
    throw Abort{};
  }),
               Abort);
  EXPECT_EQ(consumer.consume(), 0u);
  EXPECT_EQ(all().size(), 2u);
}

TEST_F(Notifications, PendingApprovalGoesToTheBusinessAddress) {
  backend->notifications.write([](domain::BookingData&, NotificationRows& rows) {
    rows.setBusiness({"Salon", "owner@salon.example"});
  });
  auto& catalog = backend->booking.catalog;
  domain::Service s = *catalog.service("haircut");
  s.policy.manualApproval = true;
  catalog.putService(s);
  bookHaircut("2026-12-01T10:00:00Z");
  consumer.consume();
  std::vector<Notification> made = all();
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].kind, MessageKind::AwaitingApproval);
  EXPECT_EQ(made[1].audience, Audience::Business);
  EXPECT_EQ(made[1].recipient, "owner@salon.example");
  EXPECT_EQ(made[1].kind, MessageKind::ApprovalNeeded);
  EXPECT_NE(made[1].content.text.find("/confirm"), std::string::npos);
}

TEST_F(Notifications, FailuresBackOffThenDieAndARetriedOneIsDelivered) {
  bookHaircut("2026-12-01T10:00:00Z");
  RecordingCourier courier;
  courier.failing = 1000;
  RetryPolicy retry;
  retry.first = domain::Seconds{10};
  retry.maxAttempts = 3;
  notify::DeliveryWorker worker(backend->notifications, consumer, {&courier, nullptr}, retry, clock);

  EXPECT_EQ(worker.runOnce(), 0u);  // both tried once, both failed
  std::vector<Notification> made = all();
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].attempts, 1);
  EXPECT_EQ(made[0].due, clock.now() + domain::Seconds{10});
  EXPECT_EQ(made[0].lastError, "421 try again later");
  const int failuresBefore = courier.failing;
  worker.runOnce();  // not due yet: nothing is tried
  EXPECT_EQ(courier.failing, failuresBefore);
  clock.advance(domain::Seconds{10});
  worker.runOnce();
  EXPECT_EQ(all()[0].attempts, 2);
  EXPECT_EQ(all()[0].due, clock.now() + domain::Seconds{20});
  clock.advance(domain::Seconds{20});
  worker.runOnce();
  EXPECT_EQ(all()[0].state, NotificationState::Dead);
  EXPECT_EQ(all()[0].attempts, 3);
  clock.advance(domain::Seconds{3600});
  worker.runOnce();
  EXPECT_EQ(all()[0].attempts, 3);  // the dead are left alone

  courier.failing = 0;
  const std::int64_t id = all()[0].id;
  bool requeued = false;
  backend->notifications.write(
      [&](domain::BookingData&, NotificationRows& rows) { requeued = rows.requeue(id, clock.now()); });
  EXPECT_TRUE(requeued);
  EXPECT_EQ(worker.runOnce(), 1u);
  EXPECT_EQ(courier.delivered, std::vector<std::int64_t>{id});
  EXPECT_EQ(all()[0].state, NotificationState::Sent);
  EXPECT_EQ(all()[1].state, NotificationState::Dead);
}

TEST_F(Notifications, WebhookEndpointsGetTheEventTypesTheyAskedFor) {
  std::int64_t endpoint = 0;
  backend->notifications.write([&](domain::BookingData&, NotificationRows& rows) {
    endpoint =
        rows.addEndpoint({0, "http://127.0.0.1:9/hook", {"booking.canceled"}, "whsec_AAAA", clock.now()});
  });
  domain::Booking b = bookHaircut("2026-12-02T10:00:00Z");
  backend->booking.desk.cancel(b.id, Actor::customer("alice"));
  consumer.consume();
  std::vector<Notification> hooks;
  for (const Notification& n : all())
    if (n.channel == Channel::Webhook) hooks.push_back(n);
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_EQ(hooks[0].recipient, std::to_string(endpoint));
  EXPECT_EQ(hooks[0].content.subject, "booking.canceled");
  EXPECT_NE(hooks[0].content.text.find("\"type\":\"booking.canceled\""), std::string::npos)
      << hooks[0].content.text;
}

class Reminders : public Notifications {
 protected:
  Reminders() {
    backend->notifications.write([](domain::BookingData&, NotificationRows& rows) {
      rows.setReminderOffsets("haircut", {domain::Seconds{86400}, domain::Seconds{7200}});
    });
  }
  std::vector<Notification> reminders(std::optional<NotificationState> state = std::nullopt) {
    std::vector<Notification> out;
    for (const Notification& n : all())
      if (n.kind == MessageKind::Reminder && (!state || n.state == *state)) out.push_back(n);
    return out;
  }
};

TEST_F(Reminders, AreRowsDueBeforeTheStartThatAMoveSupersedesAndACancelEnds) {
  domain::Booking b = bookHaircut("2026-12-02T10:00:00Z");
  consumer.consume();
  std::vector<Notification> queued = reminders(NotificationState::Queued);
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[0].due, at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(queued[0].variant, "P1D");
  EXPECT_EQ(queued[1].due, at("2026-12-02T08:00:00Z"));
  EXPECT_EQ(queued[1].variant, "PT2H");
  EXPECT_EQ(queued[0].recipient, "alice@localhost");

  domain::RescheduleRequest move;
  move.start = at("2026-12-02T12:00:00Z");
  backend->booking.desk.reschedule(b.id, move, Actor::customer("alice"));
  consumer.consume();
  EXPECT_EQ(reminders(NotificationState::Superseded).size(), 2u);
  queued = reminders(NotificationState::Queued);
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[0].due, at("2026-12-01T12:00:00Z"));
  EXPECT_EQ(queued[1].due, at("2026-12-02T10:00:00Z"));

  backend->booking.desk.cancel(b.id, Actor::customer("alice"));
  consumer.consume();
  EXPECT_EQ(reminders(NotificationState::Queued).size(), 0u);
  EXPECT_EQ(reminders(NotificationState::Superseded).size(), 4u);
}

TEST_F(Reminders, AreSentWhenDueAndNotBefore) {
  bookHaircut("2026-12-02T10:00:00Z");
  RecordingCourier courier;
  notify::DeliveryWorker worker(backend->notifications, consumer, {&courier, nullptr}, RetryPolicy{}, clock);
  EXPECT_EQ(worker.runOnce(), 2u);  // the confirmation and ana's message
  EXPECT_EQ(reminders(NotificationState::Queued).size(), 2u);
  clock.set(at("2026-12-01T09:59:59Z"));
  EXPECT_EQ(worker.runOnce(), 0u);
  clock.set(at("2026-12-01T10:00:00Z"));
  EXPECT_EQ(worker.runOnce(), 1u);
  EXPECT_EQ(reminders(NotificationState::Sent).size(), 1u);
  EXPECT_EQ(worker.runOnce(), 0u);  // never twice
}

TEST_F(Reminders, ACustomerWhoOptedOutGetsNone) {
  backend->notifications.write([](domain::BookingData&, NotificationRows& rows) {
    rows.setRemindersOff("alice", true, "alice@localhost");
  });
  bookHaircut("2026-12-02T10:00:00Z");
  bookHaircut("2026-12-03T10:00:00Z", "bob");
  consumer.consume();
  std::vector<Notification> queued = reminders(NotificationState::Queued);
  ASSERT_EQ(queued.size(), 2u);
  EXPECT_EQ(queued[0].recipient, "bob@localhost");
  // Opting out later supersedes what was queued.
  backend->notifications.write([](domain::BookingData&, NotificationRows& rows) {
    rows.setRemindersOff("bob", true, "bob@localhost");
  });
  EXPECT_EQ(reminders(NotificationState::Queued).size(), 0u);
}

TEST_F(Notifications, WithoutACourierEverythingWaitsInTheOutbox) {
  bookHaircut("2026-12-01T10:00:00Z");
  notify::DeliveryWorker worker(backend->notifications, consumer, {}, RetryPolicy{}, clock);
  EXPECT_EQ(worker.runOnce(), 0u);
  for (const Notification& n : all()) {
    EXPECT_EQ(n.state, NotificationState::Queued);
    EXPECT_EQ(n.attempts, 0);
  }
  EXPECT_EQ(all().size(), 2u);
}

TEST_F(Notifications, TwoProcessesOnOneDatabaseDeliverEachNotificationOnce) {
  // A second process on the same data directory, each with its own worker and lease.
  Backend second(dir.path(), caldav::DavSettings{}, clock);
  notify::NotificationConsumer secondConsumer(second.notifications, second.accounts, second.dav.settings(),
                                              caldav::ical::IcalZoneRules::instance(), clock);
  LeasedWork leaseA(backend->workLeases, "notifications", clock);
  LeasedWork leaseB(second.workLeases, "notifications", clock);
  RecordingCourier courierA, courierB;
  notify::DeliveryWorker workerA(backend->notifications, consumer, {&courierA, nullptr}, RetryPolicy{}, clock,
                                 &leaseA);
  notify::DeliveryWorker workerB(second.notifications, secondConsumer, {&courierB, nullptr}, RetryPolicy{},
                                 clock, &leaseB);
  bookHaircut("2026-12-01T10:00:00Z");
  EXPECT_EQ(workerA.runOnce(), 2u);
  bookHaircut("2026-12-01T11:00:00Z", "bob");
  EXPECT_EQ(workerB.runOnce(), 0u);  // A holds the lease
  EXPECT_TRUE(courierB.delivered.empty());
  // A dies (stops renewing); after the lease's time B goes on with what A left.
  clock.advance(LeasedWork::kDefaultTtl);
  EXPECT_EQ(workerB.runOnce(), 2u);
  EXPECT_EQ(courierA.delivered.size() + courierB.delivered.size(), all().size());
  EXPECT_EQ(all().size(), 4u);
  for (const Notification& n : all()) EXPECT_EQ(n.state, NotificationState::Sent);
}

}  // namespace
}  // namespace bookdav::server
