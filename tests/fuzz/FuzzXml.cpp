// Fuzz target: a WebDAV request body through the namespace-resolving XML reader, then every way the
// handlers read a document (names, text, the self-contained re-serialisation of dead properties).
#include <vector>

#include "caldav/xml/Xml.h"
#include "tests/fuzz/FuzzInput.h"

using namespace bookdav::caldav;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    xml::Document doc = xml::Document::parse(bookdav::fuzz::textOf(data, size));
    std::vector<pugi::xml_node> stack{doc.root()};
    while (!stack.empty()) {
      pugi::xml_node n = stack.back();
      stack.pop_back();
      xml::nameOf(n);
      for (pugi::xml_node c : xml::elements(n)) stack.push_back(c);
    }
    xml::textOf(doc.root());
    std::string again = xml::serializeElement(doc.root());
    xml::Document::parse(again);  // what is stored must read back
  } catch (const xml::XmlError&) {
  }
  return 0;
}
