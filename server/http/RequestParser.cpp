#include "server/http/RequestParser.h"

#include <strings.h>

#include <algorithm>

namespace bookdav::server::http {
namespace {

bool isTchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool isToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return isTchar(c); });
}

// field-vchar, SP, HTAB and obs-text: everything but the controls (CR, LF, NUL, DEL, ...).
bool isFieldText(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c == '\t' || (c >= 0x20 && c != 0x7f);
  });
}

bool isWhite(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && isWhite(s.front())) s.remove_prefix(1);
  while (!s.empty() && isWhite(s.back())) s.remove_suffix(1);
  return s;
}

bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && sameName(s.substr(0, prefix.size()), prefix);
}

// The elements of a comma-separated list (RFC 9110 5.6.1), trimmed, empty ones dropped.
std::vector<std::string_view> listElements(std::string_view value) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t comma = value.find(',');
    std::string_view element = trim(value.substr(0, comma));
    if (!element.empty()) out.push_back(element);
    if (comma == std::string_view::npos) return out;
    value.remove_prefix(comma + 1);
  }
}

// Host is uri-host [":" port]: a reg-name, IPv4 address or IP literal (RFC 3986 3.2.2); it ends up
// in the absolute URLs bookdav writes, so nothing else gets through.
bool isHostValue(std::string_view host) {
  return std::all_of(host.begin(), host.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-._~!$&'()*+,;=%:[]").find(ch) != std::string_view::npos;
  });
}

}  // namespace

std::optional<std::string_view> RequestHead::field(std::string_view name) const {
  for (const auto& [n, v] : fields) {
    if (sameName(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

void RequestParser::reset() {
  state_ = State::Start;
  head_ = RequestHead{};
  body_.clear();
  failure_ = ParseFailure{};
  started_ = false;
  headDone_ = false;
  bodyDecided_ = false;
  keepBody_ = true;
  headBytes_ = 0;
  trailerBytes_ = 0;
  trailerFields_ = 0;
  remaining_ = 0;
  bodySeen_ = 0;
}

RequestParser::Progress RequestParser::fail(int status, std::string message) {
  state_ = State::Failed;
  failure_ = ParseFailure{status, std::move(message)};
  return Progress::Failed;
}

std::optional<std::string_view> RequestParser::nextLine(std::string_view input, std::size_t& pos,
                                                        std::size_t limit, bool& tooLong) const {
  std::string_view rest = input.substr(pos);
  std::size_t newline = rest.substr(0, limit + 2).find('\n');
  if (newline == std::string_view::npos) {
    tooLong = rest.size() > limit + 1;  // a CR may still come before the LF
    return std::nullopt;
  }
  std::string_view line = rest.substr(0, newline);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > limit) {
    tooLong = true;
    return std::nullopt;
  }
  pos += newline + 1;
  return line;
}

RequestParser::Progress RequestParser::parse(std::string_view input, std::size_t& consumed) {
  std::size_t pos = 0;
  consumed = 0;
  if (!input.empty()) started_ = true;
  const std::string limitText = std::to_string(limits_.maxLine);
  while (true) {
    if (state_ == State::Failed) return Progress::Failed;
    if (state_ > State::Fields && !bodyDecided_) {
      consumed = pos;
      return Progress::Head;
    }
    bool tooLong = false;
    switch (state_) {
      case State::Start:
      case State::Fields: {
        std::size_t before = pos;
        auto line = nextLine(input, pos, limits_.maxLine, tooLong);
        if (!line) {
          if (tooLong && state_ == State::Start)
            return fail(414, "the request line is longer than " + limitText + " bytes");
          if (tooLong) return fail(431, "a header field line is longer than " + limitText + " bytes");
          if (headBytes_ + (input.size() - pos) > limits_.maxHeaderBlock)
            return fail(
                431, "the header block is longer than " + std::to_string(limits_.maxHeaderBlock) + " bytes");
          consumed = pos;
          return Progress::NeedMore;
        }
        headBytes_ += pos - before;
        if (headBytes_ > limits_.maxHeaderBlock)
          return fail(431,
                      "the header block is longer than " + std::to_string(limits_.maxHeaderBlock) + " bytes");
        if (state_ == State::Start) {
          if (line->empty()) break;  // empty lines before a request line are ignored (RFC 9112 2.2)
          if (!parseRequestLine(*line)) return Progress::Failed;
          state_ = State::Fields;
        } else if (line->empty()) {
          if (!finishHead()) return Progress::Failed;
        } else if (!parseFieldLine(*line, false)) {
          return Progress::Failed;
        }
        break;
      }
      case State::Body:
      case State::ChunkData: {
        std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, input.size() - pos));
        takeBodyBytes(input.substr(pos, n));
        pos += n;
        remaining_ -= n;
        if (remaining_ > 0) {
          consumed = pos;
          return Progress::NeedMore;
        }
        state_ = state_ == State::Body ? State::Done : State::ChunkDataEnd;
        break;
      }
      case State::ChunkSize: {
        auto line = nextLine(input, pos, limits_.maxChunkLine, tooLong);
        if (!line) {
          if (tooLong)
            return fail(
                400, "a chunk size line is longer than " + std::to_string(limits_.maxChunkLine) + " bytes");
          consumed = pos;
          return Progress::NeedMore;
        }
        if (!parseChunkSize(*line)) return Progress::Failed;
        state_ = remaining_ == 0 ? State::Trailers : State::ChunkData;
        break;
      }
      case State::ChunkDataEnd: {
        std::string_view rest = input.substr(pos);
        if (rest.empty() || (rest[0] == '\r' && rest.size() < 2)) {
          consumed = pos;
          return Progress::NeedMore;
        }
        if (rest[0] == '\n') {
          pos += 1;
        } else if (rest[0] == '\r' && rest[1] == '\n') {
          pos += 2;
        } else {
          return fail(400, "a chunk of the body is longer than its size line says");
        }
        state_ = State::ChunkSize;
        break;
      }
      case State::Trailers: {
        std::size_t before = pos;
        auto line = nextLine(input, pos, limits_.maxLine, tooLong);
        if (!line) {
          if (tooLong) return fail(431, "a trailer field line is longer than " + limitText + " bytes");
          consumed = pos;
          return Progress::NeedMore;
        }
        trailerBytes_ += pos - before;
        if (trailerBytes_ > limits_.maxHeaderBlock)
          return fail(
              431, "the trailer section is longer than " + std::to_string(limits_.maxHeaderBlock) + " bytes");
        if (line->empty()) {
          state_ = State::Done;
        } else if (!parseFieldLine(*line, true)) {
          return Progress::Failed;
        }
        break;
      }
      case State::Done:
        consumed = pos;
        return Progress::Complete;
      case State::Failed:
        return Progress::Failed;
    }
  }
}

bool RequestParser::parseRequestLine(std::string_view line) {
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) {
    fail(400, "the request line is not METHOD TARGET HTTP-VERSION");
    return false;
  }
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!isToken(method)) {
    fail(400, "the request method is not a token");
    return false;
  }
  if (method.size() > limits_.maxMethod) {
    fail(400, "the request method is longer than " + std::to_string(limits_.maxMethod) + " characters");
    return false;
  }
  const bool visible = std::all_of(target.begin(), target.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  const bool knownForm =
      !target.empty() && (target[0] == '/' || target == "*" || startsWithNoCase(target, "http://") ||
                          startsWithNoCase(target, "https://"));
  if (!visible || !knownForm) {
    fail(400, "the request target is malformed");
    return false;
  }
  const bool digits = version.size() == 8 && version.substr(0, 5) == "HTTP/" && version[5] >= '0' &&
                      version[5] <= '9' && version[6] == '.' && version[7] >= '0' && version[7] <= '9';
  if (!digits) {
    fail(400, "the request line does not end in an HTTP version");
    return false;
  }
  if (version[5] != '1' || version[7] > '1') {
    fail(505, "bookdav speaks HTTP/1.1 and HTTP/1.0, not " + std::string(version));
    return false;
  }
  head_.method = std::string(method);
  head_.target = std::string(target);
  head_.minorVersion = version[7] - '0';
  return true;
}

bool RequestParser::parseFieldLine(std::string_view line, bool trailer) {
  if (isWhite(line[0])) {
    fail(400, "a header line starts with whitespace: line folding (obs-fold) is not accepted (RFC 9112 5.2)");
    return false;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    fail(400, "a header line has no colon");
    return false;
  }
  std::string_view name = line.substr(0, colon);
  if (!name.empty() && isWhite(name.back())) {
    fail(400, "a header name is followed by whitespace before its colon (RFC 9112 5.1)");
    return false;
  }
  if (!isToken(name)) {
    fail(400, "a header name is not a token");
    return false;
  }
  std::string_view value = trim(line.substr(colon + 1));
  if (!isFieldText(value)) {
    fail(400, "the " + std::string(name) + " header holds a control character");
    return false;
  }
  const std::size_t count = trailer ? ++trailerFields_ : head_.fields.size() + 1;
  if (count > limits_.maxFields) {
    fail(431, std::string(trailer ? "the trailer has" : "the request has") + " more than " +
                  std::to_string(limits_.maxFields) + " header fields");
    return false;
  }
  if (!trailer) head_.fields.emplace_back(std::string(name), std::string(value));  // trailers are dropped
  return true;
}

bool RequestParser::finishHead() {
  std::vector<std::string_view> hosts, lengths, codings, connection;
  bool transferEncoding = false;
  for (const auto& [name, value] : head_.fields) {
    if (sameName(name, "Host")) hosts.push_back(value);
    if (sameName(name, "Content-Length")) lengths.push_back(value);
    if (sameName(name, "Transfer-Encoding")) {
      transferEncoding = true;
      for (auto c : listElements(value)) codings.push_back(c);
    }
    if (sameName(name, "Connection")) {
      for (auto c : listElements(value)) connection.push_back(c);
    }
    if (sameName(name, "Expect") && head_.minorVersion == 1 && sameName(trim(value), "100-continue"))
      head_.expectsContinue = true;
  }
  if (hosts.size() > 1) {
    fail(400,
         "the request has " + std::to_string(hosts.size()) + " Host header fields; it needs exactly one");
    return false;
  }
  if (hosts.empty() && head_.minorVersion == 1) {
    fail(400, "an HTTP/1.1 request needs a Host header (RFC 9112 3.2)");
    return false;
  }
  if (!hosts.empty() && !isHostValue(hosts[0])) {
    fail(400, "the Host header is not a host name or address with an optional port");
    return false;
  }

  auto option = [&](std::string_view name) {
    return std::any_of(connection.begin(), connection.end(), [&](auto o) { return sameName(o, name); });
  };
  head_.keepAlive = (head_.minorVersion == 1 || option("keep-alive")) && !option("close");

  if (transferEncoding) {
    if (!lengths.empty()) {
      fail(400,
           "the request has both Content-Length and Transfer-Encoding; its length is ambiguous "
           "(RFC 9112 6.3)");
      return false;
    }
    if (head_.minorVersion == 0) {
      fail(400, "Transfer-Encoding is not part of HTTP/1.0 (RFC 9112 6.1)");
      return false;
    }
    const auto chunked =
        std::count_if(codings.begin(), codings.end(), [](auto c) { return sameName(c, "chunked"); });
    if (codings.empty() || !sameName(codings.back(), "chunked") || chunked > 1) {
      fail(400,
           "chunked must be the last transfer coding, and only once; the body's length cannot be known "
           "(RFC 9112 6.3)");
      return false;
    }
    if (codings.size() > 1) {
      fail(501, "bookdav decodes only the chunked transfer coding, not " + std::string(codings[0]));
      return false;
    }
    head_.framing = BodyFraming::Chunked;
    state_ = State::ChunkSize;
    headDone_ = true;
    return true;
  }

  if (lengths.size() > 1 || (lengths.size() == 1 && lengths[0].find(',') != std::string_view::npos)) {
    fail(400,
         "the request has several Content-Length values; bookdav takes exactly one, even when they are "
         "equal");
    return false;
  }
  if (lengths.size() == 1) {
    std::string_view text = lengths[0];
    const bool number = !text.empty() && text.size() <= 18 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!number) {
      fail(400, "Content-Length \"" + std::string(text) + "\" is not a number of bytes");
      return false;
    }
    head_.contentLength = std::stoull(std::string(text));
    if (head_.contentLength > limits_.maxBody) {
      fail(413, "the request body has " + std::to_string(head_.contentLength) + " bytes; bookdav takes " +
                    std::to_string(limits_.maxBody) + " at most");
      return false;
    }
  }
  if (head_.contentLength > 0) {
    head_.framing = BodyFraming::Length;
    remaining_ = head_.contentLength;
    state_ = State::Body;
  } else {
    state_ = State::Done;
  }
  headDone_ = true;
  return true;
}

bool RequestParser::parseChunkSize(std::string_view line) {
  std::size_t digits = 0;
  std::uint64_t size = 0;
  for (; digits < line.size(); ++digits) {
    char c = line[digits];
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (v < 0) break;
    if (digits >= 15) {
      fail(413, "a chunk of the body is larger than bookdav takes");
      return false;
    }
    size = size * 16 + static_cast<std::uint64_t>(v);
  }
  std::string_view rest = trim(line.substr(digits));
  if (digits == 0 || (!rest.empty() && (rest[0] != ';' || !isFieldText(rest)))) {
    fail(400, "a chunk size line is malformed");
    return false;
  }
  if (bodySeen_ + size > limits_.maxBody) {
    fail(413, "the request body is larger than " + std::to_string(limits_.maxBody) + " bytes");
    return false;
  }
  remaining_ = size;
  return true;
}

void RequestParser::takeBodyBytes(std::string_view bytes) {
  bodySeen_ += bytes.size();
  if (keepBody_) body_.append(bytes);
}

}  // namespace bookdav::server::http
