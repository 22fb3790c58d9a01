#include "caldav/calendar/TextMatch.h"

#include <algorithm>

namespace bookdav::caldav::calendar {
namespace {

char fold(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool TextMatch::matches(std::string_view value) const {
  bool found;
  if (collation == Collation::Octet) {
    found = value.find(text) != std::string_view::npos;
  } else {
    auto it = std::search(value.begin(), value.end(), text.begin(), text.end(),
                          [](char a, char b) { return fold(a) == fold(b); });
    found = it != value.end() || text.empty();
  }
  return found != negate;
}

bool collationFromName(std::string_view name, Collation& out) {
  if (name == "i;ascii-casemap") {
    out = Collation::AsciiCasemap;
    return true;
  }
  if (name == "i;octet") {
    out = Collation::Octet;
    return true;
  }
  return false;
}

}  // namespace bookdav::caldav::calendar
