#include "server/api/JsonInput.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <cmath>

#include "domain/booking/Ids.h"

namespace bookdav::server::api {
namespace {

std::string typeName(const JsonValue& v) {
  if (v.isEmpty()) return "null";
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) return "an object";
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) return "an array";
  if (v.type() == typeid(bool)) return "a boolean";
  if (v.isString()) return "a string";
  if (v.isNumeric()) return "a number";
  return "a value of another type";
}

[[noreturn]] void wrongType(const JsonValue& v, const std::string& path, std::string_view wanted) {
  throw InvalidInput(path, "must be " + std::string(wanted) + ", not " + typeName(v));
}

// Poco's parser messages quote the offending byte raw (even NUL or 0xFF), and a whole number of
// 100,000 digits: keep them printable and short.
std::string printable(const std::string& text) {
  constexpr size_t kMaxLength = 200;
  std::string out;
  for (char c : text.substr(0, kMaxLength)) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      out += c;
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  if (text.size() > kMaxLength) out += "...";
  return out;
}

// Poco's objects that keep their keys in order find a key by a linear search, so that one object
// of 100,000 keys took 17 s to read: the parse stops at the first object with too many.
class BoundedParseHandler : public Poco::JSON::ParseHandler {
 public:
  BoundedParseHandler() : ParseHandler(true) {}
  void startObject() override {
    keys_.push_back(0);
    ParseHandler::startObject();
  }
  void endObject() override {
    keys_.pop_back();
    ParseHandler::endObject();
  }
  void key(const std::string& k) override {
    if (!keys_.empty() && ++keys_.back() > kMaxJsonFields)
      throw InvalidInput("", "an object has more than " + std::to_string(kMaxJsonFields) + " fields");
    ParseHandler::key(k);
  }

 private:
  std::vector<size_t> keys_;  // of each open object
};

}  // namespace

JsonValue parseJson(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw InvalidInput("", "the body is empty; send a JSON object");
  if (auto fault = domain::findTextFault(text, domain::Controls::TabAndNewlines))
    throw InvalidInput("", "the body " + fault->problem + " at byte " + std::to_string(fault->offset));
  try {
    Poco::JSON::Parser parser(new BoundedParseHandler);
    parser.setDepth(kMaxJsonDepth);
    return parser.parse(std::string(text));
  } catch (const InvalidInput&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw InvalidInput("", "the body is not valid JSON: " + printable(e.displayText()));
  } catch (const std::exception& e) {
    throw InvalidInput("", "the body is not valid JSON: " + printable(e.what()));
  }
}

std::string childPath(const std::string& parent, std::string_view name) {
  return parent.empty() ? std::string(name) : parent + "." + std::string(name);
}

std::string elementPath(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

bool isObject(const JsonValue& value) {
  return !value.isEmpty() && value.type() == typeid(Poco::JSON::Object::Ptr);
}

std::string stringValue(const JsonValue& value, const std::string& path, domain::Controls allowed) {
  if (value.isEmpty() || !value.isString()) wrongType(value, path, "a string");
  std::string text = value.extract<std::string>();
  if (text.size() > kMaxJsonString)
    throw InvalidInput(path, "is longer than " + std::to_string(kMaxJsonString) + " bytes");
  if (auto fault = domain::findTextFault(text, allowed)) {
    std::string problem = fault->problem;
    if (allowed == domain::Controls::None) problem += " (line breaks and tabs are not allowed here either)";
    throw InvalidInput(path, problem);
  }
  return text;
}

std::vector<JsonValue> arrayValue(const JsonValue& value, const std::string& path) {
  if (value.isEmpty() || value.type() != typeid(Poco::JSON::Array::Ptr)) wrongType(value, path, "an array");
  const auto& a = value.extract<Poco::JSON::Array::Ptr>();
  std::vector<JsonValue> out;
  out.reserve(a->size());
  for (size_t i = 0; i < a->size(); ++i) out.push_back(a->get(static_cast<unsigned>(i)));
  return out;
}

JsonFields::JsonFields(const JsonValue& value, std::string path) : path_(std::move(path)) {
  if (!isObject(value)) wrongType(value, path_, "an object");
  object_ = value.extract<Poco::JSON::Object::Ptr>();
}

bool JsonFields::has(std::string_view name) const {
  return object_->has(std::string(name));
}

bool JsonFields::isNull(std::string_view name) const {
  return has(name) && object_->get(std::string(name)).isEmpty();
}

JsonValue JsonFields::take(std::string_view name) {
  known_.emplace(name);
  return object_->get(std::string(name));
}

JsonValue JsonFields::value(std::string_view name) {
  return take(name);
}

void JsonFields::fail(std::string_view name, const std::string& problem) const {
  throw InvalidInput(pathOf(name), problem);
}

std::string JsonFields::requiredString(std::string_view name) {
  std::optional<std::string> s = string(name);
  if (!s) fail(name, "is required");
  return *s;
}

std::string JsonFields::nonEmptyString(std::string_view name) {
  std::string s = requiredString(name);
  if (s.empty()) fail(name, "must not be empty");
  return s;
}

std::string JsonFields::id(std::string_view name, const std::string& fromUrl, std::string_view example) {
  std::optional<std::string> given = string(name);
  if (!fromUrl.empty() && given && *given != fromUrl)
    fail(name, "is \"" + *given + "\" but the URL names \"" + fromUrl + "\"");
  std::string id = fromUrl.empty() ? given.value_or("") : fromUrl;
  if (id.empty()) fail(name, "is required");
  if (!domain::isSlug(id)) {
    fail(name, "\"" + id + "\" is not an id: lower-case letters, digits and '-', at most 64, e.g. \"" +
                   std::string(example) + "\"");
  }
  return id;
}

std::string JsonFields::timeZone(std::string_view name, const std::string& fallback) {
  std::string zone = string(name).value_or(fallback);
  if (zone.empty()) fail(name, "is required (an IANA zone such as \"Europe/Madrid\")");
  return zone;
}

std::optional<std::string> JsonFields::string(std::string_view name) {
  JsonValue v = take(name);
  if (v.isEmpty()) return std::nullopt;
  return stringValue(v, pathOf(name));
}

std::optional<std::string> JsonFields::text(std::string_view name) {
  JsonValue v = take(name);
  if (v.isEmpty()) return std::nullopt;
  return stringValue(v, pathOf(name), domain::Controls::TabAndNewlines);
}

std::optional<std::int64_t> JsonFields::integer(std::string_view name, std::int64_t min, std::int64_t max) {
  JsonValue v = take(name);
  if (v.isEmpty()) return std::nullopt;
  if (v.type() == typeid(bool) || !v.isNumeric()) wrongType(v, pathOf(name), "a whole number");
  std::int64_t n = 0;
  if (v.isInteger()) {
    try {
      n = v.convert<std::int64_t>();
    } catch (const Poco::Exception&) {
      fail(name, "must lie between " + std::to_string(min) + " and " + std::to_string(max));
    }
  } else {
    double d = v.convert<double>();
    if (!std::isfinite(d) || d != std::floor(d)) fail(name, "must be a whole number");
    if (d < static_cast<double>(min) || d > static_cast<double>(max))
      fail(name, "must lie between " + std::to_string(min) + " and " + std::to_string(max));
    n = static_cast<std::int64_t>(d);
  }
  if (n < min || n > max)
    fail(name, "must lie between " + std::to_string(min) + " and " + std::to_string(max));
  return n;
}

std::optional<bool> JsonFields::boolean(std::string_view name) {
  JsonValue v = take(name);
  if (v.isEmpty()) return std::nullopt;
  if (v.type() != typeid(bool)) wrongType(v, pathOf(name), "true or false");
  return v.extract<bool>();
}

std::optional<domain::Seconds> JsonFields::duration(std::string_view name, domain::Seconds min,
                                                    domain::Seconds max) {
  std::optional<std::string> text = string(name);
  if (!text) return std::nullopt;
  std::optional<domain::Seconds> d = domain::parseIsoDuration(*text);
  if (!d)
    fail(name, "\"" + *text + "\" is not an ISO 8601 duration such as \"PT30M\", \"PT1H30M\" or \"P2D\"");
  if (*d < min || *d > max)
    fail(name, "must lie between " + domain::toIsoDuration(min) + " and " + domain::toIsoDuration(max));
  return d;
}

std::optional<domain::Instant> JsonFields::instant(std::string_view name) {
  std::optional<std::string> text = string(name);
  if (!text) return std::nullopt;
  std::optional<domain::Instant> t = domain::parseRfc3339(*text);
  if (!t)
    fail(name,
         "\"" + *text +
             "\" is not an RFC 3339 time such as \"2026-12-01T10:30:00Z\" or \"2026-12-01T11:30:00+01:00\"");
  return t;
}

std::optional<std::vector<std::string>> JsonFields::strings(std::string_view name) {
  std::optional<std::vector<JsonValue>> values = array(name);
  if (!values) return std::nullopt;
  std::vector<std::string> out;
  for (size_t i = 0; i < values->size(); ++i)
    out.push_back(stringValue((*values)[i], elementPath(pathOf(name), i)));
  return out;
}

std::optional<std::vector<JsonValue>> JsonFields::array(std::string_view name) {
  JsonValue v = take(name);
  if (v.isEmpty()) return std::nullopt;
  return arrayValue(v, pathOf(name));
}

std::optional<JsonFields> JsonFields::object(std::string_view name) {
  JsonValue v = take(name);
  if (v.isEmpty()) return std::nullopt;
  return JsonFields(v, pathOf(name));
}

void JsonFields::finish() const {
  for (const std::string& n : object_->getNames()) {
    if (known_.count(n)) continue;
    std::string list;
    for (const std::string& k : known_) list += (list.empty() ? "" : ", ") + k;
    throw InvalidInput(pathOf(n), "unknown field (the fields here are: " + list + ")");
  }
}

}  // namespace bookdav::server::api
