// Builds XML response bodies as text. The namespaces of DAV, CalDAV, CalendarServer, Apple iCal
// and bookdav get fixed prefixes declared on the root element; any other namespace becomes the
// default namespace of the element that uses it.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caldav/xml/Xml.h"

namespace bookdav::caldav::xml {

class XmlWriter {
 public:
  XmlWriter();
  // A writer for a piece that will be embedded in a document made by another XmlWriter: no XML
  // declaration and no prefix declarations (the enclosing root has them).
  static XmlWriter fragment();

  using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  XmlWriter& open(std::string_view ns, std::string_view local, Attributes attributes = {});
  XmlWriter& open(const QName& name) { return open(name.ns, name.local); }
  XmlWriter& close();
  // <name/> or <name>text</name>
  XmlWriter& empty(std::string_view ns, std::string_view local, Attributes attributes = {});
  XmlWriter& empty(const QName& name) { return empty(name.ns, name.local); }
  XmlWriter& leaf(std::string_view ns, std::string_view local, std::string_view text);
  XmlWriter& text(std::string_view text);
  // Already well-formed, self-contained XML (a stored dead property, see serializeElement()); text
  // in it that is not valid (stored before bookdav checked it) is repaired, as by escape().
  XmlWriter& raw(std::string_view xml);

  // The document; closes any element still open.
  std::string finish();

 private:
  void start(std::string_view ns, std::string_view local, bool selfClosing, Attributes attributes);

  std::string out_;
  bool fragment_ = false;
  struct Open {
    std::string tag;
    std::string defaultNs;
  };
  std::vector<Open> stack_;
};

}  // namespace bookdav::caldav::xml
