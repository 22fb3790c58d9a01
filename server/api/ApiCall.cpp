#include "server/api/ApiCall.h"

#include <Poco/URI.h>

#include "caldav/ical/IcalZoneRules.h"
#include "domain/text/ValidText.h"
#include "server/api/ApiError.h"

namespace bookdav::server::api {
namespace {

std::string decode(const std::string& text) {
  std::string out;
  try {
    Poco::URI::decode(text, out, false);
  } catch (const Poco::Exception&) {
    throw ApiError::invalid("", "the query string is not percent-encoded correctly");
  }
  if (auto fault = domain::findTextFault(out, domain::Controls::None))
    throw ApiError::invalid("", "the query string " + fault->problem + " once decoded");
  return out;
}

}  // namespace

ApiCall::ApiCall(const caldav::Request& request, Backend& backend, std::vector<std::string> rest)
    : request(request),
      backend(backend),
      caller(request.user, request.role, backend.booking.catalog),
      rest(std::move(rest)) {
  std::string_view q = request.query;
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name = decode(std::string(pair.substr(0, eq)));
    std::string value = eq == std::string_view::npos ? "" : decode(std::string(pair.substr(eq + 1)));
    if (!query_.emplace(name, value).second)
      throw ApiError::invalid(name, "the query parameter " + name + " is given twice");
  }
}

bool ApiCall::is(std::string_view method) const {
  return request.method == method || (method == "GET" && request.method == "HEAD");
}

void ApiCall::allow(std::initializer_list<std::string_view> methods) const {
  std::string list;
  for (std::string_view m : methods) {
    if (is(m)) return;
    list += (list.empty() ? "" : ", ") + std::string(m);
  }
  throw ApiError::methodNotAllowed(request.method, list);
}

JsonFields ApiCall::body() {
  if (body_.isEmpty()) body_ = parseJson(request.body);
  if (!isObject(body_)) throw ApiError::invalid("", "the body must be a JSON object ({...})");
  return JsonFields(body_, "");
}

JsonFields ApiCall::optionalBody() {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) body_ = parseJson("{}");
  return body();
}

std::optional<std::string> ApiCall::param(std::string_view name) {
  knownParams_.emplace(name);
  auto it = query_.find(name);
  if (it == query_.end()) return std::nullopt;
  return it->second;
}

std::optional<domain::Instant> ApiCall::instantParam(std::string_view name) {
  std::optional<std::string> text = param(name);
  if (!text) return std::nullopt;
  std::optional<domain::Instant> t = domain::parseRfc3339(*text);
  if (!t)
    throw ApiError::invalid(std::string(name), "the query parameter " + std::string(name) + "=" + *text +
                                                   " is not an RFC 3339 time such as 2026-12-01T00:00:00Z "
                                                   "(write a '+' offset as %2B)");
  return t;
}

void ApiCall::finishQuery() const {
  for (const auto& [name, value] : query_) {
    if (knownParams_.count(name)) continue;
    std::string list;
    for (const std::string& k : knownParams_) list += (list.empty() ? "" : ", ") + k;
    throw ApiError::invalid(name,
                            "unknown query parameter " + name +
                                (list.empty() ? " (this resource takes none)" : " (known: " + list + ")"));
  }
}

domain::Interval ApiCall::rangeParams(domain::Seconds defaultLength, domain::Seconds longest) {
  std::optional<domain::Instant> from = instantParam("from");
  std::optional<domain::Instant> to = instantParam("to");
  domain::Interval range;
  range.start = from.value_or(to ? *to - defaultLength : now());
  range.end = to.value_or(range.start + defaultLength);
  if (range.end <= range.start) throw ApiError::invalid("to", "to must be later than from");
  if (range.length() > longest)
    throw ApiError::invalid("to",
                            "ask for at most " + std::to_string(longest.count() / 86400) + " days at a time");
  return range;
}

domain::Instant ApiCall::now() const {
  return backend.clock.now();
}

const domain::ZoneRules& ApiCall::zones() const {
  return caldav::ical::IcalZoneRules::instance();
}

std::int64_t numericId(const std::string& segment, std::string_view what) {
  std::int64_t id = 0;
  bool ok = !segment.empty() && segment.size() <= 18;
  for (char c : segment) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) id = id * 10 + (c - '0');
  }
  if (!ok || id <= 0) throw ApiError::notFound("there is no " + std::string(what) + " " + segment);
  return id;
}

bool readForce(ApiCall& call, JsonFields& body) {
  const bool force = body.boolean("force").value_or(false);
  if (force) domain::require(call.caller.may().force(), "force a change over active bookings");
  return force;
}

}  // namespace bookdav::server::api
