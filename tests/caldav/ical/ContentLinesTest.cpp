#include "caldav/ical/ContentLines.h"

#include <gtest/gtest.h>

namespace bookdav::caldav::ical {
namespace {

TEST(ContentLines, UnfoldsAndSplitsWithLineNumbers) {
  std::string text =
      "\xEF\xBB\xBF"
      "BEGIN:VCALENDAR\r\n"
      "SUMMARY;LANGUAGE=de;X-Q=\"a;b:c\":Hallo\r\n"
      " Welt\r\n"
      "\r\n"
      "DESCRIPTION:x\n"
      "\tz\n"
      "END:VCALENDAR";
  ContentLineReader reader(text);
  ContentLine l;
  ASSERT_TRUE(reader.next(l));
  EXPECT_EQ(l.line, 1u);
  EXPECT_TRUE(l.is("BEGIN", "vcalendar"));
  ASSERT_TRUE(reader.next(l));
  EXPECT_EQ(l.line, 2u);
  EXPECT_EQ(l.name, "SUMMARY");
  EXPECT_EQ(l.value(), "HalloWelt");
  EXPECT_EQ(*l.param("language"), "de");
  EXPECT_EQ(*l.param("X-Q"), "a;b:c");
  EXPECT_FALSE(l.param("CN"));
  EXPECT_EQ(l.raw, "SUMMARY;LANGUAGE=de;X-Q=\"a;b:c\":Hallo\r\n Welt\r\n");
  ASSERT_TRUE(reader.next(l));
  EXPECT_EQ(l.line, 5u);
  EXPECT_EQ(l.value(), "xz");
  ASSERT_TRUE(reader.next(l));
  EXPECT_EQ(l.line, 7u);
  EXPECT_FALSE(reader.next(l));
}

TEST(ContentLines, FoldsAtSeventyFiveOctetsBetweenCharacters) {
  std::string line = "DESCRIPTION:";
  for (int i = 0; i < 40; ++i) line += "€";  // 3 octets each
  std::string folded = foldContentLine(line);
  size_t start = 0;
  std::string unfolded;
  while (start < folded.size()) {
    size_t end = folded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    std::string part = folded.substr(start, end - start);
    unfolded += start == 0 ? part : part.substr(1);
    start = end + 2;
  }
  EXPECT_EQ(unfolded, line);
  // Every piece starts on a character boundary.
  for (size_t pos = folded.find("\r\n "); pos != std::string::npos; pos = folded.find("\r\n ", pos + 1))
    EXPECT_NE(static_cast<unsigned char>(folded[pos + 3]) & 0xC0, 0x80u);
  EXPECT_EQ(foldContentLine("UID:x"), "UID:x\r\n");
}

TEST(ContentLines, Errors) {
  auto errorLine = [](std::string text) -> size_t {
    ContentLineReader reader(text);
    ContentLine l;
    try {
      while (reader.next(l)) {
      }
    } catch (const ContentLineError& e) {
      return e.line;
    }
    return 0;
  };
  EXPECT_EQ(errorLine("A:b\nno colon here\n"), 2u);
  EXPECT_EQ(errorLine("A:b\nB;=x:y\n"), 2u);
  EXPECT_EQ(errorLine("A:b\nB;P:y\n"), 2u);
  EXPECT_EQ(errorLine(" A:b\n"), 1u);
  EXPECT_EQ(errorLine("A:b\nB:\xC3\x28\n"), 2u);
  EXPECT_EQ(errorLine("A:b\nB:\xED\xA0\x80\n"), 2u);  // a UTF-16 surrogate
  EXPECT_EQ(errorLine(std::string("A:b\n\nC:d\0e\n", 11)), 3u);
  EXPECT_EQ(errorLine("A:b\nB;P=\"unclosed:y\n"), 2u);
  EXPECT_EQ(errorLine("A:b\nB;P=a,\"q\",c:y\nC:ok\n"), 0u);
}

TEST(ContentLines, EscapesTextValues) {
  EXPECT_EQ(escapeText("Cut, wash; dry\\style\r\nnext"), "Cut\\, wash\\; dry\\\\style\\nnext");
  EXPECT_EQ(escapeText("plain €"), "plain €");
  EXPECT_EQ(escapeText(""), "");
}

TEST(ContentLines, CaseFoldsAsciiOnly) {
  EXPECT_EQ(lower("MAILTO:Ana@Example.COM"), "mailto:ana@example.com");
  EXPECT_EQ(upper("vevent-ß"), "VEVENT-ß");
  EXPECT_EQ(lower("NON-PARTICIPANT ÄÖ"), "non-participant ÄÖ");
}

}  // namespace
}  // namespace bookdav::caldav::ical
