#include "domain/time/Instant.h"

#include <cctype>
#include <cstdio>

namespace bookdav::domain {
namespace {

// Reads exactly n digits at text[pos]; advances pos.
bool digits(std::string_view text, size_t& pos, int n, int& out) {
  if (pos + n > text.size()) return false;
  out = 0;
  for (int i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    out = out * 10 + (c - '0');
  }
  pos += n;
  return true;
}

bool expect(std::string_view text, size_t& pos, char c) {
  if (pos < text.size() && (text[pos] == c || std::tolower(text[pos]) == std::tolower(c))) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

std::string toRfc3339(Instant t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss<Seconds> hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::optional<Instant> parseRfc3339(std::string_view text) {
  size_t pos = 0;
  int y, mo, d, h, mi, s;
  if (!digits(text, pos, 4, y) || !expect(text, pos, '-') || !digits(text, pos, 2, mo) ||
      !expect(text, pos, '-') || !digits(text, pos, 2, d) || !expect(text, pos, 'T') ||
      !digits(text, pos, 2, h) || !expect(text, pos, ':') || !digits(text, pos, 2, mi) ||
      !expect(text, pos, ':') || !digits(text, pos, 2, s))
    return std::nullopt;
  if (pos < text.size() && text[pos] == '.') {  // fractional seconds are accepted and dropped
    ++pos;
    size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == start) return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  Instant t = Instant{std::chrono::sys_days{ymd}} + std::chrono::hours{h} + Minutes{mi} + Seconds{s};
  if (expect(text, pos, 'Z')) return pos == text.size() ? std::optional{t} : std::nullopt;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos++] == '+' ? 1 : -1, oh, om;
    if (!digits(text, pos, 2, oh) || !expect(text, pos, ':') || !digits(text, pos, 2, om) ||
        pos != text.size())
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    return t - sign * (std::chrono::hours{oh} + Minutes{om});
  }
  return std::nullopt;
}

std::string toIsoDuration(Seconds d) {
  if (d.count() == 0) return "PT0S";
  std::string out = d.count() < 0 ? "-P" : "P";
  long long s = d.count() < 0 ? -d.count() : d.count();
  long long days = s / 86400;
  s %= 86400;
  if (days) out += std::to_string(days) + "D";
  if (s) {
    out += "T";
    if (s / 3600) out += std::to_string(s / 3600) + "H";
    if (s % 3600 / 60) out += std::to_string(s % 3600 / 60) + "M";
    if (s % 60) out += std::to_string(s % 60) + "S";
  }
  return out;
}

std::optional<Seconds> parseIsoDuration(std::string_view text) {
  size_t pos = 0;
  int sign = 1;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) sign = text[pos++] == '-' ? -1 : 1;
  if (!expect(text, pos, 'P')) return std::nullopt;
  long long total = 0;
  bool inTime = false, any = false;
  while (pos < text.size()) {
    if (expect(text, pos, 'T')) {
      if (inTime) return std::nullopt;
      inTime = true;
      continue;
    }
    size_t start = pos;
    long long n = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      n = n * 10 + (text[pos++] - '0');
      if (n > 100'000'000) return std::nullopt;
    }
    if (pos == start || pos >= text.size()) return std::nullopt;
    char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos++])));
    if (!inTime && unit == 'W')
      total += n * 7 * 86400;
    else if (!inTime && unit == 'D')
      total += n * 86400;
    else if (inTime && unit == 'H')
      total += n * 3600;
    else if (inTime && unit == 'M')
      total += n * 60;
    else if (inTime && unit == 'S')
      total += n;
    else
      return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return Seconds{sign * total};
}

}  // namespace bookdav::domain
