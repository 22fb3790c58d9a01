// /api/v1/notifications (admins): the outbox. GET lists the newest first (?state=queued|sent|dead,
// ?limit=1..1000, default 100); GET /{id} shows one; POST /{id}/retry queues a dead one again.
#include "server/api/ApiError.h"
#include "server/api/Endpoints.h"
#include "server/api/NotificationJson.h"

namespace bookdav::server::api {

using namespace bookdav::domain::notify;

namespace {

constexpr std::size_t kDefaultLimit = 100;
constexpr std::size_t kMaxLimit = 1000;

Notification requireNotification(ApiCall& call, std::int64_t id) {
  std::optional<Notification> n;
  call.backend.notifications.read([&](NotificationRows& rows) { n = rows.find(id); });
  if (!n) throw ApiError::notFound("there is no notification " + std::to_string(id));
  return *n;
}

caldav::Response list(ApiCall& call) {
  std::optional<NotificationState> state;
  if (auto s = call.param("state")) {
    state = parseNotificationState(*s);
    if (!state) throw ApiError::invalid("state", "state is queued, sent, dead or superseded, not " + *s);
  }
  std::size_t limit = kDefaultLimit;
  if (auto l = call.param("limit")) {
    std::size_t n = 0;
    try {
      n = std::stoul(*l);
    } catch (const std::exception&) {
    }
    if (n < 1 || n > kMaxLimit || std::to_string(n) != *l)
      throw ApiError::invalid("limit", "limit is a whole number from 1 to " + std::to_string(kMaxLimit));
    limit = n;
  }
  call.finishQuery();
  std::vector<Notification> found;
  call.backend.notifications.read([&](NotificationRows& rows) { found = rows.list(state, limit); });
  JsonArray items = newArray();
  for (const Notification& n : found) items->add(notificationJson(n));
  JsonObject o = newObject();
  o->set("notifications", items);
  return jsonResponse(200, o);
}

}  // namespace

caldav::Response notificationsEndpoint(ApiCall& call) {
  if (!call.caller.business())
    throw ApiError::notAllowed("only the business (admins) sees the notifications");
  if (call.rest.empty()) {
    call.allow({"GET"});
    return list(call);
  }
  const std::int64_t id = numericId(call.rest[0], "notification");
  if (call.rest.size() == 1) {
    call.allow({"GET"});
    call.finishQuery();
    return jsonResponse(200, notificationJson(requireNotification(call, id)));
  }
  if (call.rest.size() == 2 && call.rest[1] == "retry") {
    call.allow({"POST"});
    call.finishQuery();
    Notification n = requireNotification(call, id);
    bool requeued = false;
    call.backend.notifications.write(
        [&](domain::BookingData&, NotificationRows& rows) { requeued = rows.requeue(id, call.now()); });
    if (!requeued)
      throw ApiError(409, "not-dead",
                     "notification " + std::to_string(id) + " is " + std::string(toString(n.state)) +
                         "; only a dead one is retried");
    return jsonResponse(200, notificationJson(requireNotification(call, id)));
  }
  throw ApiError::notFound("there is nothing at " + call.request.path);
}

}  // namespace bookdav::server::api
