// /api/v1/resources: staff, rooms and equipment with their working hours;
// /resources/{id}/working-hours: just the hours. Everyone reads; only the business writes.
#include "server/api/ApiError.h"
#include "server/api/CatalogJson.h"
#include "server/api/Endpoints.h"
#include "server/api/TakenAddress.h"
#include "server/business/CatalogChanges.h"

namespace bookdav::server::api {
namespace {

domain::Resource requireResource(ApiCall& call, const std::string& id) {
  std::optional<domain::Resource> r = call.backend.booking.catalog.resource(id);
  if (!r) throw ApiError::notFound("there is no resource " + id);
  return *r;
}

JsonObject shown(ApiCall& call, const domain::Resource& r) {
  return resourceJson(r, call.caller.role() != domain::Role::Customer);
}

caldav::Response store(ApiCall& call, const std::string& urlId, bool mustBeNew) {
  domain::require(call.caller.may().changeCatalog(), urlId.empty() ? "add resources" : "change resources");
  JsonFields body = call.body();
  const bool force = readForce(call, body);
  domain::Resource r = readResource(body, "", urlId);
  if (mustBeNew && call.backend.booking.catalog.resource(r.id))
    throw ApiError(409, "already-exists",
                   "there is a resource " + r.id + " already; PUT /api/v1/resources/" + r.id + " replaces it",
                   "id");
  business::Outcome outcome = call.backend.booking.store.writing([&](domain::BookingData& data) {
    refuseTakenAddress(call.backend, data, "resource:" + r.id, r.email);
    return business::putResource(call.backend.booking, data, r, force);
  });
  const int status = outcome == business::Outcome::Created ? 201 : 200;
  caldav::Response answer = jsonResponse(status, shown(call, requireResource(call, r.id)));
  if (status == 201) answer.set("Location", "/api/v1/resources/" + r.id);
  return answer;
}

caldav::Response workingHours(ApiCall& call, const std::string& id) {
  call.allow({"GET", "PUT"});
  call.finishQuery();
  domain::Resource r = requireResource(call, id);
  if (call.is("PUT")) {
    domain::require(call.caller.may().changeWorkingHours(id), "change working hours");
    JsonFields body = call.body();
    const bool force = readForce(call, body);
    // One transaction that changes only the hours: a concurrent change of the resource stays.
    call.backend.booking.catalog.setWorkingHours(id, readWorkingHours(body), force);
    r = requireResource(call, id);
  }
  return jsonResponse(200, workingHoursJson(r.hours));
}

}  // namespace

caldav::Response resourcesEndpoint(ApiCall& call) {
  auto& catalog = call.backend.booking.catalog;
  if (call.rest.empty()) {
    call.allow({"GET", "POST"});
    call.finishQuery();
    if (call.is("POST")) return store(call, "", true);
    JsonArray list = newArray();
    for (const domain::Resource& r : catalog.resources()) list->add(shown(call, r));
    JsonObject o = newObject();
    o->set("resources", list);
    return jsonResponse(200, o);
  }
  const std::string& id = call.rest[0];
  if (call.rest.size() == 2 && call.rest[1] == "working-hours") return workingHours(call, id);
  if (call.rest.size() != 1) throw ApiError::notFound("there is nothing at " + call.request.path);
  call.allow({"GET", "PUT", "DELETE"});
  call.finishQuery();
  if (call.is("GET")) return jsonResponse(200, shown(call, requireResource(call, id)));
  if (call.is("PUT")) return store(call, id, false);
  domain::require(call.caller.may().changeCatalog(), "remove resources");
  requireResource(call, id);
  catalog.removeResource(id);
  return caldav::Response::empty(204);
}

}  // namespace bookdav::server::api
