// Writing JSON answers: objects that keep their keys in the order set, times as RFC 3339 text
// (UTC, or local with the zone's offset), and the HTTP response that carries a JSON body.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>
#include <vector>

#include "caldav/webdav/Message.h"
#include "domain/time/LocalTime.h"

namespace bookdav::server::api {

using JsonObject = Poco::JSON::Object::Ptr;
using JsonArray = Poco::JSON::Array::Ptr;

JsonObject newObject();
JsonArray newArray();
JsonArray stringArray(const std::vector<std::string>& values);

// Valid UTF-8 even when a stored string is not (it is repaired, see domain::repairText).
std::string stringify(const JsonObject& object, bool pretty = false);
caldav::Response jsonResponse(int status, const JsonObject& body);

// "2026-12-01T09:30:00Z".
std::string utcText(domain::Instant t);
// "2026-12-01T10:30:00+01:00": the instant as wall-clock time in the zone, with its offset.
std::string localText(const domain::ZoneRules& rules, std::string_view zone, domain::Instant t);
// "09:30", or "09:30:15" when there are seconds; "24:00" for the end of a day.
std::string timeOfDayText(domain::Seconds timeOfDay);

}  // namespace bookdav::server::api
