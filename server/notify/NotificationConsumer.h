// The notifications' consumer of booking events (domain/booking/BookingEvent.h): reads the events
// after its position, makes one notification per recipient and channel (domain/notify/Recipients.h)
// with its content fixed, and advances its position, all in one transaction: nothing is made for a
// change that rolled back, nothing missed for one that committed, nothing made twice.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "caldav/dav/DavSettings.h"
#include "domain/account/Account.h"
#include "domain/notify/NotificationStore.h"
#include "domain/time/Clock.h"
#include "domain/time/LocalTime.h"

namespace bookdav::server::notify {

// A webhook endpoint's test call ("webhook.ping"), to be inserted as it is.
domain::notify::Notification webhookPing(const domain::notify::WebhookEndpoint& endpoint,
                                         domain::Instant now);

class NotificationConsumer {
 public:
  static constexpr std::string_view kName = "notifications";  // its position in booking_event_consumers

  NotificationConsumer(domain::notify::NotificationStore& store, domain::AccountRepository& accounts,
                       const caldav::DavSettings& settings, const domain::ZoneRules& zones,
                       const domain::Clock& clock)
      : store_(store), accounts_(accounts), settings_(settings), zones_(zones), clock_(clock) {}

  // Every e-mail to the guest of a booking without an account (while the business is public) carries
  // a link to its manage page, `baseUrl` + "/book/manage/<token>", with a token of its own, stored as a
  // digest in the transaction that makes the message. No links without a base URL.
  void setManageLinks(std::string baseUrl) { manageBase_ = std::move(baseUrl) + "/book/manage/"; }

  // Called with every notification made, after its transaction committed (the demo's log).
  void onMade(std::function<void(const domain::notify::Notification&)> f) { onMade_ = std::move(f); }

  // Deals with at most `batch` events in one transaction; returns how many it dealt with.
  std::size_t consume(std::size_t batch = 256);

 private:
  domain::notify::NotificationStore& store_;
  domain::AccountRepository& accounts_;
  const caldav::DavSettings& settings_;
  const domain::ZoneRules& zones_;
  const domain::Clock& clock_;
  std::function<void(const domain::notify::Notification&)> onMade_;
  std::string manageBase_;
};

}  // namespace bookdav::server::notify
