// Answers for requests the HTTP layer refuses before a handler sees them (malformed or too large
// messages, deadlines, overload): one status and a sentence, as a DAV:error body, or the JSON API's
// error shape when the target is under /api/ (the one mapping of these refusals).
#pragma once

#include <string>
#include <string_view>

#include "caldav/webdav/Message.h"
#include "domain/StoreUnavailable.h"

namespace bookdav::server::http {

// target: the request target as sent ("" when the request line could not be read).
caldav::Response refusal(int status, const std::string& message, std::string_view target);

// 500 for a handler that threw: the request changed nothing.
caldav::Response internalError(std::string_view target);
// The database could not answer: 503 with Retry-After (nothing changed: try again), or 500 when the
// connection was lost while the change was committed (it may have been made: read before retrying).
caldav::Response storeUnavailable(const domain::StoreUnavailable& e, std::string_view target);

}  // namespace bookdav::server::http
