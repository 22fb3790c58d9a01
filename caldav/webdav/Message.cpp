#include "caldav/webdav/Message.h"

#include <strings.h>

namespace bookdav::caldav {
namespace {

bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<std::string> Request::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (sameName(n, name)) return v;
  }
  return std::nullopt;
}

std::string Request::header(std::string_view name, std::string_view fallback) const {
  auto v = header(name);
  return v ? *v : std::string(fallback);
}

Response& Response::set(std::string name, std::string value) {
  for (auto& [n, v] : headers) {
    if (sameName(n, name)) {
      v = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::optional<std::string> Response::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (sameName(n, name)) return v;
  }
  return std::nullopt;
}

Response Response::xml(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set("Content-Type", "application/xml; charset=utf-8");
  return r;
}

Response Response::empty(int status) {
  Response r;
  r.status = status;
  return r;
}

std::string_view statusReason(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 207:
      return "Multi-Status";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 423:
      return "Locked";
    case 424:
      return "Failed Dependency";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    case 507:
      return "Insufficient Storage";
  }
  return "Unknown";
}

std::string statusLine(int status) {
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(statusReason(status));
}

}  // namespace bookdav::caldav
