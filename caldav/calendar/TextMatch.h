// CALDAV:text-match (RFC 4791 §9.7.5): a substring test under a collation (i;ascii-casemap, the
// default, or i;octet), optionally negated.
#pragma once

#include <string>
#include <string_view>

namespace bookdav::caldav::calendar {

enum class Collation { AsciiCasemap, Octet };

struct TextMatch {
  std::string text;
  Collation collation = Collation::AsciiCasemap;
  bool negate = false;

  bool matches(std::string_view value) const;
};

// "i;ascii-casemap" or "i;octet"; false for any other collation (CALDAV:supported-collation).
bool collationFromName(std::string_view name, Collation& out);

}  // namespace bookdav::caldav::calendar
