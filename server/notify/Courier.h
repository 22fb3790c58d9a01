// What carries a notification to its recipient over one channel (SMTP for e-mail, HTTP for
// webhooks). deliver() returns once the far side accepted the message; it throws DeliveryFailed
// (with the reason, kept on the notification) when it did not.
#pragma once

#include <stdexcept>

#include "domain/notify/Notification.h"

namespace bookdav::server::notify {

class DeliveryFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Courier {
 public:
  virtual ~Courier() = default;
  virtual void deliver(const domain::notify::Notification& n) = 0;
};

}  // namespace bookdav::server::notify
