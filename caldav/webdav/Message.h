// A WebDAV request and response as the protocol layer sees them: no sockets, no Poco; the server
// layer converts HTTP messages to and from these.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/account/Account.h"

namespace bookdav::caldav {

struct Request {
  std::string method;  // "PROPFIND"
  std::string path;    // percent-decoded path, no query: "/dav/calendars/alice/work/"
  std::string query;   // raw query string without '?', "" when none
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string user;  // authenticated account name ("" for anonymous: feeds, well-known)
  domain::Role role = domain::Role::Customer;
  std::string baseUrl;        // "http://127.0.0.1:8080" as the client addressed us, for absolute URLs
  std::string clientAddress;  // the peer's IP address ("127.0.0.1", "::1"), for throttling and logs

  // Header value by case-insensitive name.
  std::optional<std::string> header(std::string_view name) const;
  std::string header(std::string_view name, std::string_view fallback) const;
};

struct Response {
  int status = 200;
  std::string reason;  // "" = standard phrase
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& set(std::string name, std::string value);
  std::optional<std::string> header(std::string_view name) const;

  static Response xml(int status, std::string body);  // application/xml; charset=utf-8
  static Response empty(int status);
};

std::string_view statusReason(int status);
std::string statusLine(int status);  // "HTTP/1.1 404 Not Found"

}  // namespace bookdav::caldav
