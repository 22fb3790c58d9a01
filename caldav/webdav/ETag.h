// Strong entity tags and the conditional headers that use them (RFC 9110 13.1, RFC 4918 10.4 for
// the plain-tag parts of If): If-Match, If-None-Match, and the 412/304 answers they lead to.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "caldav/webdav/Message.h"

namespace bookdav::caldav {

// A strong ETag of content: a quoted 64-bit FNV-1a digest in hex, stable across processes.
std::string contentETag(std::string_view content);

// Throws DavError 412 when If-Match / If-None-Match forbid the write on a resource whose current
// ETag is `current` (nullopt when the resource does not exist).
void checkWritePreconditions(const Request& request, const std::optional<std::string>& current);

// For GET/HEAD: true when If-None-Match matches, i.e. the answer is 304 Not Modified. Throws 412
// when If-Match fails.
bool notModified(const Request& request, const std::optional<std::string>& current);

}  // namespace bookdav::caldav
