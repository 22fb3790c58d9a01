#include "domain/text/ValidText.h"

#include <cstdint>

namespace bookdav::domain {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence at text[i] (1 to 4) and its code point, or 0.
size_t decode(std::string_view text, size_t i, char32_t& cp) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  size_t n = 0;
  std::uint32_t least = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, least = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, least = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, least = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  std::uint32_t v = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto d = static_cast<unsigned char>(text[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    v = (v << 6) | (d & 0x3F);
  }
  if (v < least || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  cp = static_cast<char32_t>(v);
  return n;
}

std::string hex(std::uint32_t v, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 15];
  return out;
}

std::string describe(char32_t c) {
  std::string name = "U+" + hex(static_cast<std::uint32_t>(c), 4);
  if (c == 0) return "the control character " + name + " (NUL)";
  if (c < 0x20 || c == 0x7F) return "the control character " + name;
  return name + ", which is not a character";
}

}  // namespace

bool isValidCharacter(char32_t c, Controls allowed) {
  if (c == '\t') return allowed != Controls::None;
  if (c == '\n' || c == '\r') return allowed == Controls::TabAndNewlines;
  if (c < 0x20 || c == 0x7F) return false;
  if (c == 0xFFFE || c == 0xFFFF) return false;
  return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF);
}

std::optional<TextFault> findTextFault(std::string_view text, Controls allowed) {
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {  // printable ASCII, by far the most common
      ++i;
      continue;
    }
    char32_t cp = 0;
    const size_t n = decode(text, i, cp);
    if (n == 0) return TextFault{i, "is not valid UTF-8 (byte 0x" + hex(c, 2) + ")"};
    if (!isValidCharacter(cp, allowed)) return TextFault{i, "contains " + describe(cp)};
    i += n;
  }
  return std::nullopt;
}

std::string repairText(std::string_view text, Controls allowed) {
  std::optional<TextFault> fault = findTextFault(text, allowed);
  if (!fault) return std::string(text);
  std::string out(text.substr(0, fault->offset));
  out.reserve(text.size() + 8);
  for (size_t i = fault->offset; i < text.size();) {
    char32_t cp = 0;
    const size_t n = decode(text, i, cp);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (isValidCharacter(cp, allowed))
      out.append(text.substr(i, n));
    else
      out += kReplacement;
    i += n;
  }
  return out;
}

}  // namespace bookdav::domain
