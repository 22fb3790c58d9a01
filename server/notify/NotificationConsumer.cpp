#include "server/notify/NotificationConsumer.h"

#include <set>

#include "caldav/booking/BookingEventSource.h"
#include "caldav/booking/ImipText.h"
#include "caldav/dav/LiveProperties.h"
#include "domain/booking/Places.h"
#include "domain/notify/Recipients.h"
#include "domain/notify/Reminders.h"
#include "server/api/BookingJson.h"
#include "server/api/ManageToken.h"
#include "server/notify/MessageText.h"

namespace bookdav::server::notify {

using namespace bookdav::domain;
using namespace bookdav::domain::notify;

namespace {

// "mailto:alice@example.com" -> "alice@example.com".
std::string mailAddress(std::string_view calendarAddress) {
  if (calendarAddress.rfind("mailto:", 0) == 0) calendarAddress.remove_prefix(7);
  return std::string(calendarAddress);
}

// The JSON body of a booking event's webhook call.
std::string webhookBody(const BookingEvent& e, const std::string& type, const Booking& booking,
                        BookingData& data, Instant now) {
  api::JsonObject d = api::newObject();
  d->set("eventSeq", e.seq);
  d->set("bookingId", e.bookingId);
  d->set("status", std::string(toString(e.status)));
  d->set("by", std::string(toString(e.by)));
  d->set("reason", e.reason);
  if (e.previousTime) {
    d->set("previousStart", api::utcText(e.previousTime->start));
    d->set("previousEnd", api::utcText(e.previousTime->end));
  }
  d->set("booking", api::bookingJson(booking, domain::waitlistPosition(data, booking), now));
  api::JsonObject o = api::newObject();
  o->set("type", type);
  o->set("timestamp", api::utcText(e.at));
  o->set("data", d);
  return api::stringify(o);
}

}  // namespace

domain::notify::Notification webhookPing(const domain::notify::WebhookEndpoint& endpoint, Instant now) {
  Notification n;
  n.channel = Channel::Webhook;
  n.audience = Audience::Endpoint;
  n.recipient = std::to_string(endpoint.id);
  n.kind = MessageKind::Ping;
  n.content.subject = std::string(kPingEventType);
  api::JsonObject d = api::newObject();
  d->set("endpointId", endpoint.id);
  api::JsonObject o = api::newObject();
  o->set("type", std::string(kPingEventType));
  o->set("timestamp", api::utcText(now));
  o->set("data", d);
  n.content.text = api::stringify(o);
  n.due = now;
  n.created = now;
  return n;
}

std::size_t NotificationConsumer::consume(std::size_t batch) {
  std::vector<Notification> made;
  std::size_t dealt = 0;
  store_.write([&](BookingData& data, NotificationRows& rows) {
    made.clear();
    const std::vector<BookingEvent> events = data.eventsAfter(data.consumed(kName), batch);
    dealt = events.size();
    if (events.empty()) return;
    const BusinessContact business = rows.business();
    const std::vector<WebhookEndpoint> endpoints = rows.endpoints();
    const bool guestLinks = !manageBase_.empty() && data.publicBooking();
    caldav::BookingEventSource source(data, accounts_, settings_, &rows);
    const Instant now = clock_.now();
    for (const BookingEvent& e : events) {
      std::optional<Booking> booking = data.booking(e.bookingId);
      const Service* service = booking ? source.service(booking->serviceId) : nullptr;
      if (!booking || !service) continue;  // gone: nothing left to tell

      // Who the customer is: their account's address (as on the event's ATTENDEE), else the contact's.
      std::string customerEmail = booking->contact.email, customerName = booking->contact.name;
      if (!booking->customer.empty()) {
        if (auto account = accounts_.find(booking->customer)) {
          customerEmail = mailAddress(caldav::calendarUserAddress(*account, settings_));
          if (customerName.empty())
            customerName = account->displayName.empty() ? account->name : account->displayName;
        }
      }
      if (customerName.empty()) customerName = "Guest";
      // A guest's way back to the booking: a fresh manage token for each message to them.
      auto manageLink = [&]() -> std::string {
        if (!guestLinks || !booking->customer.empty()) return {};
        const std::string token = api::newManageToken();
        data.putManageToken(booking->id, token);
        return manageBase_ + token;
      };
      std::set<std::string> staffEmails;
      for (const std::string& id : booking->resourceIds) {
        std::optional<Resource> r = data.resource(id);
        if (!r || r->userName.empty()) continue;
        if (auto account = accounts_.find(r->userName))
          staffEmails.insert(mailAddress(caldav::calendarUserAddress(*account, settings_)));
      }

      const int sequence = rows.changesBefore(e.bookingId, e.seq);
      // The calendar part shows the booking as it stands: only when it still stands as the event left
      // it (a later event's message carries what changed since).
      std::optional<std::string> eventText;
      if (booking->status == e.status) eventText = source.bookingText(*booking);

      for (const Planned& p : plan(e)) {
        std::vector<std::string> to;
        if (p.audience == Audience::Customer && !customerEmail.empty()) to.push_back(customerEmail);
        if (p.audience == Audience::Staff) to.assign(staffEmails.begin(), staffEmails.end());
        if (p.audience == Audience::Business && !business.email.empty()) to.push_back(business.email);
        for (const std::string& address : to) {
          Notification n;
          n.channel = Channel::Email;
          n.audience = p.audience;
          n.recipient = address;
          n.kind = p.kind;
          n.bookingId = e.bookingId;
          n.eventSeq = e.seq;
          n.sequence = sequence;
          const std::string link = p.audience == Audience::Customer ? manageLink() : std::string();
          n.content = messageText({p, e, *booking, *service, business, customerName, link}, zones_);
          if (p.method != ImipMethod::None && eventText) {
            n.content.method = p.method;
            n.content.calendar = caldav::imipCalendar(*eventText, toString(p.method), sequence);
          }
          n.due = now;
          n.created = now;
          if ((n.id = rows.insert(n)) != 0) made.push_back(std::move(n));
        }
      }

      // Reminders: whatever happened, the ones queued for the booking's old time go; a confirmed
      // booking gets new ones for its time now, unless its customer wants none.
      rows.supersedeReminders(e.bookingId);
      if (e.status == BookingStatus::Confirmed && !customerEmail.empty()) {
        const Planned reminder{Audience::Customer, MessageKind::Reminder, ImipMethod::None};
        for (Seconds offset : remindersOf(rows, *booking)) {
          const Instant due = booking->time.start - offset;
          if (due <= now) continue;
          Notification n;
          n.channel = Channel::Email;
          n.audience = Audience::Customer;
          n.recipient = customerEmail;
          n.kind = MessageKind::Reminder;
          n.variant = toIsoDuration(offset);
          n.bookingId = e.bookingId;
          n.eventSeq = e.seq;
          n.sequence = sequence;
          n.content =
              messageText({reminder, e, *booking, *service, business, customerName, manageLink()}, zones_);
          n.due = due;
          n.created = now;
          if ((n.id = rows.insert(n)) != 0) made.push_back(std::move(n));
        }
      }

      const std::string type = webhookEventType(e.kind);
      std::optional<std::string> body;
      for (const WebhookEndpoint& endpoint : endpoints) {
        if (!endpoint.wants(type)) continue;
        if (!body) body = webhookBody(e, type, *booking, data, now);
        Notification n;
        n.channel = Channel::Webhook;
        n.audience = Audience::Endpoint;
        n.recipient = std::to_string(endpoint.id);
        n.kind = plan(e).front().kind;
        n.bookingId = e.bookingId;
        n.eventSeq = e.seq;
        n.sequence = sequence;
        n.content.subject = type;
        n.content.text = *body;
        n.due = now;
        n.created = now;
        if ((n.id = rows.insert(n)) != 0) made.push_back(std::move(n));
      }
    }
    data.markConsumed(kName, events.back().seq);
  });
  if (onMade_) {
    for (const Notification& n : made) onMade_(n);
  }
  return dealt;
}

}  // namespace bookdav::server::notify
