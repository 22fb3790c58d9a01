// The HTTP/1.1 request parser: framing, the refusals of RFC 9112 that keep request smuggling out,
// limits, and byte-by-byte arrival.
#include "server/http/RequestParser.h"

#include <gtest/gtest.h>

namespace bookdav::server::http {
namespace {

using Progress = RequestParser::Progress;

struct Parsed {
  Progress progress = Progress::NeedMore;
  std::size_t consumed = 0;
};

// Feeds everything at once; reads the body when the head is complete.
Parsed parseAll(RequestParser& p, std::string_view input) {
  Parsed out;
  std::size_t used = 0;
  out.progress = p.parse(input, used);
  out.consumed = used;
  if (out.progress == Progress::Head) {
    p.readBody();
    out.progress = p.parse(input.substr(used), used);
    out.consumed += used;
  }
  return out;
}

int failureOf(std::string_view input, ParserLimits limits = {}) {
  RequestParser p(limits);
  Parsed r = parseAll(p, input);
  EXPECT_EQ(r.progress, Progress::Failed) << input;
  return r.progress == Progress::Failed ? p.failure().status : 0;
}

TEST(RequestParserTest, ReadsARequestWithABody) {
  RequestParser p({});
  std::string text =
      "PUT /dav/a.ics?x=1 HTTP/1.1\r\nHost: h:8080\r\nContent-Length: 5\r\nX-A:  v  \r\n\r\nhelloGET";
  Parsed r = parseAll(p, text);
  ASSERT_EQ(r.progress, Progress::Complete);
  EXPECT_EQ(r.consumed, text.size() - 3);  // "GET" belongs to the next request
  EXPECT_EQ(p.head().method, "PUT");
  EXPECT_EQ(p.head().target, "/dav/a.ics?x=1");
  EXPECT_EQ(p.head().minorVersion, 1);
  EXPECT_EQ(p.head().field("x-a"), "v");
  EXPECT_EQ(p.head().field("host"), "h:8080");
  EXPECT_TRUE(p.head().keepAlive);
  EXPECT_EQ(p.body(), "hello");
}

TEST(RequestParserTest, StopsAtTheHeadUntilTheBodyIsDecided) {
  RequestParser p({});
  std::string text = "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n";
  std::size_t used = 0;
  EXPECT_EQ(p.parse(text, used), Progress::Head);
  EXPECT_EQ(used, text.size());
  EXPECT_TRUE(p.head().expectsContinue);
  EXPECT_EQ(p.parse("abc", used), Progress::Head);  // still waiting for readBody()
  EXPECT_EQ(used, 0u);
  p.discardBody();
  EXPECT_EQ(p.parse("abc", used), Progress::Complete);
  EXPECT_EQ(p.body(), "");
  EXPECT_EQ(p.bodyBytesSeen(), 3u);
}

TEST(RequestParserTest, ReadsByteByByte) {
  RequestParser p({});
  std::string text =
      "POST /api/v1/x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
      "4;name=value\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer-Field: t\r\n\r\n";
  std::string pending;
  Progress last = Progress::NeedMore;
  for (char c : text) {
    pending += c;
    std::size_t used = 0;
    last = p.parse(pending, used);
    pending.erase(0, used);
    if (last == Progress::Head) {
      p.readBody();
      last = p.parse(pending, used);
      pending.erase(0, used);
    }
    ASSERT_NE(last, Progress::Failed) << p.failure().message;
  }
  EXPECT_EQ(last, Progress::Complete);
  EXPECT_EQ(p.body(), "Wikipedia");
  EXPECT_EQ(p.head().framing, BodyFraming::Chunked);
  EXPECT_FALSE(p.head().field("Trailer-Field"));  // trailers are not merged into the header fields
}

TEST(RequestParserTest, ResetReadsTheNextRequest) {
  RequestParser p({});
  std::string two = "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.0\r\n\r\n";
  Parsed first = parseAll(p, two);
  ASSERT_EQ(first.progress, Progress::Complete);
  p.reset();
  Parsed second = parseAll(p, std::string_view(two).substr(first.consumed));
  ASSERT_EQ(second.progress, Progress::Complete);
  EXPECT_EQ(p.head().target, "/b");
  EXPECT_EQ(p.head().minorVersion, 0);
  EXPECT_FALSE(p.head().keepAlive);  // HTTP/1.0 without keep-alive, and no Host needed
}

TEST(RequestParserTest, ConnectionOptions) {
  RequestParser close({});
  ASSERT_EQ(parseAll(close, "GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Close\r\n\r\n").progress,
            Progress::Complete);
  EXPECT_FALSE(close.head().keepAlive);
  RequestParser keep({});
  ASSERT_EQ(parseAll(keep, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").progress, Progress::Complete);
  EXPECT_TRUE(keep.head().keepAlive);
}

TEST(RequestParserTest, IgnoresEmptyLinesBeforeTheRequestLineAndAcceptsBareLf) {
  RequestParser p({});
  Parsed r = parseAll(p, "\r\n\nGET / HTTP/1.1\nHost: h\n\n");
  EXPECT_EQ(r.progress, Progress::Complete);
  EXPECT_EQ(p.head().method, "GET");
}

TEST(RequestParserTest, AcceptsAbsoluteFormAndAsterisk) {
  RequestParser a({});
  EXPECT_EQ(parseAll(a, "GET http://h:1/dav/?q HTTP/1.1\r\nHost: h:1\r\n\r\n").progress, Progress::Complete);
  RequestParser b({});
  EXPECT_EQ(parseAll(b, "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").progress, Progress::Complete);
}

TEST(RequestParserTest, Host) {
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost: evil\"><x\r\n\r\n"), 400);
  RequestParser v6({});
  EXPECT_EQ(parseAll(v6, "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n").progress, Progress::Complete);
}

TEST(RequestParserTest, ContentLengthMustBeOneNumber) {
  RequestParser twice({});
  EXPECT_EQ(parseAll(twice, "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
                .progress,
            Progress::Failed);
  EXPECT_EQ(twice.failure().status, 400);
  EXPECT_NE(twice.failure().message.find("even when they are equal"), std::string::npos);
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc"), 400);
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: +3\r\n\r\nabc"), 400);
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 0x3\r\n\r\nabc"), 400);
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\nabc"), 400);
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n"), 400);
}

TEST(RequestParserTest, TransferEncoding) {
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"),
            400);
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"), 501);
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n"),
            400);  // length unknown
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("PUT / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"), 400);
  RequestParser split({});  // several fields make one list
  EXPECT_EQ(
      parseAll(split,
               "PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n")
          .progress,
      Progress::Failed);
  EXPECT_EQ(split.failure().status, 501);
}

TEST(RequestParserTest, MalformedChunks) {
  const std::string head = "PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
  EXPECT_EQ(failureOf(head + "z\r\n"), 400);
  EXPECT_EQ(failureOf(head + "3\r\nabcdef\r\n"), 400);  // longer than its size
  EXPECT_EQ(failureOf(head + "3 junk\r\n"), 400);
  EXPECT_EQ(failureOf(head + "3;" + std::string(2000, 'x') + "\r\n"), 400);  // bounded size line
  EXPECT_EQ(failureOf(head + "fffffffffffffffff\r\n"), 413);
}

TEST(RequestParserTest, FieldSyntax) {
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  folded\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost : h\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost: h\r\nNo colon\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n"), 400);  // bare CR
  constexpr char kNul[] = "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\0b\r\n\r\n";
  EXPECT_EQ(failureOf(std::string(kNul, sizeof kNul - 1)), 400);
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost: h\r\n(bad): a\r\n\r\n"), 400);
}

TEST(RequestParserTest, RequestLine) {
  EXPECT_EQ(failureOf("GET /\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET  / HTTP/1.1\r\nHost: h\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET / HTTP/1.1 \r\nHost: h\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET nopath HTTP/1.1\r\nHost: h\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("G(T / HTTP/1.1\r\nHost: h\r\n\r\n"), 400);
  EXPECT_EQ(failureOf(std::string(33, 'M') + " / HTTP/1.1\r\nHost: h\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET / HTTP/2.0\r\nHost: h\r\n\r\n"), 505);
  EXPECT_EQ(failureOf("GET / HTTP/1.2\r\nHost: h\r\n\r\n"), 505);
  EXPECT_EQ(failureOf("GET / http/1.1\r\nHost: h\r\n\r\n"), 400);
  EXPECT_EQ(failureOf("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n"), 414);
}

TEST(RequestParserTest, HeaderLimits) {
  ParserLimits small;
  small.maxFields = 3;
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", small), 431);
  EXPECT_EQ(failureOf("GET / HTTP/1.1\r\nHost: h\r\nA: " + std::string(9000, 'a') + "\r\n\r\n"), 431);
  std::string many = "GET / HTTP/1.1\r\nHost: h\r\n";
  for (int i = 0; i < 20; ++i) many += "X-" + std::to_string(i) + ": " + std::string(4000, 'v') + "\r\n";
  EXPECT_EQ(failureOf(many + "\r\n"), 431);  // each line is fine, the block is over 64 KiB
  // An unfinished line is refused as soon as it is too long, not when it ends.
  RequestParser p({});
  std::size_t used = 0;
  EXPECT_EQ(p.parse("GET / HTTP/1.1\r\nHost: h\r\nA: " + std::string(9000, 'a'), used), Progress::Failed);
  EXPECT_EQ(p.failure().status, 431);
}

TEST(RequestParserTest, BodyLimit) {
  ParserLimits small;
  small.maxBody = 10;
  EXPECT_EQ(failureOf("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", small), 413);
  EXPECT_EQ(
      failureOf("PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\n", small),
      413);
  RequestParser p(small);
  EXPECT_EQ(parseAll(p, "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789").progress,
            Progress::Complete);
}

TEST(RequestParserTest, AnUnfinishedBodyIsNeverComplete) {
  RequestParser p({});
  Parsed r = parseAll(p, "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nshort");
  EXPECT_EQ(r.progress, Progress::NeedMore);
  EXPECT_EQ(p.bodyBytesSeen(), 5u);
  EXPECT_TRUE(p.started());
}

}  // namespace
}  // namespace bookdav::server::http
