// Webhook calls over HTTP(S) (Poco::Net::HTTPClientSession): each notification's JSON body POSTed to
// its endpoint with the Standard Webhooks headers: webhook-id "msg_<notification id>" (the same on
// every retry), webhook-timestamp (the attempt's Unix time) and webhook-signature. A 2xx answer is
// delivery; anything else is a failure to retry.
#pragma once

#include "domain/notify/NotificationStore.h"
#include "domain/time/Clock.h"
#include "server/notify/Courier.h"

namespace bookdav::server::notify {

// "msg_12".
std::string webhookId(const domain::notify::Notification& n);

class WebhookCourier final : public Courier {
 public:
  WebhookCourier(domain::notify::NotificationStore& store, const domain::Clock& clock)
      : store_(store), clock_(clock) {}
  void deliver(const domain::notify::Notification& n) override;

 private:
  domain::notify::NotificationStore& store_;
  const domain::Clock& clock_;
};

}  // namespace bookdav::server::notify
