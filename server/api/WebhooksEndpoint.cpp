// /api/v1/webhooks (admins): endpoints that booking events are POSTed to, signed as Standard Webhooks.
// GET lists them; POST {"url", "events": ["booking.placed", ... | "*"]} registers one and answers its
// secret, once; GET/DELETE /{id}; POST /{id}/ping queues a "webhook.ping" call to it.
#include <Poco/URI.h>

#include "server/api/ApiError.h"
#include "server/api/Endpoints.h"
#include "server/api/JsonOutput.h"
#include "server/notify/NotificationConsumer.h"
#include "server/notify/WebhookSignature.h"

namespace bookdav::server::api {

using namespace bookdav::domain::notify;

namespace {

JsonObject endpointJson(const WebhookEndpoint& e) {
  JsonObject o = newObject();
  o->set("id", e.id);
  o->set("url", e.url);
  o->set("events", stringArray(e.eventTypes));
  o->set("created", utcText(e.created));
  return o;
}

WebhookEndpoint requireEndpoint(ApiCall& call, std::int64_t id) {
  std::optional<WebhookEndpoint> e;
  call.backend.notifications.read([&](NotificationRows& rows) { e = rows.endpoint(id); });
  if (!e) throw ApiError::notFound("there is no webhook endpoint " + std::to_string(id));
  return *e;
}

caldav::Response registerEndpoint(ApiCall& call) {
  JsonFields body = call.body();
  WebhookEndpoint e;
  e.url = body.nonEmptyString("url");
  try {
    Poco::URI uri(e.url);
    if ((uri.getScheme() != "http" && uri.getScheme() != "https") || uri.getHost().empty())
      body.fail("url", "is an http:// or https:// URL with a host, not " + e.url);
  } catch (const Poco::SyntaxException&) {
    body.fail("url", "is not a URL: " + e.url);
  }
  std::optional<std::vector<std::string>> types = body.strings("events");
  if (!types || types->empty())
    body.fail("events",
              "lists the event types to send, e.g. [\"booking.placed\", \"booking.canceled\"] or [\"*\"]");
  for (const std::string& t : *types) {
    if (!isWebhookEventType(t))
      body.fail("events",
                "\"" + t +
                    "\" is not an event type; they are booking.placed, booking.approved, booking.declined, "
                    "booking.promoted, booking.rescheduled, booking.canceled, booking.session-changed, or *");
  }
  body.finish();
  e.eventTypes = *types;
  e.secret = notify::newWebhookSecret();
  e.created = call.now();
  call.backend.notifications.write(
      [&](domain::BookingData&, NotificationRows& rows) { e.id = rows.addEndpoint(e); });
  JsonObject o = endpointJson(e);
  o->set("secret", e.secret);  // shown this once
  return jsonResponse(201, o);
}

}  // namespace

caldav::Response webhooksEndpoint(ApiCall& call) {
  if (!call.caller.business()) throw ApiError::notAllowed("only the business (admins) manages webhooks");
  call.finishQuery();
  if (call.rest.empty()) {
    call.allow({"GET", "POST"});
    if (call.is("POST")) return registerEndpoint(call);
    std::vector<WebhookEndpoint> all;
    call.backend.notifications.read([&](NotificationRows& rows) { all = rows.endpoints(); });
    JsonArray items = newArray();
    for (const WebhookEndpoint& e : all) items->add(endpointJson(e));
    JsonObject o = newObject();
    o->set("webhooks", items);
    return jsonResponse(200, o);
  }
  const std::int64_t id = numericId(call.rest[0], "webhook endpoint");
  if (call.rest.size() == 1) {
    call.allow({"GET", "DELETE"});
    WebhookEndpoint e = requireEndpoint(call, id);
    if (call.is("GET")) return jsonResponse(200, endpointJson(e));
    call.backend.notifications.write(
        [&](domain::BookingData&, NotificationRows& rows) { rows.removeEndpoint(id); });
    return caldav::Response::empty(204);
  }
  if (call.rest.size() == 2 && call.rest[1] == "ping") {
    call.allow({"POST"});
    WebhookEndpoint e = requireEndpoint(call, id);
    std::int64_t notification = 0;
    call.backend.notifications.write([&](domain::BookingData&, NotificationRows& rows) {
      notification = rows.insert(notify::webhookPing(e, call.now()));
    });
    JsonObject o = newObject();
    o->set("notificationId", notification);
    return jsonResponse(202, o);
  }
  throw ApiError::notFound("there is nothing at " + call.request.path);
}

}  // namespace bookdav::server::api
