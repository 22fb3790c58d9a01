#include "server/api/JsonOutput.h"

#include <cstdio>
#include <sstream>

#include "domain/booking/LocalText.h"
#include "domain/text/ValidText.h"

namespace bookdav::server::api {

JsonObject newObject() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

JsonArray newArray() {
  return new Poco::JSON::Array();
}

JsonArray stringArray(const std::vector<std::string>& values) {
  JsonArray a = newArray();
  for (const std::string& v : values) a->add(v);
  return a;
}

std::string stringify(const JsonObject& object, bool pretty) {
  std::ostringstream out;
  object->stringify(out, pretty ? 2 : 0);
  // Poco escapes control characters but copies invalid UTF-8 as it is: text stored before bookdav
  // checked it is repaired rather than answered as invalid JSON.
  std::string json = out.str();
  if (!domain::isValidText(json, domain::Controls::TabAndNewlines))
    json = domain::repairText(json, domain::Controls::TabAndNewlines);
  return json;
}

caldav::Response jsonResponse(int status, const JsonObject& body) {
  caldav::Response r;
  r.status = status;
  r.body = stringify(body);
  r.body += '\n';
  r.set("Content-Type", "application/json; charset=utf-8");
  r.set("Cache-Control", "no-store");
  return r;
}

std::string utcText(domain::Instant t) {
  return domain::toRfc3339(t);
}

std::string localText(const domain::ZoneRules& rules, std::string_view zone, domain::Instant t) {
  const long long offset = rules.utcOffset(zone, t).count();
  const domain::LocalDateTime local = domain::toLocal(rules, zone, t);
  const long long a = offset < 0 ? -offset : offset;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  return domain::formatLocal(local) + buf;
}

std::string timeOfDayText(domain::Seconds timeOfDay) {
  const long long s = timeOfDay.count();
  char buf[64];
  if (s % 60)
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", s / 3600, s / 60 % 60);
  return buf;
}

}  // namespace bookdav::server::api
