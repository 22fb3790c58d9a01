#include "domain/notify/WebhookEndpoint.h"

#include <algorithm>

namespace bookdav::domain::notify {

bool WebhookEndpoint::wants(std::string_view eventType) const {
  return std::any_of(eventTypes.begin(), eventTypes.end(),
                     [&](const std::string& t) { return t == "*" || t == eventType; });
}

std::string webhookEventType(BookingEventKind kind) {
  return "booking." + std::string(toString(kind));
}

bool isWebhookEventType(std::string_view type) {
  if (type == "*") return true;
  if (!type.starts_with("booking.")) return false;
  return parseBookingEventKind(type.substr(8)).has_value();
}

}  // namespace bookdav::domain::notify
