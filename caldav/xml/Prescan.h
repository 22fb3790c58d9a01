// The checks a request body passes before pugixml builds a tree from it, in one pass over its
// bytes: valid text (domain/text/ValidText.h, also for what character references name), no document
// type declaration, and the limits of Xml.h on depth, elements and attributes.
#pragma once

#include <string_view>

namespace bookdav::caldav::xml {

// Throws XmlError saying what is wrong and where (a byte offset).
void prescan(std::string_view body);

}  // namespace bookdav::caldav::xml
