#include "domain/booking/LocalText.h"

#include <cstdio>

namespace bookdav::domain {
namespace {

bool readNumber(std::string_view text, size_t pos, size_t n, int& out) {
  if (pos + n > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::string formatDate(std::chrono::year_month_day date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

std::optional<std::chrono::year_month_day> parseDate(std::string_view text) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !readNumber(text, 0, 4, y) ||
      !readNumber(text, 5, 2, m) || !readNumber(text, 8, 2, d))
    return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                   std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string formatLocal(const LocalDateTime& local) {
  long long s = local.timeOfDay.count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lld", formatDate(local.date).c_str(), s / 3600,
                s / 60 % 60, s % 60);
  return buf;
}

std::optional<LocalDateTime> parseLocal(std::string_view text) {
  if (text.size() != 19 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  auto date = parseDate(text.substr(0, 10));
  int h, m, s;
  if (!date || !readNumber(text, 11, 2, h) || !readNumber(text, 14, 2, m) || !readNumber(text, 17, 2, s))
    return std::nullopt;
  if (m > 59 || s > 59 || h > 24 || (h == 24 && (m || s))) return std::nullopt;
  return LocalDateTime{*date, Seconds{h * 3600 + m * 60 + s}};
}

std::string describeTime(const ZoneRules& rules, std::string_view zone, Instant t) {
  LocalDateTime local = toLocal(rules, zone, t);
  long long s = local.timeOfDay.count();
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld", s / 3600, s / 60 % 60);
  return std::string(buf) + " on " + formatDate(local.date);
}

}  // namespace bookdav::domain
