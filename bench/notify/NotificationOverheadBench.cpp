// What notifications cost booking throughput (issue 13: under 10%): book and cancel an appointment
// in a loop on one database file, without notifications and with the notifications worker running
// beside it (it turns every booking event into e-mail rows and "delivers" them through a courier
// that accepts at once, so what is measured is the outbox's share of the database, not SMTP).
#include <benchmark/benchmark.h>

#include <memory>

#include "bench/booking/SalonBusiness.h"
#include "caldav/ical/Component.h"
#include "caldav/ical/IcalZoneRules.h"
#include "server/notify/DeliveryWorker.h"
#include "server/notify/NotificationConsumer.h"
#include "storage/sql/SqlAccountRepository.h"
#include "storage/sql/notify/SqlNotificationStore.h"

namespace bookdav::bench {
namespace {

using namespace domain;
using namespace std::chrono;

class AcceptingCourier final : public server::notify::Courier {
 public:
  void deliver(const notify::Notification&) override {}
};

// The worker of `bookdav serve` on the salon's database, for as long as it lives.
struct RunningNotifications {
  explicit RunningNotifications(SalonBusiness& s)
      : accounts(*s.db),
        store(*s.db),
        consumer(store, accounts, settings, caldav::ical::IcalZoneRules::instance(), s.clock),
        worker(store, consumer, {&courier, &courier}, notify::RetryPolicy{}, s.clock) {
    worker.runOnce();  // the events of earlier runs are not this run's work
    worker.start();
  }
  caldav::DavSettings settings;
  storage::sql::SqlAccountRepository accounts;
  storage::sql::SqlNotificationStore store;
  AcceptingCourier courier;
  server::notify::NotificationConsumer consumer;
  server::notify::DeliveryWorker worker;
};

void BM_BookAndCancel(benchmark::State& state) {
  caldav::ical::initialize();
  SalonBusiness& s = salon(storage::sql::Durability::PowerLoss);
  std::unique_ptr<RunningNotifications> notifications;
  if (state.range(0)) notifications = std::make_unique<RunningNotifications>(s);
  BookingRequest r;
  r.serviceId = "massage";
  r.resourceId = "therapist-0";
  r.start = s.now() + days{2};
  r.customer = "bench";
  r.contact.email = "bench@example.com";
  for (auto _ : state) {
    Booking b = s.desk->book(r, Actor::admin());
    s.desk->cancel(b.id, Actor::admin());
  }
  state.SetItemsProcessed(state.iterations() * 2);
  state.SetLabel(state.range(0) ? "notifications on" : "notifications off");
}
BENCHMARK(BM_BookAndCancel)->Arg(0)->Arg(1)->Arg(0)->Arg(1)->UseRealTime()->MinTime(3);

}  // namespace
}  // namespace bookdav::bench
