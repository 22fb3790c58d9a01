#include "caldav/webdav/Href.h"

#include <cctype>

#include "domain/text/ValidText.h"

namespace bookdav::caldav {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool keepInPath(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == '!' ||
         c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+' || c == ',' ||
         c == ';' || c == '=' || c == ':' || c == '@';
}

}  // namespace

std::optional<std::string> percentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hexValue(text[i + 1]), lo = hexValue(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  if (!domain::isValidText(out, domain::Controls::None)) return std::nullopt;
  return out;
}

std::string encodePath(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    if (keepInPath(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> destinationPath(std::string_view value) {
  std::string_view path = value;
  if (size_t scheme = value.find("://"); scheme != std::string_view::npos) {
    size_t slash = value.find('/', scheme + 3);
    path = slash == std::string_view::npos ? std::string_view("/") : value.substr(slash);
  }
  if (path.empty() || path[0] != '/') return std::nullopt;
  if (size_t q = path.find_first_of("?#"); q != std::string_view::npos) path = path.substr(0, q);
  return percentDecode(path);
}

std::vector<std::string> pathSegments(std::string_view path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) out.emplace_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

std::string parentPath(std::string_view path) {
  std::string p(path);
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  size_t slash = p.rfind('/');
  if (slash == std::string::npos) return "/";
  return p.substr(0, slash + 1);
}

std::string lastSegment(std::string_view path) {
  auto segments = pathSegments(path);
  return segments.empty() ? std::string() : segments.back();
}

std::string asCollectionPath(std::string_view path) {
  std::string p(path);
  if (p.empty() || p.back() != '/') p += '/';
  return p;
}

}  // namespace bookdav::caldav
