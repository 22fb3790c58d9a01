// The thread inside `bookdav serve` that turns booking events into notifications
// (NotificationConsumer) and delivers the due ones through each channel's Courier: a sent one is
// marked sent, a failed one is tried again after the RetryPolicy's backoff, and parked as dead after
// its last try. A notification sent but not yet marked when the process dies is sent again after
// the restart (at least once, with the same Message-ID / webhook-id). Without a courier for its
// channel a notification stays queued.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

#include "domain/notify/NotificationStore.h"
#include "domain/notify/RetryPolicy.h"
#include "domain/time/Clock.h"
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
                 domain::notify::RetryPolicy retry, const domain::Clock& clock);
  ~DeliveryWorker();

  // One round: every pending event made into notifications, then every due notification tried once.
  // Returns how many were delivered. (The thread runs rounds; tests call it directly.)
  std::size_t runOnce();

  void start();
  void stop();  // finishes the delivery in progress
  void wake();  // runs a round soon (a booking changed)

 private:
  // Tries one notification and records the outcome; true when delivered.
  bool attempt(const domain::notify::Notification& n);
  void loop();

  domain::notify::NotificationStore& store_;
  NotificationConsumer& consumer_;
  Couriers couriers_;
  domain::notify::RetryPolicy retry_;
  const domain::Clock& clock_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace bookdav::server::notify
