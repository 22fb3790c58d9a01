// POST /api/v1/availability/query: the bookable slots of a service in a range, with open and total
// places (DESIGN.md, "JSON API"); the same slots CalDAV free-busy answers as FREE periods.
#include "server/api/ApiError.h"
#include "server/api/BookingJson.h"
#include "server/api/Endpoints.h"

namespace bookdav::server::api {

caldav::Response availabilityEndpoint(ApiCall& call) {
  if (call.rest.size() != 1 || call.rest[0] != "query")
    throw ApiError::notFound("there is nothing at " + call.request.path +
                             "; ask POST /api/v1/availability/query");
  call.allow({"POST"});
  call.finishQuery();
  auto& engine = call.backend.booking;
  JsonFields body = call.body();
  domain::SlotQuery q;
  q.serviceId = body.requiredString("serviceId");
  std::optional<domain::Service> service = engine.catalog.service(q.serviceId);
  if (!service) throw ApiError::notFound("there is no service " + q.serviceId);
  std::optional<domain::Instant> from = body.instant("from");
  std::optional<domain::Instant> to = body.instant("to");
  if (!from) body.fail("from", "is required (RFC 3339, e.g. \"2026-12-01T00:00:00Z\")");
  if (!to) body.fail("to", "is required (RFC 3339, e.g. \"2026-12-08T00:00:00Z\")");
  if (*to <= *from) body.fail("to", "must be later than from");
  if (*to - *from > std::chrono::days{400}) body.fail("to", "ask for at most 400 days at a time");
  q.range = {*from, *to};
  std::string zone = body.string("timezone").value_or(service->timeZone);
  if (!call.zones().knows(zone))
    body.fail("timezone", "\"" + zone + "\" is not an IANA time zone such as \"Europe/Madrid\"");
  q.resourceIds = body.strings("resourceIds").value_or(std::vector<std::string>{});
  for (size_t i = 0; i < q.resourceIds.size(); ++i)
    if (!engine.catalog.resource(q.resourceIds[i]))
      throw InvalidInput(elementPath("resourceIds", i), "there is no resource " + q.resourceIds[i]);
  q.includeUnbookable = body.boolean("includeUnbookable").value_or(false);
  body.finish();

  JsonArray slots = newArray();
  for (const domain::Slot& s : engine.desk.slots(q)) slots->add(slotJson(s, call.zones(), zone));
  JsonObject o = newObject();
  o->set("serviceId", q.serviceId);
  o->set("from", utcText(q.range.start));
  o->set("to", utcText(q.range.end));
  o->set("timezone", zone);
  o->set("slots", slots);
  return jsonResponse(200, o);
}

}  // namespace bookdav::server::api
