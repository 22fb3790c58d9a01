#include "caldav/ical/ContentLines.h"

#include <gmock/gmock.h>
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

TEST(ContentLines, IncomingTextHoldsNoControlCharacterButTab) {
  auto firstError = [](const std::string& text, ContentLineReader::Check check) -> std::string {
    ContentLineReader reader(text, check);
    ContentLine l;
    try {
      while (reader.next(l)) {
      }
    } catch (const ContentLineError& e) {
      return e.what();
    }
    return "";
  };
  const std::string ok = "BEGIN:VCALENDAR\r\nSUMMARY:a\tb \xC2\x85 \xF0\x9F\x92\x87\r\nEND:VCALENDAR\r\n";
  EXPECT_EQ(firstError(ok, ContentLineReader::Check::Incoming), "");
  for (const char* bad : {"\x01", "\x1B[31m", "\x7F", "\x0C", "\xEF\xBF\xBE", "\xEF\xBF\xBF"}) {
    const std::string text =
        "BEGIN:VCALENDAR\r\nUID:x\r\nSUMMARY:a" + std::string(bad) + "\r\nEND:VCALENDAR\r\n";
    EXPECT_THAT(firstError(text, ContentLineReader::Check::Incoming),
                ::testing::StartsWith("line 3: contains "))
        << bad;
    // Text stored before this check is still read (to answer with it).
    EXPECT_EQ(firstError(text, ContentLineReader::Check::Stored), "") << bad;
  }
  EXPECT_EQ(
      firstError("BEGIN:VCALENDAR\r\nX:\x01\r\n", ContentLineReader::Check::Incoming),
      "line 2: contains the control character U+0001 at byte 3 of the line, which iCalendar text cannot hold");
  // NUL and invalid UTF-8 are refused either way.
  for (auto check : {ContentLineReader::Check::Stored, ContentLineReader::Check::Incoming}) {
    EXPECT_THAT(firstError(std::string("X:a\0b\r\n", 7), check), ::testing::HasSubstr("NUL"));
    EXPECT_THAT(firstError("X:a\xFF\r\n", check), ::testing::HasSubstr("UTF-8"));
  }
}

TEST(ContentLines, EscapedTextIsRepairedWhenItIsNotValid) {
  EXPECT_EQ(escapeText("a;b,c\\d\r\ne\tf"), "a\\;b\\,c\\\\d\\ne\tf");
  EXPECT_EQ(escapeText(std::string("a\0b\x01\x7F\xFF", 6)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace bookdav::caldav::ical
