#include "caldav/webdav/ETag.h"

#include <gtest/gtest.h>

#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {
namespace {

Request withHeader(const char* name, const char* value) {
  Request r;
  r.method = "PUT";
  r.headers.emplace_back(name, value);
  return r;
}

TEST(ETag, StableQuotedAndContentSensitive) {
  std::string a = contentETag("BEGIN:VCALENDAR"), b = contentETag("BEGIN:VCALENDAR");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.front(), '"');
  EXPECT_EQ(a.back(), '"');
  EXPECT_NE(a, contentETag("BEGIN:VCALENDAR "));
}

TEST(Conditional, IfNoneMatchStarRefusesExisting) {
  auto r = withHeader("If-None-Match", "*");
  EXPECT_NO_THROW(checkWritePreconditions(r, std::nullopt));
  EXPECT_THROW(checkWritePreconditions(r, std::string("\"1\"")), DavError);
}

TEST(Conditional, IfMatchNeedsTheCurrentTag) {
  auto r = withHeader("if-match", "\"a\", \"b\"");
  EXPECT_NO_THROW(checkWritePreconditions(r, std::string("\"b\"")));
  try {
    checkWritePreconditions(r, std::string("\"c\""));
    FAIL();
  } catch (const DavError& e) {
    EXPECT_EQ(e.status(), 412);
  }
  EXPECT_THROW(checkWritePreconditions(r, std::nullopt), DavError);
  auto star = withHeader("If-Match", "*");
  EXPECT_NO_THROW(checkWritePreconditions(star, std::string("\"c\"")));
  EXPECT_THROW(checkWritePreconditions(star, std::nullopt), DavError);
}

TEST(Conditional, WeakTagsNeverMatchForWrites) {
  auto r = withHeader("If-Match", "W/\"a\"");
  EXPECT_THROW(checkWritePreconditions(r, std::string("\"a\"")), DavError);
}

TEST(Conditional, NotModifiedForGet) {
  auto r = withHeader("If-None-Match", "\"x\"");
  r.method = "GET";
  EXPECT_TRUE(notModified(r, std::string("\"x\"")));
  EXPECT_FALSE(notModified(r, std::string("\"y\"")));
  Request plain;
  EXPECT_FALSE(notModified(plain, std::string("\"y\"")));
}

}  // namespace
}  // namespace bookdav::caldav
