#include "caldav/scheduling/SchedulingReplies.h"
#include "caldav/booking/CalendarAddresses.h"

#include <libical/ical.h>

#include <map>

#include "caldav/booking/BookingNames.h"
#include "caldav/calendar/ObjectIntake.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/ical/ContentLines.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/scheduling/Invitation.h"
#include "caldav/webdav/ETag.h"

namespace bookdav::caldav {
namespace {

using domain::BookingEvent;
using domain::BookingEventKind;

constexpr std::size_t kBatch = 50;

// One organizer copy to replace and one inbox message to drop, made outside the write transaction.
struct Delivery {
  std::string owner;
  domain::ObjectRecord copy;  // collectionId, name, data; etag = the copy it was made from
  std::optional<PreparedObject> newCopy;
  std::optional<std::string> message;  // iTIP text
  std::string messageName;
  std::string messageUid;
};

// "invite-<collection id>-<name>" (ImplicitScheduling.cpp) back into its parts.
std::optional<std::pair<std::int64_t, std::string>> invitedObject(std::string_view href) {
  constexpr std::string_view prefix = "invite-";
  if (href.substr(0, prefix.size()) != prefix) return std::nullopt;
  href.remove_prefix(prefix.size());
  size_t dash = href.find('-');
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  std::int64_t id = 0;
  for (char c : href.substr(0, dash)) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return std::make_pair(id, std::string(href.substr(dash + 1)));
}

std::optional<domain::CollectionRecord> calendarOf(domain::CalendarReader& store, const std::string& owner,
                                                   std::int64_t id) {
  for (auto& c : store.children(homePath(owner)))
    if (c.id == id) return c;
  return std::nullopt;
}

icalcomponent* masterOf(icalcomponent* root) {
  icalcomponent* master = nullptr;
  for (icalcomponent* c : ical::childComponents(root, "VEVENT"))
    if (!master || !ical::firstProperty(c, "RECURRENCE-ID")) master = c;
  return master;
}

void setUtc(icalcomponent* event, std::string_view name, domain::Instant t) {
  icalproperty* p = ical::firstProperty(event, name);
  if (!p) return;
  icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER);
  icalproperty_remove_parameter_by_kind(p, ICAL_VALUE_PARAMETER);
  icaltimetype v = ical::fromInstant(t, nullptr, false);
  if (name == "DTSTART")
    icalproperty_set_dtstart(p, v);
  else
    icalproperty_set_dtend(p, v);
}

// What the business did, as the method of its iTIP message; "" when the organizer did it.
std::string methodOf(const BookingEvent& e) {
  if (e.by != domain::Party::Business) return "";
  switch (e.kind) {
    case BookingEventKind::Approved:
    case BookingEventKind::Declined:
    case BookingEventKind::Promoted:
    case BookingEventKind::Placed:
      return "REPLY";
    case BookingEventKind::Rescheduled:
    case BookingEventKind::SessionChanged:
      return "REQUEST";
    case BookingEventKind::Canceled:
      return "CANCEL";
  }
  return "";
}

// The iTIP message: the organizer's event as it now stands, under METHOD; a REPLY names only the
// service attendee, whose answer it carries (RFC 5546 §3.2.3).
std::string itipMessage(DavContext& ctx, icalcomponent* master, const std::string& method,
                        const std::string& serviceId, const std::string& why) {
  icalcomponent* cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
  ical::Component owned(cal);
  icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal, icalproperty_new_prodid(ctx.settings.productId.c_str()));
  icalcomponent_add_property(cal, icalproperty_new_method(icalproperty_string_to_method(method.c_str())));
  icalcomponent* event = icalcomponent_new_clone(master);
  icalcomponent_add_component(cal, event);
  ical::removeProperties(event, "DTSTAMP");
  icalcomponent_add_property(event,
                             icalproperty_new_dtstamp(ical::fromInstant(ctx.clock.now(), nullptr, false)));
  if (method == "REPLY" || method == "CANCEL") {
    auto addresses = CalendarAddresses::of(ctx.booking, ctx.accounts, ctx.settings);
    for (icalproperty* a : ical::properties(event, "ATTENDEE")) {
      auto u = addresses.serviceOf(ical::valueText(a));
      if (!u || ical::lower(*u) != ical::lower(serviceId)) ical::removeProperty(event, a);
    }
  }
  if (method == "CANCEL") {
    ical::removeProperties(event, "STATUS");
    icalcomponent_add_property(event, icalproperty_new_status(ICAL_STATUS_CANCELLED));
  }
  if (!why.empty()) icalcomponent_add_property(event, icalproperty_new_comment(why.c_str()));
  return owned.serialize();
}

std::string causeSentence(const BookingEvent& e, const std::string& serviceName) {
  switch (e.kind) {
    case BookingEventKind::Approved:
      return serviceName + " confirmed the booking";
    case BookingEventKind::Declined:
      return serviceName + " declined the booking";
    case BookingEventKind::Promoted:
      return "a place came free: " + serviceName + " moved the booking up from the waitlist";
    case BookingEventKind::Canceled:
      return serviceName + " canceled the booking (" + e.reason + ")";
    case BookingEventKind::Rescheduled:
    case BookingEventKind::SessionChanged:
      return serviceName + " moved the booking (" + e.reason + ")";
    default:
      return "";
  }
}

std::optional<Delivery> prepareDelivery(DavContext& ctx, const BookingEvent& e, bool copyDone) {
  auto booking = ctx.booking.desk.booking(e.bookingId);
  if (!booking || booking->customer.empty()) return std::nullopt;
  auto where = invitedObject(booking->clientHref);
  if (!where) return std::nullopt;
  Delivery d;
  d.owner = booking->customer;
  std::optional<domain::CollectionRecord> calendar;
  std::optional<domain::ObjectRecord> stored;
  ctx.store.read([&](domain::CalendarReader& store) {
    calendar = calendarOf(store, d.owner, where->first);
    if (calendar) stored = store.object(calendar->id, where->second, true);
  });
  if (!calendar || !stored || !stored->data) return std::nullopt;  // the organizer deleted it
  Invitation inv = readInvitation(ctx, d.owner, *stored->data);
  if (!inv.invitesService() || inv.serviceId != booking->serviceId || inv.uid != booking->clientUid)
    return std::nullopt;
  icalcomponent* master = masterOf(inv.calendar.get());
  if (!master) return std::nullopt;
  auto service = ctx.booking.catalog.service(booking->serviceId);
  const std::string serviceName = service ? service->name : booking->serviceId;

  ServiceAnswer answer = answerFor(*booking);
  const bool over = !domain::isActive(booking->status);
  const bool businessCanceled =
      over && e.kind == BookingEventKind::Canceled && e.by == domain::Party::Business;
  if (e.by == domain::Party::Business) answer.reason = causeSentence(e, serviceName);
  if (!over && booking->time.start != inv.start &&
      (!service || service->kind != domain::ServiceKind::Course)) {
    setUtc(master, "DTSTART", booking->time.start);
    setUtc(master, "DTEND", booking->time.end);
  }
  if (businessCanceled) {
    ical::removeProperties(master, "STATUS");
    icalcomponent_add_property(master, icalproperty_new_status(ICAL_STATUS_CANCELLED));
  }
  // The copy with the answer (the server's change keeps the organizer's Schedule-Tag, RFC 6638
  // §3.2.10), then the message made from it.
  std::string text = answeredText(ctx, inv, answer, scheduleTagOf(*stored->data).value_or(""));
  if (!copyDone && text != *stored->data) d.newCopy = prepareCalendarObject(text, *calendar);
  const std::string method = methodOf(e);
  if (!method.empty()) {
    d.message = itipMessage(ctx, masterOf(inv.calendar.get()), method, booking->serviceId, answer.reason);
    d.messageName = "itip-" + std::to_string(e.seq) + ".ics";
    d.messageUid = inv.uid;
  }
  d.copy = std::move(*stored);
  if (!d.newCopy && !d.message) return std::nullopt;
  return d;
}

void storeDeliveries(domain::UnitOfWork& unit, std::vector<Delivery>& deliveries, bool& stale) {
  domain::CalendarWriter& store = unit.calendars();
  for (auto& d : deliveries) {
    if (d.newCopy) {
      auto now = store.object(d.copy.collectionId, d.copy.name, false);
      if (!now || now->etag != d.copy.etag) {
        stale = true;  // the organizer changed it meanwhile: the caller makes the batch again
        return;
      }
    }
  }
  for (auto& d : deliveries) {
    if (d.newCopy) {
      domain::ObjectRecord r;
      r.collectionId = d.copy.collectionId;
      r.name = d.copy.name;
      r.contentType = d.copy.contentType;
      r.uid = d.newCopy->uid;
      r.componentType = d.newCopy->componentType;
      r.data = d.newCopy->text;
      r.etag = contentETag(*r.data);
      store.putObject(std::move(r), d.newCopy->index);
    }
    if (d.message) {
      auto inbox = store.collection(inboxPath(d.owner));
      if (!inbox) {
        domain::CollectionRecord c;
        c.path = inboxPath(d.owner);
        c.owner = d.owner;
        c.kind = domain::CollectionKind::Plain;
        c.displayName = "Inbox";
        inbox = store.createCollection(c);
      }
      domain::ObjectRecord m;
      m.collectionId = inbox->id;
      m.name = d.messageName;
      m.contentType = "text/calendar; charset=utf-8";
      m.uid = d.messageUid;
      m.componentType = "VEVENT";
      m.data = *d.message;
      m.etag = contentETag(*m.data);
      store.putObject(std::move(m), domain::InstanceIndex{});
    }
  }
}

}  // namespace

int deliverSchedulingMessages(DavContext& ctx) {
  int dealt = 0;
  for (int round = 0; round < 1000; ++round) {
    std::int64_t position = 0;
    std::vector<BookingEvent> events;
    ctx.booking.store.read([&](domain::BookingData& data) {
      position = data.consumed(kSchedulingConsumer);
      events = data.eventsAfter(position, kBatch);
    });
    if (events.empty()) return dealt;
    std::vector<Delivery> deliveries;
    std::map<domain::BookingId, bool> copyDone;  // one new copy per booking and batch: its latest state
    for (const auto& e : events) {
      if (auto d = prepareDelivery(ctx, e, copyDone[e.bookingId])) {
        if (d->newCopy) copyDone[e.bookingId] = true;
        deliveries.push_back(std::move(*d));
      }
    }
    bool stale = false;
    bool moved = false;
    ctx.transactions.write([&](domain::UnitOfWork& unit) {
      if (unit.booking().consumed(kSchedulingConsumer) != position) {
        moved = true;  // another request delivered these meanwhile
        return;
      }
      storeDeliveries(unit, deliveries, stale);
      if (stale) return;
      unit.booking().markConsumed(kSchedulingConsumer, events.back().seq);
    });
    if (stale) {
      // storeDeliveries returned before writing anything: nothing to roll back.
      continue;
    }
    if (!moved) dealt += static_cast<int>(events.size());
  }
  return dealt;
}

}  // namespace bookdav::caldav
