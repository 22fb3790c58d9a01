// Turns a parsed HTTP request into the protocol layer's caldav::Request: the decoded path (no
// "/../"), the query, the headers, the client's address and the base URL the client addressed.
#pragma once

#include <string>
#include <variant>

#include "caldav/webdav/Message.h"
#include "server/http/RequestParser.h"

namespace bookdav::server::http {

struct Origin {
  std::string clientAddress;  // "127.0.0.1", "::1"
  bool tls = false;
  std::string fallbackAuthority;  // "127.0.0.1:8080": for HTTP/1.0 requests without Host
};

// The request, or the 400 answer for a malformed path. The head's fields are copied; the body moved.
std::variant<caldav::Request, caldav::Response> davRequest(const RequestHead& head, std::string body,
                                                           const Origin& origin);

}  // namespace bookdav::server::http
