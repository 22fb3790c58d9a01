// The thread that delivers scheduling messages while bookdav serves (caldav/scheduling/SchedulingReplies.h):
// requests that may have changed bookings poke it and return at once; it delivers whatever booking
// events are pending, in batches, off the requests' path, and looks again every few seconds.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "caldav/DavService.h"

namespace bookdav::server {

class SchedulingDelivery {
 public:
  // Hooks itself into dav (DavService::setAfterBookingWrite) and starts; dav must outlive it.
  explicit SchedulingDelivery(caldav::DavService& dav);
  ~SchedulingDelivery();  // stops and joins (a delivery in progress finishes first)
  SchedulingDelivery(const SchedulingDelivery&) = delete;
  SchedulingDelivery& operator=(const SchedulingDelivery&) = delete;

  void poke();

 private:
  void run();

  caldav::DavService& dav_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace bookdav::server
