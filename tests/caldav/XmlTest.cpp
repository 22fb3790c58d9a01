#include "caldav/xml/Xml.h"

#include <gtest/gtest.h>

#include "caldav/xml/XmlWriter.h"

namespace bookdav::caldav::xml {
namespace {

TEST(XmlNamespaces, AnyPrefixResolves) {
  for (const char* body : {
           R"(<A:propfind xmlns:A="DAV:"><A:prop><A:getetag/></A:prop></A:propfind>)",
           R"(<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>)",
           R"(<x:propfind xmlns:x="DAV:"><prop xmlns="DAV:"><getetag/></prop></x:propfind>)",
       }) {
    Document d = Document::parse(body);
    ASSERT_TRUE(is(d.root(), kDav, "propfind")) << body;
    pugi::xml_node prop = child(d.root(), kDav, "prop");
    ASSERT_TRUE(prop) << body;
    EXPECT_TRUE(child(prop, kDav, "getetag")) << body;
  }
}

TEST(XmlNamespaces, PrefixWithWrongNamespaceDoesNotMatch) {
  Document d = Document::parse(R"(<D:propfind xmlns:D="urn:not-dav"/>)");
  EXPECT_FALSE(is(d.root(), kDav, "propfind"));
  EXPECT_EQ(nameOf(d.root()).ns, "urn:not-dav");
}

TEST(XmlNamespaces, RedeclarationInsideWins) {
  Document d = Document::parse(
      R"(<propfind xmlns="DAV:"><prop><foo xmlns="http://example.com/"/><getetag/></prop></propfind>)");
  auto props = elements(child(d.root(), kDav, "prop"));
  ASSERT_EQ(props.size(), 2u);
  EXPECT_EQ(nameOf(props[0]), (QName{"http://example.com/", "foo"}));
  EXPECT_EQ(nameOf(props[1]), (QName{"DAV:", "getetag"}));
}

TEST(XmlNamespaces, UndeclaredPrefixAndMalformedXmlAreErrors) {
  EXPECT_THROW(Document::parse("<D:propfind/>"), XmlError);
  EXPECT_THROW(Document::parse(R"(<propfind xmlns="DAV:"><prop><Q:x/></prop></propfind>)"), XmlError);
  EXPECT_THROW(Document::parse("<propfind xmlns=\"DAV:\"><prop>"), XmlError);
  EXPECT_THROW(Document::parse(""), XmlError);
  EXPECT_THROW(Document::parse("not xml at all"), XmlError);
}

TEST(XmlNamespaces, DocumentTypeDeclarationsAreRefused) {
  // WebDAV bodies have none; refusing them keeps entity tricks out (pugixml never expands them).
  EXPECT_THROW(
      Document::parse(
          R"(<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><x xmlns="urn:t">&b;</x>)"),
      XmlError);
  Document d = Document::parse(R"(<x xmlns="urn:t">&b;</x>)");
  EXPECT_EQ(textOf(d.root()), "&b;");
}

TEST(XmlNamespaces, SerializedElementIsSelfContained) {
  Document d = Document::parse(
      R"(<D:prop xmlns:D="DAV:" xmlns:Z="http://ex/"><Z:author><Z:name>J &amp; K</Z:name><plain/></Z:author></D:prop>)");
  std::string stored = serializeElement(elements(d.root())[0]);
  Document again = Document::parse(stored);
  EXPECT_TRUE(is(again.root(), "http://ex/", "author"));
  pugi::xml_node name = child(again.root(), "http://ex/", "name");
  EXPECT_EQ(textOf(name), "J & K");
  EXPECT_TRUE(child(again.root(), "", "plain"));
}

TEST(XmlWriter, KnownPrefixesAndLocalDefaults) {
  XmlWriter w;
  w.open(kDav, "multistatus").open(kDav, "response").leaf(kDav, "href", "/a&b/");
  w.open("http://ex/", "thing").empty("", "plain").empty("http://ex/", "inner").close();
  std::string xml = w.finish();
  Document d = Document::parse(xml);
  ASSERT_TRUE(is(d.root(), kDav, "multistatus"));
  pugi::xml_node response = child(d.root(), kDav, "response");
  EXPECT_EQ(textOf(child(response, kDav, "href")), "/a&b/");
  pugi::xml_node thing = child(response, "http://ex/", "thing");
  ASSERT_TRUE(thing);
  EXPECT_TRUE(child(thing, "", "plain"));
  EXPECT_TRUE(child(thing, "http://ex/", "inner"));
}

std::string nested(size_t depth, const std::string& open, const std::string& close,
                   const std::string& inner = "") {
  std::string out;
  out.reserve(depth * (open.size() + close.size()) + inner.size());
  for (size_t i = 0; i < depth; ++i) out += open;
  out += inner;
  for (size_t i = 0; i < depth; ++i) out += close;
  return out;
}

std::string parseError(const std::string& body) {
  try {
    Document::parse(body);
  } catch (const XmlError& e) {
    return e.what();
  }
  return "(parsed)";
}

TEST(XmlLimits, DeepNestingIsRefusedBeforeATreeIsBuilt) {
  EXPECT_NE(parseError(nested(100000, "<a>", "</a>")).find("nested more than 64 deep"), std::string::npos);
  EXPECT_NE(parseError(nested(100000, "<x:a xmlns:x='urn:x'>", "</x:a>")).find("nested more than 64 deep"),
            std::string::npos);
  EXPECT_NE(
      parseError("<D:propertyupdate xmlns:D='DAV:'><D:set><D:prop>" +
                 nested(12000, "<z:a xmlns:z='urn:z'>", "</z:a>") + "</D:prop></D:set></D:propertyupdate>")
          .find("nested more than 64 deep"),
      std::string::npos);
  EXPECT_NE(parseError(nested(65, "<a>", "</a>")).find("nested more than 64 deep"), std::string::npos);
  Document d = Document::parse(nested(64, "<a>", "</a>", "x"));
  EXPECT_EQ(textOf(d.root()), "x");
  // Self-closing elements and text do not count as depth; end tags give it back.
  EXPECT_NO_THROW(
      Document::parse("<r>" + nested(2000, "<a/><b>t</b>", "") + nested(63, "<c>", "</c>") + "</r>"));
}

TEST(XmlLimits, ElementsAttributesAndNamespacesAreBounded) {
  EXPECT_NE(parseError(nested(kMaxElements, "<a/>", "", "").insert(0, "<r>") + "</r>")
                .find("more than 100000 elements"),
            std::string::npos);
  EXPECT_NO_THROW(Document::parse("<r>" + nested(kMaxElements - 1, "<a/>", "") + "</r>"));
  EXPECT_NE(
      parseError("<r" + nested(kMaxAttributes + 1, " a='1'", "") + "/>").find("more than 100000 attributes"),
      std::string::npos);
  std::string many = "<r>";
  for (size_t i = 0; i <= kMaxNamespaces; ++i) many += "<a xmlns='urn:" + std::to_string(i) + "'/>";
  EXPECT_NE(parseError(many + "</r>").find("more than 256 namespaces"), std::string::npos);
}

TEST(XmlNamespaces, ResolvedOnceWhateverTheShape) {
  // A namespace declared at the root and used at the deepest allowed level, redeclarations of the
  // default namespace on every level, and many elements: every name resolves to what XML says.
  std::string body = "<D:multistatus xmlns:D='DAV:' xmlns:Z='urn:z'>";
  for (size_t i = 0; i < 61; ++i) body += i % 2 ? "<e xmlns='urn:odd'>" : "<e xmlns=''>";
  body += "<Z:deep a='1' Z:b='2'/>";
  for (size_t i = 0; i < 61; ++i) body += "</e>";
  for (int i = 0; i < 20000; ++i) body += "<D:response/><x xmlns='urn:x'/>";
  body += "</D:multistatus>";
  Document d = Document::parse(body);
  ASSERT_TRUE(is(d.root(), kDav, "multistatus"));
  pugi::xml_node e = elements(d.root())[0];
  for (size_t i = 0; i < 61; ++i) {
    ASSERT_EQ(nameOf(e), (QName{i % 2 ? "urn:odd" : "", "e"})) << i;
    e = elements(e)[0];
  }
  EXPECT_EQ(nameOf(e), (QName{"urn:z", "deep"}));
  EXPECT_TRUE(is(e, "urn:z", "deep"));
  EXPECT_FALSE(is(e, "", "deep"));
  EXPECT_STREQ(e.attribute("a").value(), "1");
  std::vector<pugi::xml_node> top = elements(d.root());
  ASSERT_EQ(top.size(), 40001u);
  size_t responses = 0, others = 0;
  for (pugi::xml_node c : top) {
    responses += is(c, kDav, "response");
    others += nameOf(c) == QName{"urn:x", "x"};
  }
  EXPECT_EQ(responses, 20000u);
  EXPECT_EQ(others, 20000u);
  // The stored form of the deep element declares what it uses, attributes included.
  Document again = Document::parse(serializeElement(e));
  EXPECT_TRUE(is(again.root(), "urn:z", "deep"));
  pugi::xml_attribute b = again.root().attribute(again.root().first_attribute().name());
  EXPECT_TRUE(b);
  EXPECT_NE(serializeElement(e).find("=\"urn:z\""), std::string::npos);
}

TEST(XmlNamespaces, MoreThanOneRootElementIsMalformed) {
  EXPECT_THROW(Document::parse("<a xmlns='DAV:'/><b/>"), XmlError);
}

TEST(XmlText, TextOfAndSerializeNeedNoStack) {
  // Trees deeper than any request body may be (built here directly): no recursion anywhere.
  pugi::xml_document doc;
  pugi::xml_node n = doc.append_child("top");
  pugi::xml_node top = n;
  for (int i = 0; i < 100000; ++i) {
    n.append_child(pugi::node_pcdata).set_value("t");
    n = n.append_child("a");
  }
  n.append_child(pugi::node_pcdata).set_value("<end>");
  EXPECT_EQ(textOf(top), std::string(100000, 't') + "<end>");
  std::string expected = "<top>";
  for (int i = 0; i < 100000; ++i) expected += "t<a>";
  expected += "&lt;end&gt;";
  for (int i = 0; i < 100000; ++i) expected += "</a>";
  EXPECT_EQ(serializeElement(top), expected + "</top>");
}

TEST(XmlText, BodiesOfInvalidTextAreRefused) {
  for (const std::string& bad :
       {std::string("<a xmlns='DAV:'>bad\xFF\xFE</a>"), std::string("<a xmlns='DAV:'>a\0b</a>", 22),
        std::string("<a xmlns='DAV:'>\x01</a>"), std::string("<a xmlns='DAV:'>\xEF\xBF\xBE</a>"),
        std::string("<a xmlns='DAV:'>&#0;</a>"), std::string("<a xmlns='DAV:'>&#x1;</a>"),
        std::string("<a xmlns='DAV:'>&#4294967296;</a>"), std::string("<a xmlns='DAV:' b='&#xD800;'/>"),
        std::string("<a xmlns='DAV:'><!-- \xC3 --></a>"), std::string("<a\xFF xmlns='DAV:'/>")}) {
    EXPECT_THROW(Document::parse(bad), XmlError) << bad;
  }
  EXPECT_NE(parseError("<a xmlns='DAV:'>\x01</a>").find("control character U+0001 at byte 16"),
            std::string::npos);
  Document d = Document::parse("<a xmlns='DAV:' t='x&#x9;y'>&#x1F600;&#233;&#10;<![CDATA[&#0;]]></a>");
  EXPECT_EQ(textOf(d.root()), "\xF0\x9F\x98\x80\xC3\xA9\n&#0;");
  EXPECT_STREQ(d.root().attribute("t").value(), "x\ty");
}

TEST(XmlText, WritersRepairStoredTextInsteadOfWritingIllFormedXml) {
  XmlWriter w;
  w.open(kDav, "prop").leaf(kDav, "displayname", std::string("bad\xFF\0name", 9));
  w.open("urn:x", std::string("we\xFFird")).close();
  w.raw("<x:old xmlns:x=\"urn:x\">\xC3(</x:old>");
  Document d = Document::parse(w.finish());
  EXPECT_EQ(textOf(child(d.root(), kDav, "displayname")), "bad\xEF\xBF\xBD\xEF\xBF\xBDname");
  EXPECT_EQ(escape("a\x01\tb\r\n"), "a\xEF\xBF\xBD\tb&#13;\n");
  EXPECT_EQ(escapeAttribute("\"a\tb\n\""), "&quot;a&#9;b&#10;&quot;");
}

}  // namespace
}  // namespace bookdav::caldav::xml
