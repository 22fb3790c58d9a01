// /api/v1/sessions: the occupied periods of the timetable (class meetings, course meetings,
// appointments, time off). Everyone lists what they may see (Caller.h); the business adds one-off
// class sessions and time off, moves, resizes, locks and cancels sessions.
#include "server/api/Agenda.h"
#include "server/api/ApiError.h"
#include "server/api/BookingJson.h"
#include "server/api/Endpoints.h"

namespace bookdav::server::api {
namespace {

constexpr domain::Seconds kDefaultRange = std::chrono::days{7};
constexpr domain::Seconds kLongestRange = std::chrono::days{400};

std::vector<std::string> resourceIds(JsonFields& body, ApiCall& call) {
  std::vector<std::string> ids = body.strings("resourceIds").value_or(std::vector<std::string>{});
  for (size_t i = 0; i < ids.size(); ++i)
    if (!call.backend.booking.catalog.resource(ids[i]))
      throw InvalidInput(elementPath("resourceIds", i), "there is no resource " + ids[i]);
  return ids;
}

caldav::Response list(ApiCall& call) {
  domain::Interval range = call.rangeParams(kDefaultRange, kLongestRange);
  std::optional<std::string> service = call.param("serviceId");
  std::optional<std::string> resource = call.param("resourceId");
  std::optional<std::string> canceled = call.param("includeCanceled");
  call.finishQuery();
  if (canceled && *canceled != "true" && *canceled != "false")
    throw ApiError::invalid("includeCanceled", "includeCanceled is true or false");
  JsonArray items = newArray();
  for (const domain::Session& s : visibleSessions(call, range, service, resource, canceled == "true"))
    items->add(sessionJson(s, call.caller.business()));
  JsonObject o = newObject();
  o->set("from", utcText(range.start));
  o->set("to", utcText(range.end));
  o->set("sessions", items);
  return jsonResponse(200, o);
}

caldav::Response create(ApiCall& call) {
  domain::Permissions may = call.caller.may();
  domain::require(may.changeSessions() || !call.caller.ownResources().empty(), "add sessions");
  auto& engine = call.backend.booking;
  JsonFields body = call.body();
  domain::NewSession s;
  s.serviceId = body.string("serviceId").value_or("");
  std::string kind = body.string("kind").value_or(s.serviceId.empty() ? "time-off" : "class");
  if (kind != "class" && kind != "time-off")
    body.fail("kind",
              "is class (a one-off meeting of a class) or time-off (a resource is away); "
              "appointments come from bookings and course meetings from the course's schedule");
  s.kind = kind == "class" ? domain::SessionKind::Class : domain::SessionKind::TimeOff;
  std::optional<domain::Service> service;
  if (!s.serviceId.empty()) {
    service = engine.catalog.service(s.serviceId);
    if (!service) body.fail("serviceId", "there is no service " + s.serviceId);
  }
  if (s.kind == domain::SessionKind::Class && !service)
    body.fail("serviceId", "is required for a class session");
  if (s.kind == domain::SessionKind::TimeOff && service)
    body.fail("serviceId", "time off belongs to resources, not to a service");
  std::optional<domain::Instant> start = body.instant("start");
  if (!start) body.fail("start", "is required");
  std::optional<domain::Instant> end = body.instant("end");
  if (!end && !service) body.fail("end", "is required");
  s.time = {*start, end.value_or(*start + (service ? service->duration : domain::Seconds{0}))};
  if (s.time.empty()) body.fail("end", "must be later than start");
  s.resourceIds = resourceIds(body, call);
  s.capacity = static_cast<int>(body.integer("capacity", 1, 100000).value_or(0));
  s.title = body.string("title").value_or("");
  s.locked = body.boolean("locked").value_or(false);
  s.lockNote = body.text("lockNote").value_or("");
  s.force = body.boolean("force").value_or(false);
  body.finish();
  if (s.force) domain::require(may.force(), "force a change over active bookings");
  if (s.kind == domain::SessionKind::TimeOff)
    domain::require(may.changeTimeOff(s.resourceIds), "add time off on resources other than your own");
  else
    domain::require(may.changeSessions(), "add class sessions");
  domain::Session made = engine.timetable.createSession(s);
  caldav::Response r = jsonResponse(201, sessionJson(made, true));
  r.set("Location", "/api/v1/sessions/" + std::to_string(made.id));
  return r;
}

caldav::Response change(ApiCall& call, domain::Session session) {
  domain::Permissions may = call.caller.may();
  domain::require(may.changeSession(session), "change this session");
  auto& timetable = call.backend.booking.timetable;
  JsonFields body = call.body();
  domain::SessionChange c;
  std::optional<domain::Instant> start = body.instant("start");
  std::optional<domain::Instant> end = body.instant("end");
  if (start || end) {
    domain::Instant s = start.value_or(session.time.start);
    domain::Instant e = end.value_or(s + session.time.length());
    if (e <= s) body.fail("end", "must be later than start");
    c.time = domain::Interval{s, e};
  }
  if (body.has("resourceIds")) c.resourceIds = resourceIds(body, call);
  if (auto capacity = body.integer("capacity", 1, 100000)) c.capacity = static_cast<int>(*capacity);
  c.title = body.string("title");
  std::optional<bool> locked = body.boolean("locked");
  std::optional<std::string> note = body.text("lockNote");
  c.force = body.boolean("force").value_or(false);
  body.finish();
  if (c.force) domain::require(may.force(), "force a change over active bookings");
  if (c.resourceIds && session.kind == domain::SessionKind::TimeOff)
    domain::require(may.changeTimeOff(*c.resourceIds), "move time off onto resources other than your own");
  if (locked || note) domain::require(may.changeSessions(), "lock sessions");
  // One transaction: a refused lock leaves the other changes undone too.
  domain::Session out = call.backend.booking.store.writing([&](domain::BookingData& data) {
    domain::Session s = session;
    if (c.time || c.resourceIds || c.capacity || c.title) s = timetable.updateSession(data, session.id, c);
    if (locked) {
      s = timetable.setLock(data, session.id, *locked, *locked ? note.value_or(session.lockNote) : "");
    } else if (note && session.locked) {
      s = timetable.setLock(data, session.id, true, *note);
    }
    return s;
  });
  return jsonResponse(200, sessionJson(out, true));
}

}  // namespace

caldav::Response sessionsEndpoint(ApiCall& call) {
  if (call.rest.empty()) {
    call.allow({"GET", "POST"});
    if (call.is("GET")) return list(call);
    call.finishQuery();
    return create(call);
  }
  if (call.rest.size() != 1) throw ApiError::notFound("there is nothing at " + call.request.path);
  call.allow({"GET", "PATCH", "DELETE"});
  call.finishQuery();
  const domain::SessionId id = numericId(call.rest[0], "session");
  std::optional<domain::Session> s = call.backend.booking.timetable.session(id);
  if (!s || !call.caller.canSee(*s)) throw ApiError::notFound("there is no session " + call.rest[0]);
  if (call.is("GET")) return jsonResponse(200, sessionJson(*s, call.caller.business()));
  if (call.is("PATCH")) return change(call, *s);
  domain::require(call.caller.may().changeSession(*s), "cancel this session");
  domain::SessionSync sync = call.backend.booking.timetable.cancelSession(id);
  JsonObject o = newObject();
  o->set("id", Poco::Int64(id));
  std::optional<domain::Session> after = call.backend.booking.timetable.session(id);
  o->set("status", after ? std::string(domain::toString(after->status)) : std::string("deleted"));
  JsonArray canceled = newArray();
  for (domain::BookingId b : sync.canceledBookings) canceled->add(Poco::Int64(b));
  o->set("canceledBookings", canceled);
  return jsonResponse(200, o);
}

}  // namespace bookdav::server::api
