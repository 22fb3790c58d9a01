// A webhook endpoint registered by the business: where booking events are POSTed as JSON signed as
// in Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature), which event types it wants,
// and its secret ("whsec_" + base64 of the key bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/BookingEvent.h"
#include "domain/time/Instant.h"

namespace bookdav::domain::notify {

struct WebhookEndpoint {
  std::int64_t id = 0;  // set by the store
  std::string url;
  std::vector<std::string> eventTypes;  // "booking.placed", ...; "*" for all
  std::string secret;
  Instant created{};
  bool operator==(const WebhookEndpoint&) const = default;

  bool wants(std::string_view eventType) const;
};

// "booking.placed", "booking.approved", ..., "booking.session-changed".
std::string webhookEventType(BookingEventKind kind);
// Whether `type` names a booking event type (or is "*").
bool isWebhookEventType(std::string_view type);
inline constexpr std::string_view kPingEventType = "webhook.ping";

}  // namespace bookdav::domain::notify
