// Valid text: what bookdav accepts, stores and answers with. Well-formed UTF-8 (RFC 3629) made only
// of characters that every format bookdav writes can carry (XML 1.0 Char, RFC 5545 3.1, JSON): no
// NUL or other C0 control except those the kind of text allows, no DEL, no U+FFFE or U+FFFF.
// Every face checks its input with findTextFault; writers repair text stored before these checks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bookdav::domain {

// The control characters a kind of text may hold.
enum class Controls {
  None,            // names, ids, e-mail addresses, paths
  Tab,             // HTTP header values, iCalendar content lines (line ends are not part of them)
  TabAndNewlines,  // notes, descriptions, XML documents: TAB, LF and CR
};

struct TextFault {
  size_t offset = 0;    // of the first bad byte
  std::string problem;  // "contains the control character U+0000 (NUL)", without the place
};

// The first fault of the text, or nullopt when it is valid.
std::optional<TextFault> findTextFault(std::string_view text, Controls allowed);
inline bool isValidText(std::string_view text, Controls allowed) {
  return !findTextFault(text, allowed);
}
// Whether a single code point may appear in valid text.
bool isValidCharacter(char32_t c, Controls allowed);

// The text with every invalid UTF-8 sequence and every character `allowed` refuses replaced by
// U+FFFD; valid text comes back unchanged. For writing out text stored before it was checked.
std::string repairText(std::string_view text, Controls allowed);

}  // namespace bookdav::domain
