#include "caldav/webdav/ETag.h"

#include <cstdint>
#include <cstdio>

#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {
namespace {

// True when the header's comma-separated list contains tag (weak comparison for W/ tags is not
// used: our tags are strong) or "*" and the resource exists.
bool listMatches(std::string_view header, const std::optional<std::string>& current) {
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ',' || header[pos] == '\t')) ++pos;
    if (pos >= header.size()) break;
    size_t end;
    if (header[pos] == '*') {
      if (current) return true;
      end = pos + 1;
    } else {
      size_t start = pos;
      if (header.compare(pos, 2, "W/") == 0) pos += 2;
      if (pos < header.size() && header[pos] == '"') {
        end = header.find('"', pos + 1);
        end = end == std::string_view::npos ? header.size() : end + 1;
      } else {
        end = header.find(',', pos);
        if (end == std::string_view::npos) end = header.size();
      }
      std::string_view tag = header.substr(pos, end - pos);
      if (current && header.compare(start, 2, "W/") != 0 && tag == *current) return true;
    }
    pos = end;
  }
  return false;
}

}  // namespace

std::string contentETag(std::string_view content) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : content) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

void checkWritePreconditions(const Request& request, const std::optional<std::string>& current) {
  if (auto m = request.header("If-Match"); m && !listMatches(*m, current)) {
    throw DavError::preconditionFailed(current ? "the resource has changed since you read it (If-Match)"
                                               : "the resource does not exist (If-Match)");
  }
  if (auto n = request.header("If-None-Match"); n && listMatches(*n, current)) {
    throw DavError::preconditionFailed("the resource already exists (If-None-Match)");
  }
}

bool notModified(const Request& request, const std::optional<std::string>& current) {
  if (auto m = request.header("If-Match"); m && !listMatches(*m, current)) {
    throw DavError::preconditionFailed("the resource has changed (If-Match)");
  }
  if (auto n = request.header("If-None-Match"); n && listMatches(*n, current)) return true;
  return false;
}

}  // namespace bookdav::caldav
