// /api/v1/bookings: create, list and get bookings; POST /bookings/{id}/cancel, /confirm, /decline and
// /reschedule. Customers book, see, cancel and move only their own bookings; staff also see the
// bookings of their resources; the business sees all, books for anyone, confirms and declines.
// Guests (no account, a public business) book as a contact and get the booking's manage token once;
// /bookings/manage/{token}[/cancel|/reschedule] reads and changes that one booking.
#include <algorithm>

#include "server/api/Agenda.h"
#include "server/api/ApiError.h"
#include "server/api/BookingJson.h"
#include "server/api/Endpoints.h"
#include "server/api/ManageToken.h"

namespace bookdav::server::api {
namespace {

JsonObject shown(ApiCall& call, const domain::Booking& b) {
  const int position =
      b.status == domain::BookingStatus::Waitlisted ? call.backend.booking.desk.waitlistPosition(b.id) : 0;
  return bookingJson(b, position, call.now());
}

std::optional<std::string> chosenResource(JsonFields& body) {
  std::optional<std::string> one = body.string("resourceId");
  std::optional<std::vector<std::string>> several = body.strings("resourceIds");
  if (one && several) body.fail("resourceIds", "give resourceId or resourceIds, not both");
  if (several && !several->empty()) return several->front();
  return one;
}

domain::Contact readContact(JsonFields& body) {
  domain::Contact c;
  if (std::optional<JsonFields> f = body.object("contact")) {
    c.name = f->string("name").value_or("");
    c.email = f->string("email").value_or("");
    c.phone = f->string("phone").value_or("");
    if (!c.email.empty() && c.email.find('@') == std::string::npos)
      f->fail("email", "is not an e-mail address");
    if (c.name.size() > 200) f->fail("name", "is longer than 200 characters");
    if (c.email.size() > 254) f->fail("email", "is longer than 254 characters");
    if (c.phone.size() > 40) f->fail("phone", "is longer than 40 characters");
    f->finish();
  }
  return c;
}

// 429 with Retry-After (the JSON shape of the sign-in throttle's answer).
caldav::Response tooMany(std::chrono::seconds wait, const std::string& what) {
  caldav::Response r = errorResponse(
      ApiError(429, "too-many-requests", what + "; try again in " + std::to_string(wait.count()) + " s"));
  r.set("Retry-After", std::to_string(wait.count()));
  return r;
}

caldav::Response create(ApiCall& call) {
  auto& engine = call.backend.booking;
  JsonFields body = call.body();
  if (call.caller.guest()) {
    std::string email;
    if (std::optional<JsonFields> contact = body.object("contact"))
      email = contact->string("email").value_or("");
    if (auto wait = call.guests->booking(call.request.clientAddress, email))
      return tooMany(*wait,
                     "too many bookings without an account from this address or for this e-mail address");
  }
  domain::BookingRequest r;
  r.serviceId = body.requiredString("serviceId");
  if (!engine.catalog.service(r.serviceId)) body.fail("serviceId", "there is no service " + r.serviceId);
  r.start = body.instant("start");
  if (auto id = body.integer("sessionId", 1, INT64_MAX)) r.sessionId = *id;
  if (!r.start && !r.sessionId)
    body.fail("start",
              "is required: the start of a slot (or give the sessionId of a class or course session)");
  r.resourceId = chosenResource(body);
  r.participants = static_cast<int>(body.integer("participants", 1, 1000).value_or(1));
  r.participantNames = body.strings("participantNames").value_or(std::vector<std::string>{});
  if (static_cast<int>(r.participantNames.size()) > r.participants)
    body.fail("participantNames", "names more people than participants");
  r.contact = readContact(body);
  r.note = body.text("note").value_or("");
  if (r.note.size() > 4000) body.fail("note", "is longer than 4000 characters");
  r.clientUid = body.string("uid").value_or("");
  if (r.clientUid.size() > 255) body.fail("uid", "is longer than 255 characters");
  std::optional<std::string> customer = body.string("customer");
  body.finish();
  if (call.caller.guest()) {
    if (r.contact.name.empty())
      throw ApiError::invalid("contact.name", "give your name to book without an account");
    if (r.contact.email.empty())
      throw ApiError::invalid("contact.email", "give your e-mail address to book without an account");
    r.manageToken = newManageToken();
  }

  if (call.caller.business()) {
    r.customer = customer.value_or("");
    if (!r.customer.empty() && !call.backend.accounts.find(r.customer))
      throw ApiError::invalid("customer", "there is no user " + r.customer);
    if (r.customer.empty() && r.contact.name.empty())
      throw ApiError::invalid("customer",
                              "say whom the booking is for: customer (a user name) or contact.name");
  } else if (customer) {
    domain::require(call.caller.may().bookFor(*customer), "book for someone else");
  }
  const std::string who = call.caller.business() ? r.customer : call.caller.user();
  // (a guest's "who" is empty: nothing is read from the accounts, so no answer tells which exist)
  if (!who.empty() && r.contact.name.empty() && r.contact.email.empty()) {
    if (std::optional<domain::Account> a = call.backend.accounts.find(who)) {
      r.contact.name = a->displayName.empty() ? a->name : a->displayName;
      r.contact.email = a->email;
    }
  }
  domain::Booking b = engine.desk.book(r, call.caller.actor());
  JsonObject shownBooking = shown(call, b);
  if (!r.manageToken.empty()) shownBooking->set("manageToken", r.manageToken);
  caldav::Response answer = jsonResponse(201, shownBooking);
  answer.set("Location", "/api/v1/bookings/" + std::to_string(b.id));
  return answer;
}

std::vector<domain::BookingStatus> statusesParam(const std::optional<std::string>& text) {
  std::vector<domain::BookingStatus> out;
  if (!text) return out;
  std::string rest = *text;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string word = rest.substr(0, comma);
    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
    if (word == "CANCELLED") word = "CANCELED";
    std::optional<domain::BookingStatus> s = domain::parseBookingStatus(word);
    if (!s)
      throw ApiError::invalid(
          "status", "status " + word + " is not one of CONFIRMED, PENDING, WAITLISTED, CANCELED, DECLINED");
    out.push_back(*s);
  }
  return out;
}

caldav::Response list(ApiCall& call) {
  domain::BookingFilter filter;
  filter.statuses = statusesParam(call.param("status"));
  filter.serviceId = call.param("serviceId");
  filter.resourceId = call.param("resourceId");
  filter.customer = call.param("customer");
  std::optional<domain::Instant> from = call.instantParam("from");
  std::optional<domain::Instant> to = call.instantParam("to");
  call.finishQuery();
  if (from || to) {
    filter.range = domain::Interval{from.value_or(domain::kAllTime.start), to.value_or(domain::kAllTime.end)};
    if (filter.range->empty()) throw ApiError::invalid("to", "to must be later than from");
  }
  Caller& caller = call.caller;
  if (!caller.business()) {
    if (filter.customer && *filter.customer != caller.user())
      throw ApiError::notAllowed("you see your own bookings only (customer=" + caller.user() + ")");
    if (filter.resourceId && !caller.ownsResource(*filter.resourceId))
      throw ApiError::notAllowed("you see the bookings of your own resources only");
  }
  JsonArray items = newArray();
  for (const domain::Booking& b : visibleBookings(call, filter)) items->add(shown(call, b));
  JsonObject o = newObject();
  o->set("bookings", items);
  return jsonResponse(200, o);
}

domain::RescheduleRequest readReschedule(ApiCall& call) {
  JsonFields body = call.body();
  domain::RescheduleRequest r;
  r.start = body.instant("start");
  if (auto s = body.integer("sessionId", 1, INT64_MAX)) r.sessionId = *s;
  if (!r.start && !r.sessionId)
    body.fail("start", "is required: the new start (or the sessionId of another session)");
  r.resourceId = chosenResource(body);
  body.finish();
  return r;
}

// /bookings/manage/{token}[/cancel|/reschedule]: the guest booking whose manage token this is. Only
// while the business is public; an unknown token answers 404 and counts against the address.
caldav::Response manage(ApiCall& call) {
  auto& desk = call.backend.booking.desk;
  call.finishQuery();
  if (!desk.publicBooking()) throw ApiError::notFound("there is nothing at " + call.request.path);
  if (auto wait = call.guests->lookup(call.request.clientAddress))
    return tooMany(*wait, "too many manage links that find no booking from this address");
  std::optional<domain::Booking> found;
  if (call.rest.size() >= 2 && looksLikeManageToken(call.rest[1]))
    found = desk.findByManageToken(call.rest[1]);
  if (!found) {
    call.guests->missed(call.request.clientAddress);
    throw ApiError::notFound("there is no booking with this manage link");
  }
  const domain::Actor guest = domain::Actor::guest(found->id);
  if (call.rest.size() == 2) {
    call.allow({"GET"});
    return jsonResponse(200, shown(call, *found));
  }
  if (call.rest.size() != 3 || (call.rest[2] != "cancel" && call.rest[2] != "reschedule"))
    throw ApiError::notFound("there is nothing at " + call.request.path +
                             "; a manage link has /cancel and /reschedule");
  call.allow({"POST"});
  if (call.rest[2] == "cancel") {
    call.optionalBody().finish();
    return jsonResponse(200, shown(call, desk.cancel(found->id, guest)));
  }
  return jsonResponse(200, shown(call, desk.reschedule(found->id, readReschedule(call), guest)));
}

caldav::Response act(ApiCall& call, domain::BookingId id, const std::string& action) {
  call.allow({"POST"});
  visibleBooking(call, id);  // 404 for a booking the caller may not see
  auto& desk = call.backend.booking.desk;
  const domain::Actor actor = call.caller.actor();
  domain::Booking b;
  if (action == "reschedule") {
    b = desk.reschedule(id, readReschedule(call), actor);
  } else {
    call.optionalBody().finish();
    if (action == "cancel") b = desk.cancel(id, actor);
    if (action == "confirm") b = desk.approve(id, actor);
    if (action == "decline") b = desk.decline(id, actor);
  }
  return jsonResponse(200, shown(call, b));
}

}  // namespace

caldav::Response bookingsEndpoint(ApiCall& call) {
  if (call.rest.empty()) {
    call.allow({"GET", "POST"});
    if (call.is("GET")) return list(call);
    call.finishQuery();
    return create(call);
  }
  if (call.rest[0] == "manage") return manage(call);
  const domain::BookingId id = numericId(call.rest[0], "booking");
  call.finishQuery();
  if (call.rest.size() == 1) {
    call.allow({"GET"});
    return jsonResponse(200, shown(call, visibleBooking(call, id)));
  }
  static const std::string kActions[] = {"cancel", "confirm", "decline", "reschedule"};
  if (call.rest.size() == 2 &&
      std::find(std::begin(kActions), std::end(kActions), call.rest[1]) != std::end(kActions))
    return act(call, id, call.rest[1]);
  throw ApiError::notFound("there is nothing at " + call.request.path +
                           "; a booking has /cancel, /confirm, /decline and /reschedule");
}

}  // namespace bookdav::server::api
