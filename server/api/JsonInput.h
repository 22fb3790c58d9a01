// Reading JSON input: the parser (Poco::JSON, with its exceptions turned into InvalidInput) and
// JsonFields, the typed, range-checked fields of one object. Every error names the JSON path of the
// bad value ("services[2].policy.minimumNotice"); fields nobody read are reported as unknown.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/text/ValidText.h"
#include "domain/time/Instant.h"

namespace bookdav::server::api {

using JsonValue = Poco::Dynamic::Var;

// Input that is not what was asked for. what() is "path: problem" (just the problem at the top).
class InvalidInput : public std::runtime_error {
 public:
  InvalidInput(std::string path, const std::string& problem)
      : std::runtime_error(path.empty() ? problem : path + ": " + problem),
        path_(std::move(path)),
        problem_(problem) {}
  const std::string& path() const { return path_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string path_;
  std::string problem_;
};

// Limits of JSON input (bodies are also capped in bytes, 1 MiB over HTTP): nesting, fields of one
// object, and the bytes of one string.
inline constexpr int kMaxJsonDepth = 64;
inline constexpr size_t kMaxJsonFields = 1000;
inline constexpr size_t kMaxJsonString = 65536;

// The JSON text as a value; throws InvalidInput("", "... is not valid JSON ...") or naming the
// limit the text exceeds.
JsonValue parseJson(std::string_view text);

// "a" + "b" -> "a.b"; "" + "b" -> "b"; "a" + 2 -> "a[2]".
std::string childPath(const std::string& parent, std::string_view name);
std::string elementPath(const std::string& parent, size_t index);

// Typed reads of single values at `path`. Strings must be valid text (domain/text/ValidText.h) of
// at most kMaxJsonString bytes; one line unless `allowed` says otherwise.
std::string stringValue(const JsonValue& value, const std::string& path,
                        domain::Controls allowed = domain::Controls::None);
std::vector<JsonValue> arrayValue(const JsonValue& value, const std::string& path);
bool isObject(const JsonValue& value);

class JsonFields {
 public:
  // Throws InvalidInput when the value is not an object.
  JsonFields(const JsonValue& value, std::string path);

  const std::string& path() const { return path_; }
  std::string pathOf(std::string_view name) const { return childPath(path_, name); }
  bool has(std::string_view name) const;     // present, null included
  bool isNull(std::string_view name) const;  // present and null

  // Optional reads return nullopt when the field is absent or null; each read marks the field known.
  // Strings are one line of valid text; text() may also hold tabs and line breaks (notes).
  std::string requiredString(std::string_view name);
  std::optional<std::string> string(std::string_view name);
  std::optional<std::string> text(std::string_view name);
  // A required string that must not be empty.
  std::string nonEmptyString(std::string_view name);
  // An id (domain::isSlug): the one the URL names when fromUrl is not empty (the field may repeat
  // it), else the required field. `example` shows a good id in the error sentence.
  std::string id(std::string_view name, const std::string& fromUrl, std::string_view example);
  // An IANA zone name, `fallback` when absent; required when fallback is empty.
  std::string timeZone(std::string_view name, const std::string& fallback);
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(std::string_view name);
  // ISO 8601 ("PT30M", "P1D"), within [min, max].
  std::optional<domain::Seconds> duration(std::string_view name, domain::Seconds min, domain::Seconds max);
  // RFC 3339 with "Z" or an offset.
  std::optional<domain::Instant> instant(std::string_view name);
  std::optional<std::vector<std::string>> strings(std::string_view name);
  std::optional<std::vector<JsonValue>> array(std::string_view name);
  std::optional<JsonFields> object(std::string_view name);
  // The raw value (empty when absent), marked known.
  JsonValue value(std::string_view name);

  [[noreturn]] void fail(std::string_view name, const std::string& problem) const;
  // Throws InvalidInput naming the fields that no read asked for.
  void finish() const;

 private:
  JsonValue take(std::string_view name);

  Poco::JSON::Object::Ptr object_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace bookdav::server::api
