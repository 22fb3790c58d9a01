#include "caldav/xml/Prescan.h"

#include <cstdint>

#include "caldav/xml/Xml.h"
#include "domain/text/ValidText.h"

namespace bookdav::caldav::xml {
namespace {

using domain::Controls;

std::string at(size_t offset) {
  return " at byte " + std::to_string(offset);
}

bool nameStart(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
}

int digitValue(char c, bool hexadecimal) {
  if (c >= '0' && c <= '9') return c - '0';
  if (hexadecimal && (c | ' ') >= 'a' && (c | ' ') <= 'f') return (c | ' ') - 'a' + 10;
  return -1;
}

// pugixml decodes &#N; and &#xH; in text and attribute values into whatever they name (&#0; even
// cuts the text short): each must name a character valid text may hold.
void checkReferences(std::string_view body, size_t begin, size_t end) {
  const std::string_view span = body.substr(0, end);
  for (size_t i = span.find("&#", begin); i != std::string_view::npos; i = span.find("&#", i + 2)) {
    size_t j = i + 2;
    const bool hexadecimal = j < end && (body[j] == 'x' || body[j] == 'X');
    if (hexadecimal) ++j;
    std::uint32_t value = 0;
    size_t digits = 0;
    for (int d; j < end && (d = digitValue(body[j], hexadecimal)) >= 0; ++j, ++digits)
      value =
          std::min<std::uint32_t>(value * (hexadecimal ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
    if (digits == 0 || j >= end || body[j] != ';') continue;  // not a reference: it stays text
    if (!domain::isValidCharacter(static_cast<char32_t>(value), Controls::TabAndNewlines))
      throw XmlError("the character reference " + std::string(body.substr(i, j + 1 - i)) + at(i) +
                     " names a character bookdav does not accept");
  }
}

}  // namespace

void prescan(std::string_view body) {
  if (auto fault = domain::findTextFault(body, Controls::TabAndNewlines))
    throw XmlError("the body " + fault->problem + at(fault->offset));
  const size_t n = body.size();
  auto after = [&](size_t from, std::string_view end, const char* what) {
    size_t e = body.find(end, from);
    if (e == std::string_view::npos) throw XmlError(std::string("malformed XML: ") + what + " is not closed");
    return e + end.size();
  };
  size_t depth = 0, elements = 0, attributes = 0;
  size_t i = 0;
  for (;;) {
    const size_t lt = body.find('<', i);
    checkReferences(body, i, lt == std::string_view::npos ? n : lt);
    if (lt == std::string_view::npos) break;
    const std::string_view rest = body.substr(lt);
    if (rest.starts_with("<!--")) {
      i = after(lt + 4, "-->", "a comment");
    } else if (rest.starts_with("<![CDATA[")) {
      i = after(lt + 9, "]]>", "a CDATA section");
    } else if (rest.starts_with("<?")) {
      i = after(lt + 2, "?>", "a processing instruction");
    } else if (rest.starts_with("<!")) {
      throw XmlError("document type declarations are not accepted in request bodies" + at(lt));
    } else if (rest.starts_with("</")) {
      i = after(lt + 2, ">", "an end tag");
      if (depth > 0) --depth;
    } else if (rest.size() < 2 || !nameStart(static_cast<unsigned char>(rest[1]))) {
      i = lt + 1;  // not a tag; pugixml refuses it
    } else {
      if (++elements > kMaxElements)
        throw XmlError("the body has more than " + std::to_string(kMaxElements) + " elements");
      size_t j = lt + 1;
      for (;; ++j) {
        if (j >= n) throw XmlError("malformed XML: the start tag" + at(lt) + " is not closed");
        const char c = body[j];
        if (c == '>') break;
        if (c == '"' || c == '\'') {
          const size_t close = body.find(c, j + 1);
          if (close == std::string_view::npos)
            throw XmlError("malformed XML: an attribute value" + at(j) + " is not closed");
          checkReferences(body, j + 1, close);
          j = close;
        } else if (c == '=' && ++attributes > kMaxAttributes) {
          throw XmlError("the body has more than " + std::to_string(kMaxAttributes) + " attributes");
        }
      }
      if (body[j - 1] != '/' && ++depth > kMaxDepth)
        throw XmlError("elements are nested more than " + std::to_string(kMaxDepth) + " deep" + at(lt));
      i = j + 1;
    }
  }
}

}  // namespace bookdav::caldav::xml
