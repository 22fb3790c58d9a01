// XML for WebDAV: parsing with real namespace resolution (any prefix, default namespaces,
// redeclarations) on top of pugixml, which does not resolve namespaces itself. Never match on
// prefixes anywhere else: ask nameOf()/is()/child().
//
// Document::parse resolves every name once, in one pass: it rewrites the tree so that each namespace
// is declared once, on the root element, with a prefix of its own ("n0", "n1", ...), and names in no
// namespace have none. nameOf() then reads a name's namespace from the root element.
#pragma once

#include <compare>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace bookdav::caldav::xml {

inline constexpr std::string_view kDav = "DAV:";
inline constexpr std::string_view kCalDav = "urn:ietf:params:xml:ns:caldav";
inline constexpr std::string_view kCalendarServer = "http://calendarserver.org/ns/";
inline constexpr std::string_view kAppleIcal = "http://apple.com/ns/ical/";
inline constexpr std::string_view kBookdav = "urn:bookdav:";

// An expanded XML name: namespace URI plus local name ("" namespace for none).
struct QName {
  std::string ns;
  std::string local;

  bool is(std::string_view n, std::string_view l) const { return ns == n && local == l; }
  auto operator<=>(const QName&) const = default;
  std::string clark() const { return "{" + ns + "}" + local; }  // "{DAV:}getetag"
};

// Limits of a request body, checked before pugixml builds a tree (bodies are also capped in bytes
// before they get here). Real WebDAV bodies are fewer than 20 elements deep and use a handful of
// namespaces; a calendar-multiget of 20,000 hrefs has about 20,000 elements.
inline constexpr size_t kMaxDepth = 64;
inline constexpr size_t kMaxElements = 100000;
inline constexpr size_t kMaxAttributes = 100000;
inline constexpr size_t kMaxNamespaces = 256;

// Malformed XML, text that is not valid (domain/text/ValidText.h), a body beyond the limits, an
// undeclared prefix or an unexpected document: answered with 400.
class XmlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A parsed request body.
class Document {
 public:
  // Throws XmlError with pugixml's description and the byte offset, or saying which check or
  // limit the body fails. The body must be UTF-8.
  static Document parse(std::string_view body);
  pugi::xml_node root() const { return doc_.document_element(); }

 private:
  pugi::xml_document doc_;
};

// The expanded name of an element; throws XmlError for an undeclared prefix.
QName nameOf(pugi::xml_node element);
bool is(pugi::xml_node element, std::string_view ns, std::string_view local);
// First element child with that expanded name, or an empty node.
pugi::xml_node child(pugi::xml_node parent, std::string_view ns, std::string_view local);
// Element children in document order.
std::vector<pugi::xml_node> elements(pugi::xml_node parent);
// All text below the node, concatenated (no recursion: any depth is fine).
std::string textOf(pugi::xml_node node);
// The element as self-contained XML: every namespace it or its descendants use is declared on it,
// so that it can be stored and later embedded anywhere (dead properties). No recursion.
std::string serializeElement(pugi::xml_node element);

// Escapes text content (&, <, >, CR); escapeAttribute also escapes double quotes, TAB and LF. Text
// that is not valid (stored before bookdav checked it) is repaired first (domain::repairText), so
// that the answer stays well-formed.
std::string escape(std::string_view text);
std::string escapeAttribute(std::string_view text);

}  // namespace bookdav::caldav::xml
