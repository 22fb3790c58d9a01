#include "server/notify/MessageText.h"

#include "caldav/booking/BookingEvents.h"
#include "domain/booking/LocalText.h"
#include "server/HtmlText.h"

namespace bookdav::server::notify {

using domain::notify::Audience;
using domain::notify::MessageKind;

namespace {

// The headline of each kind, for the customer and for the business's people.
std::string headline(MessageKind kind, Audience audience) {
  const bool customer = audience == Audience::Customer;
  switch (kind) {
    case MessageKind::Confirmed:
      return customer ? "Your booking is confirmed" : "New booking";
    case MessageKind::AwaitingApproval:
      return "Your booking awaits approval";
    case MessageKind::ApprovalNeeded:
      return "A booking waits for your approval";
    case MessageKind::Approved:
      return "Your booking is approved";
    case MessageKind::Declined:
      return "Your booking was declined";
    case MessageKind::Waitlisted:
      return "You are on the waitlist";
    case MessageKind::Promoted:
      return "A place came free: you are booked";
    case MessageKind::Rescheduled:
      return customer ? "Your booking was moved" : "A booking was moved";
    case MessageKind::Canceled:
      return customer ? "Your booking is canceled" : "A booking was canceled";
    case MessageKind::SessionChanged:
      return "Your booking changed";
    case MessageKind::Ping:
      return "Test message";
    case MessageKind::Reminder:
      return customer ? "Reminder of your booking" : "Reminder of a booking";
  }
  return "Booking update";
}

}  // namespace

domain::notify::MessageContent messageText(const MessageFacts& f, const domain::ZoneRules& zones) {
  const domain::Booking& b = f.booking;
  const domain::Service& s = f.service;
  const std::string when = domain::describeTime(zones, s.timeZone, b.time.start) + " (" + s.timeZone + ")";
  const std::string business = f.business.name.empty() ? "bookdav" : f.business.name;
  const std::string title = headline(f.planned.kind, f.planned.audience);

  // What the message says, one sentence a line.
  std::vector<std::string> lines;
  lines.push_back(s.name + " at " + when + ".");
  if (f.planned.audience != Audience::Customer)
    lines.push_back("Customer: " + f.customerName +
                    (b.contact.email.empty() ? "" : " <" + b.contact.email + ">") + ", " +
                    std::to_string(b.participants) + (b.participants == 1 ? " person." : " people."));
  const bool reminder = f.planned.kind == MessageKind::Reminder;
  if (!reminder && f.event.kind == domain::BookingEventKind::Rescheduled && f.event.previousTime)
    lines.push_back("It was at " + domain::describeTime(zones, s.timeZone, f.event.previousTime->start) +
                    ".");
  if (!reminder && f.event.kind == domain::BookingEventKind::SessionChanged && f.event.previousTime)
    lines.push_back("The session was at " +
                    domain::describeTime(zones, s.timeZone, f.event.previousTime->start) + ".");
  if (!s.location.text.empty()) lines.push_back("Where: " + s.location.text + ".");
  lines.push_back("Price: " + caldav::priceText(b.price) + ".");
  if (!reminder && f.event.by == domain::Party::Business && f.planned.audience == Audience::Customer &&
      f.event.reason != domain::reasons::kRequested && f.event.reason != domain::reasons::kPlacesFreed &&
      !f.event.reason.empty())
    lines.push_back("Reason: " + f.event.reason + ".");
  if (f.planned.kind == MessageKind::ApprovalNeeded) {
    const std::string id = std::to_string(b.id);
    lines.push_back("To approve it: POST /api/v1/bookings/" + id +
                    "/confirm; to decline it: POST /api/v1/bookings/" + id + "/decline.");
  }
  lines.push_back("Booking number " + std::to_string(b.id) + ".");
  const std::string manage = "See, move or cancel your booking here: ";

  domain::notify::MessageContent c;
  c.senderName = f.business.name;
  c.subject = title + ": " + s.name + ", " + domain::describeTime(zones, s.timeZone, b.time.start);
  c.text = title + "\n\n";
  for (const auto& l : lines) c.text += l + "\n";
  if (!f.manageLink.empty()) c.text += manage + f.manageLink + "\n";
  c.text += "\n-- \n" + business + (f.business.email.empty() ? "" : " <" + f.business.email + ">") + "\n";
  c.html = "<!DOCTYPE html><html><body><h1>" + htmlEscape(title) + "</h1>";
  for (const auto& l : lines) c.html += "<p>" + htmlEscape(l) + "</p>";
  if (!f.manageLink.empty())
    c.html += "<p>" + htmlEscape(manage) + "<a href=\"" + htmlEscape(f.manageLink) + "\">" +
              htmlEscape(f.manageLink) + "</a></p>";
  c.html += "<hr><p>" + htmlEscape(business);
  if (!f.business.email.empty())
    c.html += " &lt;<a href=\"mailto:" + htmlEscape(f.business.email) + "\">" + htmlEscape(f.business.email) +
              "</a>&gt;";
  c.html += "</p></body></html>";
  return c;
}

}  // namespace bookdav::server::notify
