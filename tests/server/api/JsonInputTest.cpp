// JSON input: parse errors, typed fields, ranges and the JSON paths that errors name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "server/api/JsonInput.h"

namespace bookdav::server::api {
namespace {

using ::testing::HasSubstr;

// Runs f and returns the InvalidInput it throws (failing the test when it throws none).
template <typename F>
InvalidInput invalid(F&& f) {
  try {
    f();
  } catch (const InvalidInput& e) {
    return e;
  }
  ADD_FAILURE() << "no InvalidInput";
  return InvalidInput("", "");
}

TEST(JsonInput, ParseErrorsAreInvalidInput) {
  for (const char* bad : {"", "   ", "{", "{\"a\": }", "[1, 2", "nul", "{\"a\": 1} trailing", "'single'"}) {
    InvalidInput e = invalid([&] { parseJson(bad); });
    EXPECT_EQ(e.path(), "") << bad;
    EXPECT_FALSE(e.problem().empty()) << bad;
  }
  EXPECT_THAT(invalid([] { parseJson(""); }).problem(), HasSubstr("empty"));
}

TEST(JsonInput, DeepNestingIsRefusedNotACrash) {
  std::string deep(100000, '[');
  EXPECT_THAT(invalid([&] { parseJson(deep); }).problem(), HasSubstr("not valid JSON"));
  std::string objects;
  for (int i = 0; i < 5000; ++i) objects += "{\"a\":";
  EXPECT_THAT(invalid([&] { parseJson(objects); }).problem(), HasSubstr("not valid JSON"));
}

TEST(JsonInput, TypedFieldsAndTheirPaths) {
  JsonValue v = parseJson(R"({"name": "Ana", "n": 3, "big": 1e3, "frac": 2.5, "yes": true,
      "d": "PT30M", "t": "2026-12-01T10:30:00+01:00", "ids": ["a", "b"],
      "policy": {"minimumNotice": "soon"}, "list": [{"x": 1}, {"x": "two"}]})");
  JsonFields f(v, "");
  EXPECT_EQ(f.requiredString("name"), "Ana");
  EXPECT_EQ(f.integer("n", 1, 10), 3);
  EXPECT_EQ(f.integer("big", 0, 5000), 1000);
  EXPECT_EQ(invalid([&] { f.integer("frac", 0, 10); }).path(), "frac");
  EXPECT_EQ(f.boolean("yes"), true);
  EXPECT_EQ(f.duration("d", domain::Seconds{0}, domain::Seconds{86400}), domain::Seconds{1800});
  EXPECT_EQ(f.instant("t"), domain::parseRfc3339("2026-12-01T09:30:00Z"));
  EXPECT_EQ(f.strings("ids"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(f.string("absent"), std::nullopt);

  std::optional<JsonFields> policy = f.object("policy");
  ASSERT_TRUE(policy);
  InvalidInput d =
      invalid([&] { policy->duration("minimumNotice", domain::Seconds{0}, domain::Seconds{60}); });
  EXPECT_EQ(d.path(), "policy.minimumNotice");
  EXPECT_THAT(d.what(), HasSubstr("policy.minimumNotice: \"soon\" is not an ISO 8601 duration"));

  std::vector<JsonValue> list = *f.array("list");
  JsonFields second(list[1], elementPath("list", 1));
  InvalidInput x = invalid([&] { second.integer("x", 0, 9); });
  EXPECT_EQ(x.path(), "list[1].x");
  EXPECT_THAT(x.problem(), HasSubstr("must be a whole number, not a string"));
}

TEST(JsonInput, RangesAndWrongTypes) {
  JsonValue v = parseJson(R"({"n": 0, "s": 5, "b": "true", "d": "PT2H", "t": "tomorrow", "ids": ["a", 1]})");
  JsonFields f(v, "");
  EXPECT_THAT(invalid([&] { f.integer("n", 1, 10); }).problem(), HasSubstr("between 1 and 10"));
  EXPECT_THAT(invalid([&] { f.string("s"); }).problem(), HasSubstr("must be a string, not a number"));
  EXPECT_THAT(invalid([&] { f.boolean("b"); }).problem(), HasSubstr("true or false"));
  EXPECT_THAT(invalid([&] { f.duration("d", domain::Seconds{0}, domain::Seconds{3600}); }).problem(),
              HasSubstr("between PT0S and PT1H"));
  EXPECT_THAT(invalid([&] { f.instant("t"); }).problem(), HasSubstr("RFC 3339"));
  EXPECT_EQ(invalid([&] { f.strings("ids"); }).path(), "ids[1]");
  EXPECT_THAT(invalid([] { JsonFields(parseJson("[1]"), "body"); }).problem(),
              HasSubstr("must be an object"));
}

TEST(JsonInput, UnknownFieldsAreNamed) {
  JsonValue v = parseJson(R"({"known": 1, "typo": 2})");
  JsonFields f(v, "policy");
  f.integer("known", 0, 5);
  InvalidInput e = invalid([&] { f.finish(); });
  EXPECT_EQ(e.path(), "policy.typo");
  EXPECT_THAT(e.problem(), HasSubstr("unknown field"));
  EXPECT_THAT(e.problem(), HasSubstr("known"));

  JsonValue ok = parseJson(R"({"a": null})");
  JsonFields g(ok, "");
  EXPECT_TRUE(g.isNull("a"));
  EXPECT_EQ(g.string("a"), std::nullopt) << "null reads as absent";
  EXPECT_NO_THROW(g.finish());
}

TEST(JsonInput, StringsAreValidTextNamingTheField) {
  JsonValue v = parseJson(R"({"name": "a\u0000b", "bell": "\u0007", "tab": "a\tb", "nl": "a\nb",
      "note": "line 1\r\nline 2\tend", "badNote": "x\u0001", "nonchar": "\uffff", "ok": "Peluquería \ud83d\udc87",
      "list": ["fine", "bad\u001b"], "del": "\u007f"})");
  JsonFields f(v, "booking");
  InvalidInput nul = invalid([&] { f.string("name"); });
  EXPECT_EQ(nul.path(), "booking.name");
  EXPECT_THAT(nul.problem(), HasSubstr("U+0000 (NUL)"));
  EXPECT_THAT(invalid([&] { f.string("bell"); }).problem(), HasSubstr("U+0007"));
  // One-line fields take no tabs or line breaks; text fields (notes) do, and nothing else.
  EXPECT_EQ(invalid([&] { f.string("tab"); }).path(), "booking.tab");
  EXPECT_EQ(invalid([&] { f.string("nl"); }).path(), "booking.nl");
  EXPECT_EQ(f.text("note"), "line 1\r\nline 2\tend");
  EXPECT_EQ(f.text("nl"), "a\nb");
  EXPECT_THAT(invalid([&] { f.text("badNote"); }).problem(), HasSubstr("U+0001"));
  EXPECT_THAT(invalid([&] { f.text("nonchar"); }).problem(), HasSubstr("U+FFFF"));
  EXPECT_THAT(invalid([&] { f.text("del"); }).problem(), HasSubstr("U+007F"));
  EXPECT_EQ(f.string("ok"), "Peluquería \xF0\x9F\x92\x87");
  EXPECT_EQ(invalid([&] { f.strings("list"); }).path(), "booking.list[1]");
  // A lone surrogate escape is not a character either.
  EXPECT_FALSE(invalid([&] { parseJson(R"({"a": "\ud800"})"); }).problem().empty());
}

TEST(JsonInput, ObjectsWithTooManyFieldsAreRefusedAtOnce) {
  // 100,000 fields took Poco 17 s to read (a linear search per key); the parse now stops at 1,001.
  std::string many = "{";
  for (int i = 0; i < 100000; ++i) many += (i ? ",\"k" : "\"k") + std::to_string(i) + "\": 1";
  many += "}";
  EXPECT_THAT(invalid([&] { parseJson(many); }).problem(), HasSubstr("more than 1000 fields"));
  std::string nested = "{\"a\": {\"b\": 1}, ";
  for (size_t i = 0; i < kMaxJsonFields - 1; ++i) nested += "\"k" + std::to_string(i) + "\": {\"x\": 1},";
  nested.back() = '}';
  EXPECT_NO_THROW(parseJson(nested)) << "the limit is per object";
}

TEST(JsonInput, LongStringsAndHugeNumbersAreBounded) {
  JsonValue v = parseJson("{\"long\": \"" + std::string(kMaxJsonString + 1, 'x') + "\", \"fits\": \"" +
                          std::string(kMaxJsonString, 'x') + "\"}");
  JsonFields f(v, "");
  EXPECT_THAT(invalid([&] { f.string("long"); }).problem(), HasSubstr("longer than 65536 bytes"));
  EXPECT_EQ(f.string("fits")->size(), kMaxJsonString);
  // A number of 100,000 digits is refused, and the message does not repeat it all.
  InvalidInput huge = invalid([&] { parseJson("{\"n\": 1" + std::string(100000, '0') + "}"); });
  EXPECT_LT(huge.problem().size(), 400u);
  EXPECT_FALSE(invalid([&] { parseJson("{\"n\": 1e999999999}"); }).problem().empty());
}

}  // namespace
}  // namespace bookdav::server::api
