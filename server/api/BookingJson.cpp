#include "server/api/BookingJson.h"

#include "domain/booking/LocalText.h"
#include "server/api/CatalogJson.h"
#include "server/api/LocalTimeJson.h"

namespace bookdav::server::api {
namespace {

JsonArray idArray(const std::vector<std::int64_t>& ids) {
  JsonArray a = newArray();
  for (std::int64_t id : ids) a->add(Poco::Int64(id));
  return a;
}

}  // namespace

JsonObject sessionJson(const domain::Session& s, bool forBusiness) {
  JsonObject o = newObject();
  o->set("id", Poco::Int64(s.id));
  o->set("serviceId", s.serviceId.empty() ? JsonValue() : JsonValue(s.serviceId));
  o->set("kind", std::string(domain::toString(s.kind)));
  o->set("status", std::string(domain::toString(s.status)));
  o->set("start", utcText(s.time.start));
  o->set("end", utcText(s.time.end));
  o->set("resourceIds", stringArray(s.resourceIds));
  o->set("capacity", s.capacity);
  o->set("taken", s.taken);
  o->set("openSpots", s.placesLeft());
  o->set("waitlisted", s.waitlisted);
  o->set("locked", s.locked);
  if (forBusiness) o->set("lockNote", s.lockNote);
  o->set("title", s.title);
  // The occurrence of the schedule it is, written as schedule overrides name it ("2026-12-07T18:30").
  std::optional<domain::LocalDateTime> origin = s.origin ? domain::parseLocal(*s.origin) : std::nullopt;
  o->set("origin", origin     ? JsonValue(localDateTimeText(*origin))
                   : s.origin ? JsonValue(*s.origin)
                              : JsonValue());
  return o;
}

JsonObject slotJson(const domain::Slot& slot, const domain::ZoneRules& rules, std::string_view zone) {
  JsonObject o = newObject();
  o->set("start", utcText(slot.time.start));
  o->set("end", utcText(slot.time.end));
  o->set("resourceIds", stringArray(slot.resourceIds));
  o->set("openSpots", slot.openPlaces);
  o->set("totalSpots", slot.totalPlaces);
  o->set("bookable", slot.bookable);
  o->set("waitlist", slot.waitlist);
  o->set("needsApproval", slot.needsApproval);
  if (!slot.sessionIds.empty()) {
    o->set("sessionId", Poco::Int64(slot.sessionIds.front()));
    o->set("sessionIds", idArray(slot.sessionIds));
  }
  o->set("localStart", localText(rules, zone, slot.time.start));
  o->set("localEnd", localText(rules, zone, slot.time.end));
  if (slot.reason) o->set("reason", std::string(domain::refusalName(*slot.reason)));
  return o;
}

JsonObject bookingJson(const domain::Booking& b, int waitlistPosition, domain::Instant now) {
  JsonObject o = newObject();
  o->set("id", Poco::Int64(b.id));
  o->set("serviceId", b.serviceId);
  o->set("status", std::string(domain::toString(b.status)));
  o->set("start", utcText(b.time.start));
  o->set("end", utcText(b.time.end));
  o->set("sessionIds", idArray(b.sessionIds));
  o->set("resourceIds", stringArray(b.resourceIds));
  o->set("customer", b.customer.empty() ? JsonValue() : JsonValue(b.customer));
  JsonObject contact = newObject();
  contact->set("name", b.contact.name);
  contact->set("email", b.contact.email);
  contact->set("phone", b.contact.phone);
  o->set("contact", contact);
  o->set("participants", b.participants);
  o->set("participantNames", stringArray(b.participantNames));
  JsonObject price = newObject();
  price->set("amount", amountText(b.price.amountMinor));
  price->set("currency", b.price.currency);
  o->set("price", price);
  o->set("note", b.note);
  o->set("uid", b.clientUid.empty() ? JsonValue() : JsonValue(b.clientUid));
  if (b.status == domain::BookingStatus::Waitlisted) o->set("waitlistPosition", waitlistPosition);
  const domain::Instant from = domain::deadlineStart(b, now);
  o->set("cancellableUntil", utcText(from - b.policy.cancellationDeadline));
  o->set("reschedulableUntil", utcText(from - b.policy.rescheduleDeadline));
  o->set("created", utcText(b.created));
  o->set("updated", utcText(b.updated));
  return o;
}

}  // namespace bookdav::server::api
