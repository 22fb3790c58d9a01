#include "server/SchedulingDelivery.h"

#include <chrono>
#include <iostream>

namespace bookdav::server {

namespace {
constexpr auto kLookAgain = std::chrono::seconds(5);
}

SchedulingDelivery::SchedulingDelivery(caldav::DavService& dav) : dav_(dav) {
  dav_.setAfterBookingWrite([this] { poke(); });
  thread_ = std::thread([this] { run(); });
}

SchedulingDelivery::~SchedulingDelivery() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  dav_.setAfterBookingWrite(nullptr);
}

void SchedulingDelivery::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_one();
}

void SchedulingDelivery::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kLookAgain, [this] { return poked_ || stopping_; });
    if (stopping_) break;
    poked_ = false;
    lock.unlock();
    try {
      dav_.deliverSchedulingMessages();
    } catch (const std::exception& e) {
      std::cerr << "bookdav: scheduling messages wait for the next try: " << e.what() << std::endl;
    }
    lock.lock();
  }
}

}  // namespace bookdav::server
