// The bytes of an HTTP/1.1 answer: status line, Server and Date, the response's own headers, and
// the framing (Content-Length; none for 1xx, 204 and 304; no body for HEAD).
#pragma once

#include <string>
#include <string_view>

#include "caldav/webdav/Message.h"

namespace bookdav::server::http {

struct Framing {
  bool head = false;      // a HEAD request: the GET's Content-Length, no body
  bool keepAlive = true;  // false: "Connection: close"
  int minorVersion = 1;   // HTTP/1.0 clients are told "Connection: keep-alive" when kept
};

// Appends the answer to `out` (which may hold answers not yet written).
void appendResponse(std::string& out, const caldav::Response& response, Framing framing);

// "HTTP/1.1 100 Continue" and its empty line.
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace bookdav::server::http
