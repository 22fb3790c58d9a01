#include "caldav/ical/ContentLines.h"

#include <algorithm>

#include "domain/text/ValidText.h"

namespace bookdav::caldav::ical {
namespace {

bool nameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Length of the valid UTF-8 sequence at s[i], or 0.
size_t utf8Sequence(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

std::string excerpt(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 40)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += '?';
    } else {
      out += c;
    }
  }
  if (s.size() > 40) out += "...";
  return out;
}

void checkBytes(std::string_view line, size_t lineNo, ContentLineReader::Check check) {
  for (size_t i = 0; i < line.size();) {
    if (line[i] == '\0') throw ContentLineError(lineNo, "contains a NUL byte; binary data is not iCalendar");
    size_t n = utf8Sequence(line, i);
    if (n == 0) throw ContentLineError(lineNo, "is not valid UTF-8");
    i += n;
  }
  if (check == ContentLineReader::Check::Incoming) {
    if (auto fault = domain::findTextFault(line, domain::Controls::Tab))
      throw ContentLineError(lineNo, fault->problem + " at byte " + std::to_string(fault->offset + 1) +
                                         " of the line, which iCalendar text cannot hold");
  }
}

}  // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 32);
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 32);
    if (x != y) return false;
  }
  return true;
}

std::string foldContentLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 74 * 3 + 2);
  size_t width = 0;
  const size_t limit = 75;
  for (size_t i = 0; i < line.size();) {
    size_t n = 1;
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0) {
      n = 4;
    } else if (c >= 0xE0) {
      n = 3;
    } else if (c >= 0xC0) {
      n = 2;
    }
    n = std::min(n, line.size() - i);
    if (width + n > limit) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line.substr(i, n));
    width += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::vector<std::pair<std::string, std::string>> ContentLine::paramList() const {
  std::vector<std::pair<std::string, std::string>> out;
  std::string_view p = params();
  size_t i = 0;
  while (i < p.size() && p[i] == ';') {
    size_t eq = p.find('=', i + 1);
    if (eq == std::string_view::npos) break;
    std::string name = upper(p.substr(i + 1, eq - i - 1));
    size_t j = eq + 1;
    bool quoted = false;
    while (j < p.size() && (quoted || p[j] != ';')) {
      if (p[j] == '"') quoted = !quoted;
      ++j;
    }
    out.emplace_back(std::move(name), std::string(p.substr(eq + 1, j - eq - 1)));
    i = j;
  }
  return out;
}

std::optional<std::string> ContentLine::param(std::string_view wanted) const {
  for (auto& [name, raw] : paramList()) {
    if (!equalsIgnoreCase(name, wanted)) continue;
    std::string v;
    bool quoted = false;
    for (char c : raw) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        break;
      } else {
        v += c;
      }
    }
    return v;
  }
  return std::nullopt;
}

bool ContentLine::is(std::string_view upperName, std::string_view v) const {
  return name == upperName && equalsIgnoreCase(value(), v);
}

ContentLineReader::ContentLineReader(std::string_view text, Check check) : text_(text), check_(check) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a UTF-8 byte order mark
}

bool ContentLineReader::physical(std::string_view& line, size_t& begin, size_t& end) {
  if (pos_ >= text_.size()) return false;
  begin = pos_;
  size_t stop = text_.find_first_of("\r\n", pos_);
  if (stop == std::string_view::npos) {
    line = text_.substr(pos_);
    pos_ = end = text_.size();
  } else {
    line = text_.substr(pos_, stop - pos_);
    pos_ = stop + 1;
    if (text_[stop] == '\r') {
      // libical drops a lone CR and joins what follows to the line, so a lone CR would make the text
      // checked here differ from the text stored: refuse it (LF alone is fine).
      if (pos_ >= text_.size() || text_[pos_] != '\n')
        throw ContentLineError(lineNo_ + 1,
                               "has a carriage return (CR) that is not followed by a line feed (LF)");
      ++pos_;
    }
    end = pos_;
  }
  ++lineNo_;
  checkBytes(line, lineNo_, check_);
  return true;
}

bool ContentLineReader::next(ContentLine& out) {
  std::string_view line;
  size_t begin = 0, end = 0;
  do {
    if (!physical(line, begin, end)) return false;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t'))
      throw ContentLineError(lineNo_, "starts with a space, but there is no line before it to continue");
  } while (line.empty());

  out.line = lineNo_;
  out.text.assign(line);
  // Folded continuation lines start with one space or tab.
  while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) {
    size_t b = 0;
    if (!physical(line, b, end)) break;
    out.text.append(line.substr(1));
  }
  out.raw = text_.substr(begin, end - begin);

  const std::string& t = out.text;
  size_t i = 0;
  while (i < t.size() && nameChar(t[i])) ++i;
  if (i == 0 || i >= t.size() || (t[i] != ';' && t[i] != ':'))
    throw ContentLineError(out.line,
                           "expected NAME:VALUE or NAME;PARAM=VALUE:VALUE but found \"" + excerpt(t) + "\"");
  out.name = upper(std::string_view(t).substr(0, i));
  out.paramsBegin = i;
  while (i < t.size() && t[i] == ';') {
    size_t nameStart = ++i;
    while (i < t.size() && nameChar(t[i])) ++i;
    if (i == nameStart || i >= t.size() || t[i] != '=')
      throw ContentLineError(out.line, "a parameter of " + out.name + " is not NAME=VALUE");
    ++i;
    for (;;) {  // param-value *("," param-value)
      if (i < t.size() && t[i] == '"') {
        size_t close = t.find('"', i + 1);
        if (close == std::string::npos)
          throw ContentLineError(out.line, "a quoted parameter value of " + out.name + " is not closed");
        i = close + 1;
      } else {
        while (i < t.size() && t[i] != ';' && t[i] != ':' && t[i] != ',' && t[i] != '"') ++i;
      }
      if (i < t.size() && t[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    if (i >= t.size() || (t[i] != ';' && t[i] != ':'))
      throw ContentLineError(out.line, "a parameter of " + out.name + " is malformed");
  }
  out.colon = i;
  return true;
}

std::string escapeText(std::string_view given) {
  std::string repaired;
  std::string_view text = given;
  if (!domain::isValidText(text, domain::Controls::TabAndNewlines))
    text = repaired = domain::repairText(text, domain::Controls::TabAndNewlines);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string unescapeText(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\') {
      out += value[i];
      continue;
    }
    if (++i == value.size()) break;  // a trailing backslash is dropped
    switch (value[i]) {
      case 'n':
      case 'N':
        out += '\n';
        break;
      case 't':
      case 'T':
        out += '\t';
        break;
      case 'r':
      case 'R':
        out += '\r';
        break;
      case 'b':
      case 'B':
        out += '\b';
        break;
      case 'f':
      case 'F':
        out += '\f';
        break;
      case ';':
      case ',':
      case '"':
      case '\\':
        out += value[i];
        break;
      default:
        out += ' ';  // an unknown escape reads as one space
    }
  }
  return out;
}

}  // namespace bookdav::caldav::ical
