#include "domain/text/ValidText.h"

#include <gtest/gtest.h>

namespace bookdav::domain {
namespace {

using namespace std::string_literals;

TEST(ValidText, AcceptsUtf8OfEveryLength) {
  for (const char* text : {"", "Ana", "Peluquería", "日本語", "\xF0\x9F\x92\x87 haircut", "\xC2\x85",
                           "\xEF\xBF\xBD", "\xEF\xB7\x90", "\xF4\x8F\xBF\xBD"}) {
    EXPECT_TRUE(isValidText(text, Controls::None)) << text;
  }
}

TEST(ValidText, RefusesMalformedUtf8) {
  for (const std::string& bad : {"\xFF"s, "a\xC3"s, "\xC0\xAF"s, "\xE0\x80\xAF"s, "\xED\xA0\x80"s,
                                 "\xF4\x90\x80\x80"s, "\x80"s, "\xC3("s, "\xF0\x9F\x92"s}) {
    std::optional<TextFault> fault = findTextFault(bad, Controls::TabAndNewlines);
    ASSERT_TRUE(fault) << bad;
    EXPECT_NE(fault->problem.find("not valid UTF-8"), std::string::npos) << fault->problem;
  }
  EXPECT_EQ(findTextFault("ok\xFF", Controls::None)->offset, 2u);
}

TEST(ValidText, ControlCharactersDependOnTheKindOfText) {
  EXPECT_FALSE(isValidText("a\0b"s, Controls::TabAndNewlines));
  EXPECT_EQ(findTextFault("a\0b"s, Controls::TabAndNewlines)->problem,
            "contains the control character U+0000 (NUL)");
  EXPECT_EQ(findTextFault("a\0b"s, Controls::TabAndNewlines)->offset, 1u);
  EXPECT_FALSE(isValidText("a\x01", Controls::TabAndNewlines));
  EXPECT_FALSE(isValidText("a\x1F", Controls::TabAndNewlines));
  EXPECT_FALSE(isValidText("a\x7F", Controls::TabAndNewlines));
  EXPECT_TRUE(isValidText("line 1\r\nline 2\tend", Controls::TabAndNewlines));
  EXPECT_TRUE(isValidText("a\tb", Controls::Tab));
  EXPECT_FALSE(isValidText("a\nb", Controls::Tab));
  EXPECT_FALSE(isValidText("a\rb", Controls::Tab));
  EXPECT_FALSE(isValidText("a\tb", Controls::None));
}

TEST(ValidText, RefusesTheNoncharactersXmlForbids) {
  EXPECT_FALSE(isValidText("\xEF\xBF\xBE", Controls::TabAndNewlines));  // U+FFFE
  EXPECT_FALSE(isValidText("\xEF\xBF\xBF", Controls::TabAndNewlines));  // U+FFFF
  EXPECT_NE(findTextFault("\xEF\xBF\xBF", Controls::None)->problem.find("U+FFFF, which is not a character"),
            std::string::npos);
}

TEST(ValidText, RepairReplacesWhatIsRefusedAndKeepsTheRest) {
  EXPECT_EQ(repairText("Peluquería", Controls::None), "Peluquería");
  EXPECT_EQ(repairText("a\xFF"
                       "b",
                       Controls::None),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(repairText("a\0b"s, Controls::None),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(repairText("a\nb\x01", Controls::TabAndNewlines), "a\nb\xEF\xBF\xBD");
  EXPECT_EQ(repairText("\xE2\x82", Controls::None), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(
      isValidText(repairText("\xC0\xAF\xED\xA0\x80\x7F\xEF\xBF\xBE", Controls::None), Controls::None));
}

}  // namespace
}  // namespace bookdav::domain
