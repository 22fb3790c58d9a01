#include "server/http/ResponseText.h"

#include <strings.h>

#include <cstdio>
#include <ctime>

#include "server/BuildInfo.h"

namespace bookdav::server::http {
namespace {

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 5.6.7), formatted once a second per thread.
std::string_view httpDate() {
  thread_local std::time_t formatted = 0;
  thread_local char text[40];
  std::time_t now = std::time(nullptr);
  if (now != formatted) {
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm t{};
    gmtime_r(&now, &t);
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[t.tm_wday], t.tm_mday,
                  kMonths[t.tm_mon], t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
    formatted = now;
  }
  return text;
}

bool framingHeader(std::string_view name) {
  for (std::string_view own : {"Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive"}) {
    if (name.size() == own.size() && strncasecmp(name.data(), own.data(), own.size()) == 0) return true;
  }
  return false;
}

// A header value never ends the line early, whatever a handler put in it.
void appendValue(std::string& out, std::string_view value) {
  for (char c : value) out += (c == '\r' || c == '\n') ? ' ' : c;
}

}  // namespace

void appendResponse(std::string& out, const caldav::Response& response, Framing framing) {
  const int status = response.status;
  out += "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  out += response.reason.empty() ? caldav::statusReason(status) : std::string_view(response.reason);
  out += "\r\nServer: ";
  out += serverHeader();
  out += "\r\nDate: ";
  out += httpDate();
  out += "\r\n";
  for (const auto& [name, value] : response.headers) {
    if (framingHeader(name)) continue;
    out += name;
    out += ": ";
    appendValue(out, value);
    out += "\r\n";
  }
  const bool bodyless = status < 200 || status == 204 || status == 304;
  if (!bodyless) {
    out += "Content-Length: ";
    out += std::to_string(response.body.size());
    out += "\r\n";
  }
  if (!framing.keepAlive) {
    out += "Connection: close\r\n";
  } else if (framing.minorVersion == 0) {
    out += "Connection: keep-alive\r\n";
  }
  out += "\r\n";
  if (!bodyless && !framing.head) out += response.body;
}

}  // namespace bookdav::server::http
