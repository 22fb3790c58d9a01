#include "caldav/booking/BookingEvents.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "caldav/booking/BookingNames.h"
#include "caldav/booking/EventText.h"
#include "caldav/ical/IcalZoneRules.h"
#include "domain/booking/Sentences.h"

namespace bookdav::caldav {
namespace {

using domain::Booking;
using domain::BookingStatus;
using domain::Resource;
using domain::Service;
using domain::Session;

std::string_view cutype(domain::ResourceKind kind) {
  switch (kind) {
    case domain::ResourceKind::Staff:
      return "INDIVIDUAL";
    case domain::ResourceKind::Room:
      return "ROOM";
    case domain::ResourceKind::Equipment:
      return "RESOURCE";
  }
  return "RESOURCE";
}

std::string locationText(const domain::Location& l) {
  switch (l.kind) {
    case domain::Location::Kind::Address:
    case domain::Location::Kind::Online:
      return l.text;
    case domain::Location::Kind::CustomerPlace:
      return "At the customer's place";
    case domain::Location::Kind::None:
      break;
  }
  return {};
}

std::string placesText(const Session& s) {
  if (!s.active()) return "This session is cancelled.";
  int left = s.placesLeft();
  std::string text = std::to_string(left) + (left == 1 ? " place" : " places") + " left of " +
                     std::to_string(s.capacity) + ".";
  if (s.locked) text += " Not open for booking.";
  if (s.waitlisted > 0) text += " " + std::to_string(s.waitlisted) + " on the waitlist.";
  return text;
}

void common(EventText& e, const Service& service) {
  if (auto loc = locationText(service.location); !loc.empty()) e.text("LOCATION", loc);
  if (service.location.kind == domain::Location::Kind::Online && !service.location.text.empty()) {
    e.raw("URL", service.location.text);
  }
}

void resourceAttendees(EventText& e, const std::vector<Resource>& resources,
                       const std::vector<std::string>& addresses) {
  for (size_t i = 0; i < resources.size() && i < addresses.size(); ++i) {
    const Resource& r = resources[i];
    e.raw("ATTENDEE", addresses[i],
          {{"CN", r.name.empty() ? r.id : r.name},
           {"CUTYPE", cutype(r.kind)},
           {"ROLE", "NON-PARTICIPANT"},
           {"PARTSTAT", "ACCEPTED"}});
  }
}

std::string_view eventStatus(BookingStatus s) {
  switch (s) {
    case BookingStatus::Confirmed:
      return "CONFIRMED";
    case BookingStatus::Pending:
    case BookingStatus::Waitlisted:
      return "TENTATIVE";
    case BookingStatus::Canceled:
    case BookingStatus::Declined:
      return "CANCELLED";
  }
  return "TENTATIVE";
}

std::string_view partstat(BookingStatus s) {
  switch (s) {
    case BookingStatus::Confirmed:
      return "ACCEPTED";
    case BookingStatus::Pending:
    case BookingStatus::Waitlisted:
      return "TENTATIVE";
    case BookingStatus::Canceled:
      return "DECLINED";
    case BookingStatus::Declined:
      return "DECLINED";
  }
  return "NEEDS-ACTION";
}

}  // namespace

std::string priceText(const domain::Price& price) {
  if (price.currency.empty() && price.amountMinor == 0) return "free";
  char buf[64];
  std::int64_t a = price.amountMinor < 0 ? -price.amountMinor : price.amountMinor;
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", price.amountMinor < 0 ? "-" : "",
                static_cast<long long>(a / 100), static_cast<long long>(a % 100));
  return std::string(buf) + (price.currency.empty() ? "" : " " + price.currency);
}

std::string describeService(const Service& s) {
  const auto& p = s.policy;
  std::string out = s.description.empty() ? s.name + "." : s.description;
  if (!out.empty() && out.back() != '.') out += '.';
  std::string kind = s.kind == domain::ServiceKind::Appointment ? "Appointment"
                     : s.kind == domain::ServiceKind::Class     ? "Class"
                                                                : "Course";
  out += " " + kind + " of " + domain::describeDuration(s.duration) + ", " + priceText(s.price) +
         (s.price.amountMinor ? " per person" : "") + ".";
  if (s.kind != domain::ServiceKind::Appointment)
    out += " " + std::to_string(s.capacity) + " places per session.";
  if (p.minimumNotice.count() > 0)
    out += " Book at least " + domain::describeDuration(p.minimumNotice) + " ahead";
  else
    out += " Book any time before the start";
  if (p.maximumHorizon) out += ", at most " + domain::describeDuration(*p.maximumHorizon) + " ahead";
  out += ".";
  if (p.cancellationDeadline.count() > 0) {
    out += " Cancel up to " + domain::describeDuration(p.cancellationDeadline) + " before the start.";
  }
  if (p.maxParticipantsPerBooking > 1) {
    out += " Up to " + std::to_string(p.maxParticipantsPerBooking) + " places per booking.";
  }
  if (p.waitlistCapacity > 0) out += " Waitlist when full.";
  if (p.manualApproval) out += " Bookings wait for the business to approve them.";
  if (s.kind == domain::ServiceKind::Course) {
    out += p.lateJoin ? " Booking covers every session; late joining is allowed."
                      : " Booking covers every session; closed once the course has started.";
  }
  out += " To book, create an event at the start of a free time (see free/busy) or of a session.";
  return out;
}

std::string sessionEventForCustomers(const Service& service, const Session& session,
                                     const DavSettings& settings) {
  EventText e(settings.productId);
  e.begin("VEVENT");
  e.raw("UID", "session-" + std::to_string(session.id) + "@bookdav");
  e.utc("DTSTAMP", session.updated);
  e.zoned("DTSTART", session.time.start, service.timeZone);
  e.zoned("DTEND", session.time.end, service.timeZone);
  e.text("SUMMARY", service.name + (session.active() && session.full() ? " (full)" : ""));
  e.text("DESCRIPTION", placesText(session) + " " + priceText(service.price) +
                            (service.price.amountMinor ? " per person." : "."));
  common(e, service);
  e.raw("STATUS", session.active() ? "CONFIRMED" : "CANCELLED");
  e.raw("TRANSP", "TRANSPARENT");  // an offer, not the customer's busy time
  e.raw("X-BOOKDAV-SESSION", std::to_string(session.id));
  e.raw("X-BOOKDAV-PLACES-LEFT", std::to_string(session.active() ? session.placesLeft() : 0));
  e.raw("X-BOOKDAV-CAPACITY", std::to_string(session.capacity));
  e.end("VEVENT");
  return e.finish();
}

namespace {

// "09:30" in the service's zone; a window ending at local midnight ends at "24:00".
std::string wallClock(const Service& service, domain::Instant t, bool isEnd) {
  const domain::LocalDateTime l = domain::toLocal(ical::IcalZoneRules::instance(), service.timeZone, t);
  long minutes = static_cast<long>(l.timeOfDay.count() / 60);
  if (isEnd && minutes == 0) minutes = 24 * 60;
  const auto twoDigits = [](long n) { return std::string(1, char('0' + n / 10)) + char('0' + n % 10); };
  return twoDigits(minutes / 60) + ":" + twoDigits(minutes % 60);
}

}  // namespace

std::string openWindowUid(const Service& service, domain::Instant start) {
  return "open-" + service.id + "-" + EventText::utcText(start) + "@bookdav";
}

std::string howToBookInWindow(const Service& service, std::string_view address) {
  return "create an event of " + domain::describeDuration(service.duration) + " inside this window in " +
         service.name + "'s calendar, or invite " + std::string(address) +
         " to an event in your own calendar";
}

std::string openWindowEvent(const Service& service, domain::Interval window, std::string_view address,
                            const DavSettings& settings) {
  EventText e(settings.productId);
  e.begin("VEVENT");
  e.raw("UID", openWindowUid(service, window.start));
  e.utc("DTSTAMP", window.start);  // the text depends only on the window: its ETag moves only with it
  e.zoned("DTSTART", window.start, service.timeZone);
  e.zoned("DTEND", window.end, service.timeZone);
  e.text("SUMMARY", service.name + " \u2014 open " + wallClock(service, window.start, false) + "\u2013" +
                        wallClock(service, window.end, true));
  std::string how = howToBookInWindow(service, address);
  how[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(how[0])));
  e.text("DESCRIPTION", "Open for booking. " + how + ".");
  common(e, service);
  e.raw("TRANSP", "TRANSPARENT");  // an offer, not the customer's busy time
  e.raw("X-BOOKDAV-OPEN-WINDOW", "TRUE");
  e.end("VEVENT");
  return e.finish();
}

std::string bookingEvent(const BookingEventData& d, const DavSettings& settings) {
  const Booking& b = d.booking;
  EventText e(settings.productId);
  e.begin("VEVENT");
  e.raw("UID", b.clientUid.empty() ? "booking-" + std::to_string(b.id) + "@bookdav" : b.clientUid);
  e.utc("DTSTAMP", b.updated);
  e.utc("CREATED", b.created);
  e.utc("LAST-MODIFIED", b.updated);
  e.zoned("DTSTART", b.time.start, d.service.timeZone);
  e.zoned("DTEND", b.time.end, d.service.timeZone);
  // A course: every session as an RDATE, the first (DTSTART) included: RFC 5545 counts a repeated
  // instance once, and ical.js (Thunderbird) skips DTSTART of an event that has RDATEs but no RRULE
  // and cannot expand PERIOD values. PERIODs only when the sessions differ in length.
  std::vector<const Session*> active;
  for (const Session& s : d.sessions) {
    if (s.active()) active.push_back(&s);
  }
  if (active.size() > 1) {
    const bool sameLength = std::all_of(
        active.begin(), active.end(), [&](const Session* s) { return s->time.length() == b.time.length(); });
    std::vector<domain::Interval> times;
    for (const Session* s : active) times.push_back(s->time);
    e.zonedList("RDATE", times, !sameLength, d.service.timeZone);
  }
  std::string summary = d.service.name;
  if (b.status == BookingStatus::Pending) summary += " (awaiting approval)";
  if (b.status == BookingStatus::Waitlisted) summary += " (waitlist)";
  e.text("SUMMARY", summary);
  std::string description = "Booking " + std::to_string(b.id) + " for " + std::to_string(b.participants) +
                            (b.participants == 1 ? " person" : " people") + ", " + priceText(b.price) + ".";
  if (b.status == BookingStatus::Pending) description += " Waiting for the business to approve it.";
  if (b.status == BookingStatus::Waitlisted) {
    description +=
        " On the waitlist" +
        (d.waitlistPosition > 0 ? " (number " + std::to_string(d.waitlistPosition) + ")" : std::string()) +
        "; you get a place when one frees up.";
  }
  if (d.sessions.size() > 1) description += " Covers all " + std::to_string(d.sessions.size()) + " sessions.";
  if (!b.note.empty()) description += " Note: " + b.note;
  e.text("DESCRIPTION", description);
  common(e, d.service);
  e.raw("STATUS", eventStatus(b.status));
  e.raw("TRANSP", "OPAQUE");
  e.raw("ORGANIZER", businessAddress(settings), {{"CN", settings.businessName}});
  e.raw("ATTENDEE", d.customer.address,
        {{"CN", d.customer.name},
         {"CUTYPE", "INDIVIDUAL"},
         {"ROLE", "REQ-PARTICIPANT"},
         {"PARTSTAT", partstat(b.status)}});
  resourceAttendees(e, d.resources, d.resourceAddresses);
  e.raw("X-BOOKDAV-BOOKING", std::to_string(b.id));
  e.raw("X-BOOKDAV-SERVICE", b.serviceId);
  e.raw("X-BOOKDAV-STATUS", domain::toString(b.status));
  e.raw("X-BOOKDAV-PARTICIPANTS", std::to_string(b.participants));
  e.raw("X-BOOKDAV-PRICE", priceText(b.price));
  for (domain::Seconds before : d.reminders) {
    if (before.count() <= 0) continue;
    // RFC 5545 3.6.6: a display alarm that long before the start (of each session of a course).
    e.begin("VALARM");
    e.raw("ACTION", "DISPLAY");
    e.raw("TRIGGER", "-" + domain::toIsoDuration(before));
    e.text("DESCRIPTION", "Reminder: " + d.service.name);
    e.end("VALARM");
  }
  e.end("VEVENT");
  return e.finish();
}

std::string sessionEventForStaff(const StaffSessionData& d, const DavSettings& settings) {
  const Session& s = d.session;
  EventText e(settings.productId);
  e.begin("VEVENT");
  e.raw("UID", "session-" + std::to_string(s.id) + "@bookdav");
  e.utc("DTSTAMP", s.updated);
  // In the service's zone; time off in its (first) resource's.
  const std::string zone = d.service              ? d.service->timeZone
                           : !d.resources.empty() ? d.resources.front().timeZone
                                                  : std::string("UTC");
  e.zoned("DTSTART", s.time.start, zone);
  e.zoned("DTEND", s.time.end, zone);
  if (s.kind == domain::SessionKind::TimeOff || !d.service) {
    e.text("SUMMARY", s.title.empty() ? "Time off" : s.title);
    e.raw("STATUS", s.active() ? "CONFIRMED" : "CANCELLED");
  } else {
    std::string who;
    for (size_t i = 0; i < d.bookings.size(); ++i) {
      const Booking& b = d.bookings[i];
      who += (who.empty() ? "" : "; ") + d.customers[i].name + " (" + std::to_string(b.participants) + ", " +
             std::string(domain::toString(b.status)) + ")";
    }
    std::string summary = d.service->name;
    if (s.kind == domain::SessionKind::Appointment && !d.customers.empty())
      summary += ": " + d.customers[0].name;
    e.text("SUMMARY", summary);
    std::string description =
        s.kind == domain::SessionKind::Appointment ? std::string() : placesText(s) + " ";
    description += who.empty() ? "Nobody has booked yet." : "Booked by " + who + ".";
    if (s.locked) description += " Locked" + (s.lockNote.empty() ? std::string() : ": " + s.lockNote) + ".";
    e.text("DESCRIPTION", description);
    common(e, *d.service);
    e.raw("STATUS", s.active() ? "CONFIRMED" : "CANCELLED");
    e.raw("ORGANIZER", businessAddress(settings), {{"CN", settings.businessName}});
    for (size_t i = 0; i < d.bookings.size(); ++i) {
      e.raw("ATTENDEE", d.customers[i].address,
            {{"CN", d.customers[i].name},
             {"CUTYPE", "INDIVIDUAL"},
             {"ROLE", "REQ-PARTICIPANT"},
             {"PARTSTAT", partstat(d.bookings[i].status)}});
    }
  }
  resourceAttendees(e, d.resources, d.resourceAddresses);
  e.raw("TRANSP", "OPAQUE");
  e.raw("X-BOOKDAV-SESSION", std::to_string(s.id));
  e.end("VEVENT");
  return e.finish();
}

}  // namespace bookdav::caldav
