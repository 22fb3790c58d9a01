// A strict, incremental HTTP/1.1 request parser (RFC 9112): request line, header fields, and a body
// framed by Content-Length or the chunked coding (extensions and trailers), within fixed limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bookdav::server::http {

struct ParserLimits {
  std::size_t maxMethod = 32;
  std::size_t maxLine = 8 * 1024;  // request line, one header field line, one trailer line
  std::size_t maxFields = 100;     // header fields and trailer fields, each
  std::size_t maxHeaderBlock = 64 * 1024;
  std::size_t maxChunkLine = 1024;  // chunk size plus extensions
  std::uint64_t maxBody = 32 * 1024 * 1024;
};

// Why a request cannot be read: the status to answer (400, 413, 414, 431, 501, 505) and a sentence.
// The connection is closed after the answer: where the next request starts is unknown.
struct ParseFailure {
  int status = 400;
  std::string message;
};

enum class BodyFraming { None, Length, Chunked };

// A request's header block, checked: one Host (HTTP/1.1), an unambiguous body length.
struct RequestHead {
  std::string method;
  std::string target;  // as sent: origin-form "/a/b?q", absolute-form "http://h/a", or "*"
  int minorVersion = 1;
  std::vector<std::pair<std::string, std::string>> fields;
  BodyFraming framing = BodyFraming::None;
  std::uint64_t contentLength = 0;  // for BodyFraming::Length
  bool keepAlive = true;
  bool expectsContinue = false;  // "Expect: 100-continue" on HTTP/1.1

  std::optional<std::string_view> field(std::string_view name) const;
};

class RequestParser {
 public:
  enum class Progress {
    NeedMore,  // everything given was consumed; give more bytes
    Head,      // head() is complete; call readBody() or discardBody() to go on
    Complete,  // the request is complete; bytes after it belong to the next request
    Failed,    // failure() says why
  };

  explicit RequestParser(ParserLimits limits) : limits_(limits) {}

  // Parses from `input` (bytes not consumed before); `consumed` tells how many were used. Stops at
  // Head until the caller decides about the body, and at Complete until reset().
  Progress parse(std::string_view input, std::size_t& consumed);

  // After Head: read the body into body(), or skip its bytes (a refused request on a kept connection).
  void readBody() { bodyDecided_ = true; }
  void discardBody() {
    bodyDecided_ = true;
    keepBody_ = false;
  }

  // Whether any byte of this request (beyond empty lines before it) has been consumed.
  bool started() const { return started_; }
  bool headComplete() const { return headDone_; }
  const RequestHead& head() const { return head_; }
  RequestHead& head() { return head_; }
  std::string& body() { return body_; }
  std::uint64_t bodyBytesSeen() const { return bodySeen_; }
  const ParseFailure& failure() const { return failure_; }

  // Ready for the next request on the connection.
  void reset();

 private:
  enum class State { Start, Fields, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };

  Progress fail(int status, std::string message);
  // The next line of input from `pos` without its CRLF (or LF); nullopt when it is incomplete.
  std::optional<std::string_view> nextLine(std::string_view input, std::size_t& pos, std::size_t limit,
                                           bool& tooLong) const;
  bool parseRequestLine(std::string_view line);
  bool parseFieldLine(std::string_view line, bool trailer);
  bool finishHead();
  bool parseChunkSize(std::string_view line);
  void takeBodyBytes(std::string_view bytes);

  ParserLimits limits_;
  State state_ = State::Start;
  RequestHead head_;
  std::string body_;
  ParseFailure failure_;
  bool started_ = false;
  bool headDone_ = false;
  bool bodyDecided_ = false;
  bool keepBody_ = true;
  std::size_t headBytes_ = 0;     // bytes of the header block consumed so far
  std::size_t trailerBytes_ = 0;  // and of the trailer section
  std::size_t trailerFields_ = 0;
  std::uint64_t remaining_ = 0;  // bytes left of the body (Length) or of the current chunk
  std::uint64_t bodySeen_ = 0;   // body bytes received (kept or skipped)
};

}  // namespace bookdav::server::http
