#include "server/api/LocalTimeJson.h"

#include <array>

#include "domain/booking/LocalText.h"

namespace bookdav::server::api {
namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 7> kDayCodes = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

bool twoDigits(std::string_view text, size_t pos, int& out) {
  if (pos + 2 > text.size()) return false;
  if (text[pos] < '0' || text[pos] > '9' || text[pos + 1] < '0' || text[pos + 1] > '9') return false;
  out = (text[pos] - '0') * 10 + (text[pos + 1] - '0');
  return true;
}

}  // namespace

std::optional<domain::Seconds> parseTimeOfDay(std::string_view text, bool allowMidnightEnd) {
  int h = 0, m = 0, s = 0;
  if (text.size() != 5 && text.size() != 8) return std::nullopt;
  if (!twoDigits(text, 0, h) || text[2] != ':' || !twoDigits(text, 3, m)) return std::nullopt;
  if (text.size() == 8 && (text[5] != ':' || !twoDigits(text, 6, s))) return std::nullopt;
  if (m > 59 || s > 59) return std::nullopt;
  if (h > 24 || (h == 24 && (m || s || !allowMidnightEnd))) return std::nullopt;
  return domain::Seconds{h * 3600 + m * 60 + s};
}

std::optional<domain::LocalDateTime> parseLocalDateTime(std::string_view text) {
  if (text.size() < 16 || text[10] != 'T') return std::nullopt;
  auto date = domain::parseDate(text.substr(0, 10));
  auto time = parseTimeOfDay(text.substr(11), false);
  if (!date || !time) return std::nullopt;
  return domain::LocalDateTime{*date, *time};
}

std::string localDateTimeText(const domain::LocalDateTime& local) {
  return dateText(local.date) + "T" + timeOfDayText(local.timeOfDay);
}

std::string dateText(year_month_day date) {
  return domain::formatDate(date);
}

std::optional<domain::Seconds> readTimeOfDay(JsonFields& fields, std::string_view name,
                                             bool allowMidnightEnd) {
  std::optional<std::string> text = fields.string(name);
  if (!text) return std::nullopt;
  auto t = parseTimeOfDay(*text, allowMidnightEnd);
  if (!t)
    fields.fail(name, "\"" + *text + "\" is not a time of day such as \"09:00\"" +
                          (allowMidnightEnd ? " (\"24:00\" is the end of the day)" : ""));
  return t;
}

std::optional<year_month_day> readDate(JsonFields& fields, std::string_view name) {
  std::optional<std::string> text = fields.string(name);
  if (!text) return std::nullopt;
  auto d = domain::parseDate(*text);
  if (!d) fields.fail(name, "\"" + *text + "\" is not a date such as \"2026-12-01\"");
  return d;
}

domain::LocalDateTime localDateTimeValue(const JsonValue& value, const std::string& path) {
  std::string text = stringValue(value, path);
  auto t = parseLocalDateTime(text);
  if (!t)
    throw InvalidInput(path, "\"" + text + "\" is not a local date and time such as \"2026-12-07T18:30\"");
  return *t;
}

std::optional<domain::LocalDateTime> readLocalDateTime(JsonFields& fields, std::string_view name) {
  JsonValue v = fields.value(name);
  if (v.isEmpty()) return std::nullopt;
  return localDateTimeValue(v, fields.pathOf(name));
}

std::optional<domain::Weekdays> readWeekdays(JsonFields& fields, std::string_view name) {
  std::optional<std::vector<std::string>> codes = fields.strings(name);
  if (!codes) return std::nullopt;
  if (codes->empty()) fields.fail(name, "names no weekday; use codes MO, TU, WE, TH, FR, SA, SU");
  domain::Weekdays days;
  for (size_t i = 0; i < codes->size(); ++i) {
    std::string code = (*codes)[i];
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    bool found = false;
    for (unsigned d = 0; d < kDayCodes.size(); ++d) {
      if (kDayCodes[d] == code) {
        days.add(weekday{d});
        found = true;
      }
    }
    if (!found)
      throw InvalidInput(elementPath(fields.pathOf(name), i),
                         "\"" + (*codes)[i] + "\" is not a weekday; use MO, TU, WE, TH, FR, SA or SU");
  }
  return days;
}

JsonArray weekdaysJson(const domain::Weekdays& days) {
  JsonArray a = newArray();
  for (weekday d : days.list()) a->add(std::string(kDayCodes[d.c_encoding()]));
  return a;
}

}  // namespace bookdav::server::api
