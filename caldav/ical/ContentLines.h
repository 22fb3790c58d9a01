// iCalendar text read as content lines (RFC 5545 §3.1) with their line numbers: unfolding, the
// NAME;PARAM=VALUE:VALUE split, and the exact place where text stops being iCalendar.
//
// libical reports no positions, so objects are checked with this first; calendar files are split
// and merged with it as text.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bookdav::caldav::ical {

// Text that is not iCalendar, at a 1-based line number.
class ContentLineError : public std::runtime_error {
 public:
  ContentLineError(size_t line, std::string message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message),
        line(line),
        message(std::move(message)) {}

  size_t line;
  std::string message;  // without the "line N: " prefix
};

struct ContentLine {
  size_t line = 0;         // number of its first physical line, from 1
  std::string_view raw;    // its physical lines exactly as in the text, folds and line ends included
  std::string text;        // unfolded, without line end
  std::string name;        // upper-cased ("DTSTART", "X-WR-CALNAME")
  size_t paramsBegin = 0;  // text[paramsBegin, colon) are the parameters, each starting with ';'
  size_t colon = 0;        // position of the ':' that starts the value

  std::string_view value() const { return std::string_view(text).substr(colon + 1); }
  std::string_view params() const { return std::string_view(text).substr(paramsBegin, colon - paramsBegin); }
  // The first value of a parameter (name compared case-insensitively), quotes removed.
  std::optional<std::string> param(std::string_view name) const;
  // Every parameter as {upper-cased name, raw value text}.
  std::vector<std::pair<std::string, std::string>> paramList() const;
  bool is(std::string_view upperName, std::string_view value) const;  // e.g. is("BEGIN", "VEVENT")
};

class ContentLineReader {
 public:
  // What the reader refuses in the bytes of a line. Incoming text (what clients send, read by
  // ObjectLayout::scan before anything is stored) must be valid text of a content line
  // (domain/text/ValidText.h with Controls::Tab: no control character but TAB, RFC 5545 3.1, and no
  // U+FFFE/U+FFFF, which the XML of REPORT answers cannot carry). Stored text, read again to answer,
  // is refused only for NUL bytes and invalid UTF-8, so that text stored before that check can still
  // be answered.
  enum class Check { Stored, Incoming };

  explicit ContentLineReader(std::string_view text, Check check = Check::Stored);
  // Reads the next logical line; false at the end. Empty lines are skipped. Throws ContentLineError
  // for bytes the Check refuses and lines that are not NAME[;PARAM=VALUE...]:VALUE.
  bool next(ContentLine& out);
  // Line number of the last physical line read so far.
  size_t lastLine() const { return lineNo_; }

 private:
  // One physical line without its line end; false at the end of the text.
  bool physical(std::string_view& line, size_t& begin, size_t& end);

  std::string_view text_;
  Check check_;
  size_t pos_ = 0;
  size_t lineNo_ = 0;
};

// One unfolded content line as RFC 5545 §3.1 writes it: folded so that no line exceeds 75 octets
// (never inside a UTF-8 sequence), each line ending in CRLF.
std::string foldContentLine(std::string_view unfolded);

// A TEXT value (RFC 5545 §3.3.11) escaped for a content line: backslash, ';', ',' and newlines
// escaped, carriage returns dropped; text that is not valid (stored before bookdav checked it) is
// repaired first (domain::repairText), so that no control character reaches the line.
std::string escapeText(std::string_view text);
// A TEXT value as written on a content line, read exactly as libical 3.0 reads it (so that what
// bookdav checks is what libical stores): \\ \; \, \" give the character, \n \t \r \b \f (either
// case) the control character, any other escape one space; a trailing backslash is dropped.
std::string unescapeText(std::string_view value);

// "BEGIN:VEVENT" etc. compare values case-insensitively.
bool equalsIgnoreCase(std::string_view a, std::string_view b);
std::string upper(std::string_view s);
std::string lower(std::string_view s);  // ASCII letters only, as RFC 5545 names and addresses

}  // namespace bookdav::caldav::ical
