// The bytes of an answer: framing by status and method, connection options, and header values
// that cannot end a line.
#include "server/http/ResponseText.h"

#include <gtest/gtest.h>

namespace bookdav::server::http {
namespace {

std::string text(const caldav::Response& r, Framing f = {}) {
  std::string out;
  appendResponse(out, r, f);
  return out;
}

TEST(ResponseTextTest, StatusLineServerDateLengthAndBody) {
  caldav::Response r = caldav::Response::xml(207, "<x/>");
  std::string t = text(r);
  EXPECT_EQ(t.rfind("HTTP/1.1 207 Multi-Status\r\nServer: bookdav/", 0), 0u) << t;
  EXPECT_NE(t.find("\r\nDate: "), std::string::npos);
  EXPECT_NE(t.find(" GMT\r\n"), std::string::npos);
  EXPECT_NE(t.find("\r\nContent-Length: 4\r\n"), std::string::npos);
  EXPECT_EQ(t.find("Connection:"), std::string::npos);  // HTTP/1.1 keeps the connection by default
  EXPECT_EQ(t.substr(t.size() - 8), "\r\n\r\n<x/>");
}

TEST(ResponseTextTest, HeadHasTheLengthButNoBody) {
  caldav::Response r = caldav::Response::xml(200, "0123456789");
  std::string t = text(r, Framing{true, true, 1});
  EXPECT_NE(t.find("Content-Length: 10\r\n"), std::string::npos);
  EXPECT_EQ(t.substr(t.size() - 4), "\r\n\r\n");
}

TEST(ResponseTextTest, NoContentAndNotModifiedHaveNoBodyOrLength) {
  for (int status : {204, 304}) {
    caldav::Response r = caldav::Response::empty(status);
    r.body = "ignored";
    std::string t = text(r);
    EXPECT_EQ(t.find("Content-Length"), std::string::npos) << t;
    EXPECT_EQ(t.substr(t.size() - 4), "\r\n\r\n");
  }
}

TEST(ResponseTextTest, ConnectionOptions) {
  caldav::Response r = caldav::Response::empty(200);
  EXPECT_NE(text(r, Framing{false, false, 1}).find("Connection: close\r\n"), std::string::npos);
  EXPECT_NE(text(r, Framing{false, true, 0}).find("Connection: keep-alive\r\n"), std::string::npos);
}

TEST(ResponseTextTest, HandlersCannotSetFramingOrSplitTheAnswer) {
  caldav::Response r = caldav::Response::empty(301);
  r.set("Location", "/dav/\r\nSet-Cookie: x=1");
  r.set("Content-Length", "999");
  r.set("Connection", "upgrade");
  std::string t = text(r);
  EXPECT_NE(t.find("Location: /dav/  Set-Cookie: x=1\r\n"), std::string::npos) << t;
  EXPECT_EQ(t.find("999"), std::string::npos);
  EXPECT_EQ(t.find("upgrade"), std::string::npos);
}

TEST(ResponseTextTest, ReasonPhrases) {
  EXPECT_EQ(text(caldav::Response::empty(408)).rfind("HTTP/1.1 408 Request Timeout\r\n", 0), 0u);
  EXPECT_EQ(text(caldav::Response::empty(431)).rfind("HTTP/1.1 431 Request Header Fields Too Large\r\n", 0),
            0u);
  EXPECT_EQ(text(caldav::Response::empty(505)).rfind("HTTP/1.1 505 HTTP Version Not Supported\r\n", 0), 0u);
}

}  // namespace
}  // namespace bookdav::server::http
