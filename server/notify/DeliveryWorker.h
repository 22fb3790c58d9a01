// The thread inside `bookdav serve` that turns booking events into notifications
// (NotificationConsumer) and delivers the due ones through each channel's Courier: a sent one is
// marked sent, a failed one is tried again after the RetryPolicy's backoff, and parked as dead after
// its last try. A notification sent but not yet marked when the process dies is sent again after
// the restart (at least once, with the same Message-ID / webhook-id). Without a courier for its
// channel a notification stays queued. With a LeasedWork, rounds run only while this process holds
// the lease, so that several processes on one database send each notification once.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "domain/notify/NotificationStore.h"
#include "domain/notify/RetryPolicy.h"
#include "domain/time/Clock.h"
#include "server/LeasedWork.h"
#include "server/notify/Courier.h"
#include "server/notify/NotificationConsumer.h"

namespace bookdav::server::notify {

struct Couriers {
  Courier* email = nullptr;    // null: e-mails wait in the outbox
  Courier* webhook = nullptr;  // null: webhook calls wait in the outbox
};

class DeliveryWorker {
 public:
  DeliveryWorker(domain::notify::NotificationStore& store, NotificationConsumer& consumer, Couriers couriers,
                 domain::notify::RetryPolicy retry, const domain::Clock& clock, LeasedWork* lease = nullptr);
  ~DeliveryWorker();

  // One round: pending events made into notifications (up to 8 batches of 256), then every due
  // notification tried once.
  // Returns how many were delivered; nothing is done while another process holds the lease.
  // (The thread runs rounds; tests call it directly.)
  std::size_t runOnce();

  void start();
  void stop();  // finishes the delivery in progress and gives the lease up
  void wake();  // runs a round soon (a booking changed)

 private:
  // A notification tried, and the error when it failed.
  using Outcome = std::pair<domain::notify::Notification, std::optional<std::string>>;
  std::optional<std::string> attempt(const domain::notify::Notification& n);
  // Marks the tried notifications sent, due again after the backoff, or dead, in one transaction.
  void record(const std::vector<Outcome>& outcomes);
  void loop();

  domain::notify::NotificationStore& store_;
  NotificationConsumer& consumer_;
  Couriers couriers_;
  domain::notify::RetryPolicy retry_;
  const domain::Clock& clock_;
  LeasedWork* lease_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace bookdav::server::notify
