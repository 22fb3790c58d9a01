// `bookdav notifications list [--state queued|sent|dead|superseded] [--limit N] [--json] [--data DIR]` and
// `bookdav notifications retry ID [--data DIR]`: the outbox for admins on the server's machine
// (README, "Notifications"), the same as GET /api/v1/notifications and POST .../{id}/retry.
#include <iostream>

#include "server/Backend.h"
#include "server/api/JsonOutput.h"
#include "server/api/NotificationJson.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"

namespace bookdav::server {

using namespace bookdav::domain::notify;

namespace {

constexpr const char* kUsage =
    "bookdav notifications list [--state queued|sent|dead|superseded] [--limit N] [--json] [--data DIR]\n"
    "       bookdav notifications retry ID [--data DIR]";

int list(const Arguments& a) {
  std::optional<NotificationState> state;
  if (auto s = a.option("state")) {
    state = parseNotificationState(*s);
    if (!state) throw UsageError("--state is queued, sent, dead or superseded, not " + *s);
  }
  std::size_t limit = 100;
  if (auto l = a.option("limit")) {
    try {
      limit = std::stoul(*l);
    } catch (const std::exception&) {
      limit = 0;
    }
    if (limit == 0 || std::to_string(limit) != *l)
      throw UsageError("--limit wants a positive number, not " + *l);
  }
  Backend backend(storageLocation(a));
  std::vector<Notification> found;
  backend.notifications.read([&](NotificationRows& rows) { found = rows.list(state, limit); });
  if (a.flag("json")) {
    api::JsonArray items = api::newArray();
    for (const Notification& n : found) items->add(api::notificationJson(n));
    api::JsonObject o = api::newObject();
    o->set("notifications", items);
    std::cout << api::stringify(o, true) << "\n";
    return 0;
  }
  for (const Notification& n : found) {
    std::cout << n.id << "  " << toString(n.state) << "  " << toString(n.channel) << "  " << n.recipient
              << "  " << toString(n.kind);
    if (n.bookingId) std::cout << "  booking " << n.bookingId;
    std::cout << "  tries " << n.attempts;
    if (!n.lastError.empty()) std::cout << "  last error: " << n.lastError;
    std::cout << "\n";
  }
  if (found.empty())
    std::cerr << "no notifications" << (state ? " " + std::string(toString(*state)) : "") << "\n";
  return 0;
}

int retry(const Arguments& a) {
  if (a.positional().size() != 2) throw UsageError(kUsage);
  std::int64_t id = 0;
  try {
    id = std::stoll(a.positional()[1]);
  } catch (const std::exception&) {
  }
  if (id <= 0 || std::to_string(id) != a.positional()[1])
    throw UsageError("a notification id is a positive number, not " + a.positional()[1]);
  Backend backend(storageLocation(a));
  std::optional<Notification> n;
  bool requeued = false;
  backend.notifications.write([&](domain::BookingData&, NotificationRows& rows) {
    n = rows.find(id);
    requeued = n && rows.requeue(id, backend.clock.now());
  });
  if (!n) {
    std::cerr << "bookdav: there is no notification " << id << "\n";
    return 1;
  }
  if (!requeued) {
    std::cerr << "bookdav: notification " << id << " is " << toString(n->state)
              << "; only a dead one is retried\n";
    return 1;
  }
  std::cout << "notification " << id << " queued again\n";
  return 0;
}

}  // namespace

int notificationsCommand(const std::vector<std::string>& args) {
  Arguments a(args, {"json"});
  a.allowOnly({"data", "database", "state", "limit", "json"});
  if (a.positional().empty()) throw UsageError(kUsage);
  const std::string& verb = a.positional()[0];
  if (verb == "list" && a.positional().size() == 1) return list(a);
  if (verb == "retry") {
    if (a.option("state") || a.option("limit") || a.flag("json")) throw UsageError(kUsage);
    return retry(a);
  }
  throw UsageError(kUsage);
}

}  // namespace bookdav::server
