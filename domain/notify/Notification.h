// A notification: one message to one recipient over one channel (an e-mail to a customer, staff
// member or the business address; a webhook call to one endpoint), made from a booking event and
// kept as a row until it is delivered (sent) or gives up (dead). Its content is fixed when it is
// made, so that every delivery attempt sends the same message with the same Message-ID / webhook-id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/booking/Ids.h"
#include "domain/time/Instant.h"

namespace bookdav::domain::notify {

enum class Channel { Email, Webhook };
std::string_view toString(Channel channel);  // "email", "webhook"
std::optional<Channel> parseChannel(std::string_view text);

// Who a notification is for.
enum class Audience { Customer, Staff, Business, Endpoint };
std::string_view toString(Audience audience);  // "customer", "staff", "business", "endpoint"
std::optional<Audience> parseAudience(std::string_view text);

// What a message says.
enum class MessageKind {
  Confirmed,         // the booking holds its places
  AwaitingApproval,  // to the customer: the business will approve or decline
  ApprovalNeeded,    // to the business: a booking waits for its approval (and how to give it)
  Approved,
  Declined,
  Waitlisted,
  Promoted,  // from the waitlist
  Rescheduled,
  Canceled,
  SessionChanged,  // the business moved or changed a session the booking holds
  Ping,            // a webhook endpoint's test call
  Reminder,        // before the booking starts (the service's reminder offsets)
};
std::string_view toString(MessageKind kind);  // "confirmed", "awaiting-approval", ...
std::optional<MessageKind> parseMessageKind(std::string_view text);

// The iMIP method (RFC 6047) of the calendar part of an e-mail; None: no calendar part.
enum class ImipMethod { None, Request, Cancel };
std::string_view toString(ImipMethod method);  // "", "REQUEST", "CANCEL"
std::optional<ImipMethod> parseImipMethod(std::string_view text);

// Queued: waiting for its due time; Sent: delivered; Dead: gave up after the last try (an admin
// may queue it again); Superseded: a reminder whose booking moved or ended, never to be sent.
enum class NotificationState { Queued, Sent, Dead, Superseded };
std::string_view toString(NotificationState state);  // "queued", "sent", "dead", "superseded"
std::optional<NotificationState> parseNotificationState(std::string_view text);

// What is sent, fixed when the notification is made.
struct MessageContent {
  std::string subject;
  std::string senderName;  // e-mail: the From: display name (the business's name)
  std::string text;        // e-mail: the text/plain part; webhook: the JSON body
  std::string html;        // e-mail: the text/html part
  std::string calendar;    // e-mail: the iMIP text/calendar part ("" = none)
  ImipMethod method = ImipMethod::None;
  bool operator==(const MessageContent&) const = default;
};

struct Notification {
  std::int64_t id = 0;  // set by the store
  Channel channel = Channel::Email;
  Audience audience = Audience::Customer;
  std::string recipient;  // an e-mail address, or a webhook endpoint's id
  MessageKind kind = MessageKind::Confirmed;
  BookingId bookingId = 0;    // 0 for a ping
  std::int64_t eventSeq = 0;  // the booking event it was made from (0 for a ping)
  int sequence = 0;           // the booking event's SEQUENCE (changes of the booking before it)
  std::string variant;        // tells apart several of one kind for one event: a reminder's offset ("P1D")
  MessageContent content;
  NotificationState state = NotificationState::Queued;
  Instant due{};  // not sent before this
  int attempts = 0;
  std::string lastError;
  std::optional<Instant> sentAt;
  Instant created{};
  bool operator==(const Notification&) const = default;
};

}  // namespace bookdav::domain::notify
