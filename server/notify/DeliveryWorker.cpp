#include "server/notify/DeliveryWorker.h"

#include <chrono>
#include <iostream>

namespace bookdav::server::notify {

using namespace bookdav::domain;
using namespace bookdav::domain::notify;

namespace {
constexpr std::size_t kBatch = 64;
constexpr int kConsumeBatchesPerRound = 8;
// How often the thread looks for new events and due retries without being woken.
constexpr auto kPollInterval = std::chrono::milliseconds(200);
}  // namespace

DeliveryWorker::DeliveryWorker(NotificationStore& store, NotificationConsumer& consumer, Couriers couriers,
                               RetryPolicy retry, const Clock& clock, LeasedWork* lease)
    : store_(store), consumer_(consumer), couriers_(couriers), retry_(retry), clock_(clock), lease_(lease) {}

DeliveryWorker::~DeliveryWorker() {
  stop();
}

std::optional<std::string> DeliveryWorker::attempt(const Notification& n) {
  Courier* courier = n.channel == Channel::Email ? couriers_.email : couriers_.webhook;
  try {
    courier->deliver(n);
    return std::nullopt;
  } catch (const DeliveryFailed& e) {
    return std::string(e.what());
  } catch (const std::exception& e) {
    return std::string("unexpected: ") + e.what();
  }
}

void DeliveryWorker::record(const std::vector<Outcome>& outcomes) {
  if (outcomes.empty()) return;
  store_.write([&](BookingData&, NotificationRows& rows) {
    const Instant now = clock_.now();
    for (const auto& [n, error] : outcomes) {
      if (!error) {
        rows.markSent(n.id, now);
        continue;
      }
      const int attempts = n.attempts + 1;
      std::optional<Instant> retryAt;
      if (!retry_.givesUp(attempts)) retryAt = now + retry_.delayAfter(attempts);
      rows.markFailed(n.id, attempts, *error, retryAt);
    }
  });
}

std::size_t DeliveryWorker::runOnce() {
  if (lease_ && !lease_->mine()) return 0;
  // Events first, a bounded number of batches, so that a storm of bookings never starves delivery.
  for (int i = 0; i < kConsumeBatchesPerRound && consumer_.consume() > 0; ++i) {
  }
  if (!couriers_.email && !couriers_.webhook) return 0;
  std::size_t delivered = 0;
  for (;;) {
    std::vector<Notification> due;
    store_.read([&](NotificationRows& rows) { due = rows.due(clock_.now(), kBatch); });
    // The outcomes of a batch are recorded in one transaction (a crash before it sends the batch
    // again: at least once), so that the outbox costs the bookings' database little.
    std::vector<Outcome> outcomes;
    bool stopping = false;
    for (const Notification& n : due) {
      if (lease_ && !lease_->mine()) break;  // lost (the database failed): another process goes on
      if (n.channel == Channel::Email ? !couriers_.email : !couriers_.webhook) continue;
      outcomes.emplace_back(n, attempt(n));
      if (!outcomes.back().second) ++delivered;
      std::lock_guard lock(mutex_);
      if ((stopping = stopping_)) break;
    }
    record(outcomes);
    // A full batch may have more behind it; failures are due later, so the next read moves on.
    if (stopping || due.size() < kBatch || outcomes.empty()) break;
  }
  return delivered;
}

void DeliveryWorker::loop() {
  for (;;) {
    try {
      runOnce();
    } catch (const std::exception& e) {
      std::cerr << "bookdav: notifications: " << e.what() << std::endl;
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, kPollInterval, [&] { return stopping_ || woken_; });
    if (stopping_) return;
    woken_ = false;
  }
}

void DeliveryWorker::start() {
  thread_ = std::thread([this] { loop(); });
}

void DeliveryWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (lease_) lease_->giveUp();
}

void DeliveryWorker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

}  // namespace bookdav::server::notify
