// /api/v1/services: the services of the business; /services/{id}/schedule: a class or course
// schedule. Everyone reads; only the business writes.
#include "domain/notify/Reminders.h"
#include "server/api/ApiError.h"
#include "server/api/CatalogJson.h"
#include "server/api/Endpoints.h"
#include "server/api/TakenAddress.h"
#include "server/business/CatalogChanges.h"

namespace bookdav::server::api {
namespace {

// The service with its schedule and its reminder offsets (README, "Notifications").
JsonObject withSchedule(ApiCall& call, const domain::Service& s) {
  std::optional<domain::Schedule> schedule;
  if (s.kind != domain::ServiceKind::Appointment) schedule = call.backend.booking.timetable.schedule(s.id);
  JsonObject o = serviceJson(s, schedule);
  std::vector<domain::Seconds> reminders;
  call.backend.notifications.read(
      [&](domain::notify::NotificationRows& rows) { reminders = rows.reminderOffsets(s.id); });
  JsonArray list = newArray();
  for (domain::Seconds r : reminders) list->add(domain::toIsoDuration(r));
  o->set("reminders", list);
  return o;
}

domain::Service requireService(ApiCall& call, const std::string& id) {
  std::optional<domain::Service> s = call.backend.booking.catalog.service(id);
  if (!s) throw ApiError::notFound("there is no service " + id);
  return *s;
}

caldav::Response answer(ApiCall& call, const std::string& id, int status) {
  caldav::Response r = jsonResponse(status, withSchedule(call, requireService(call, id)));
  if (status == 201) r.set("Location", "/api/v1/services/" + id);
  return r;
}

caldav::Response store(ApiCall& call, const std::string& urlId, bool mustBeNew) {
  domain::require(call.caller.may().changeCatalog(), urlId.empty() ? "add services" : "change services");
  JsonFields body = call.body();
  const bool force = readForce(call, body);
  ServiceDefinition d = readService(body, "", urlId);
  d.force = force;
  if (mustBeNew && call.backend.booking.catalog.service(d.service.id))
    throw ApiError(409, "already-exists",
                   "there is a service " + d.service.id + " already; PUT /api/v1/services/" + d.service.id +
                       " replaces it",
                   "id");
  business::Outcome outcome = call.backend.booking.store.writing([&](domain::BookingData& data) {
    refuseTakenAddress(call.backend, data, "service:" + d.service.id, d.service.email);
    return business::putService(call.backend.booking, data, d);
  });
  if (d.reminders) {
    call.backend.notifications.write([&](domain::BookingData& data, domain::notify::NotificationRows& rows) {
      domain::notify::setServiceReminders(data, rows, d.service.id, *d.reminders);
    });
  }
  return answer(call, d.service.id, outcome == business::Outcome::Created ? 201 : 200);
}

caldav::Response schedule(ApiCall& call, const std::string& id) {
  call.allow({"GET", "PUT", "DELETE"});
  call.finishQuery();
  domain::Service service = requireService(call, id);
  auto& timetable = call.backend.booking.timetable;
  if (call.is("GET")) {
    std::optional<domain::Schedule> s = timetable.schedule(id);
    if (!s) throw ApiError::notFound("service " + id + " has no schedule");
    return jsonResponse(200, scheduleJson(*s));
  }
  domain::require(call.caller.may().changeCatalog(), "change schedules");
  if (call.is("DELETE")) {
    if (!timetable.schedule(id)) throw ApiError::notFound("service " + id + " has no schedule");
    domain::SessionSync sync = timetable.removeSchedule(id);
    JsonObject o = newObject();
    o->set("removedSessions", sync.removed);
    JsonArray canceled = newArray();
    for (domain::BookingId b : sync.canceledBookings) canceled->add(Poco::Int64(b));
    o->set("canceledBookings", canceled);
    return jsonResponse(200, o);
  }
  JsonFields body = call.body();
  ServiceDefinition d{service, {}, std::nullopt};
  d.force = readForce(call, body);
  d.schedule.kind = ScheduleUpdate::Kind::Set;
  d.schedule.schedule = readSchedule(body, id);
  if (service.kind == domain::ServiceKind::Appointment)
    throw ApiError::invalid("", "service " + id + " is an appointment: its sessions come from bookings");
  business::putService(call.backend.booking, d);
  return jsonResponse(200, scheduleJson(*timetable.schedule(id)));
}

}  // namespace

caldav::Response servicesEndpoint(ApiCall& call) {
  auto& catalog = call.backend.booking.catalog;
  if (call.rest.empty()) {
    call.allow({"GET", "POST"});
    call.finishQuery();
    if (call.is("POST")) return store(call, "", true);
    JsonArray list = newArray();
    for (const domain::Service& s : catalog.services()) list->add(withSchedule(call, s));
    JsonObject o = newObject();
    o->set("services", list);
    return jsonResponse(200, o);
  }
  const std::string& id = call.rest[0];
  if (call.rest.size() == 2 && call.rest[1] == "schedule") return schedule(call, id);
  if (call.rest.size() != 1) throw ApiError::notFound("there is nothing at " + call.request.path);
  call.allow({"GET", "PUT", "DELETE"});
  call.finishQuery();
  if (call.is("GET")) return answer(call, id, 200);
  if (call.is("PUT")) return store(call, id, false);
  domain::require(call.caller.may().changeCatalog(), "remove services");
  requireService(call, id);
  catalog.removeService(id);
  return caldav::Response::empty(204);
}

}  // namespace bookdav::server::api
