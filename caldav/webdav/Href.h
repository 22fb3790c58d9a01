// URL paths: percent-decoding what clients send, encoding what we send, and splitting into segments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bookdav::caldav {

// "%7Ea%20b" -> "~a b"; nullopt for malformed escapes or a result that is not one line of valid
// text (domain/text/ValidText.h: UTF-8, no NUL or other control character).
std::optional<std::string> percentDecode(std::string_view text);
// Encodes everything but unreserved characters and '/' (and sub-delims safe in paths).
std::string encodePath(std::string_view path);

// The path of a Destination header: an absolute URL ("http://host:8080/dav/x/") or an absolute
// path; decoded. nullopt when it is neither.
std::optional<std::string> destinationPath(std::string_view headerValue);

// Non-empty segments of a path: "/dav/calendars/alice/" -> {"dav", "calendars", "alice"}.
std::vector<std::string> pathSegments(std::string_view path);

// "/a/b/c/" -> "/a/b/"; "/a/b/c" -> "/a/b/"; "/" -> "/".
std::string parentPath(std::string_view path);
// Last segment without slashes: "/a/b/c/" -> "c".
std::string lastSegment(std::string_view path);
// Ensures a trailing slash.
std::string asCollectionPath(std::string_view path);

}  // namespace bookdav::caldav
