#include "server/api/NotificationJson.h"

namespace bookdav::server::api {

using namespace bookdav::domain::notify;

JsonObject notificationJson(const Notification& n) {
  JsonObject o = newObject();
  o->set("id", n.id);
  o->set("channel", std::string(toString(n.channel)));
  o->set("audience", std::string(toString(n.audience)));
  o->set("recipient", n.recipient);
  o->set("kind", std::string(toString(n.kind)));
  if (n.bookingId)
    o->set("bookingId", n.bookingId);
  else
    o->set("bookingId", Poco::Dynamic::Var());
  o->set("sequence", n.sequence);
  o->set("subject", n.content.subject);
  o->set("state", std::string(toString(n.state)));
  o->set("attempts", n.attempts);
  o->set("due", utcText(n.due));
  o->set("lastError", n.lastError);
  if (n.sentAt)
    o->set("sentAt", utcText(*n.sentAt));
  else
    o->set("sentAt", Poco::Dynamic::Var());
  o->set("created", utcText(n.created));
  return o;
}

}  // namespace bookdav::server::api
