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

TEST(XmlNamespaces, EntitiesAreNotExpanded) {
  Document d = Document::parse(
      R"(<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><x xmlns="urn:t">&b;</x>)");
  EXPECT_EQ(textOf(d.root()).find("aaaaaaaaaa"), std::string::npos);
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

}  // namespace
}  // namespace bookdav::caldav::xml
