// Wall-clock values in JSON, as business files and the API write them: times of day ("09:00",
// "24:00" as an end), dates ("2026-12-01"), local date-times ("2026-12-07T18:30") and weekday
// sets (["MO", "WE"]). Reads throw InvalidInput naming the field.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/booking/Weekdays.h"
#include "domain/time/LocalTime.h"
#include "server/api/JsonInput.h"
#include "server/api/JsonOutput.h"

namespace bookdav::server::api {

std::optional<domain::Seconds> parseTimeOfDay(std::string_view text, bool allowMidnightEnd);
std::optional<domain::LocalDateTime> parseLocalDateTime(std::string_view text);
std::string localDateTimeText(const domain::LocalDateTime& local);  // "2026-12-07T18:30"
std::string dateText(std::chrono::year_month_day date);             // "2026-12-07"

std::optional<domain::Seconds> readTimeOfDay(JsonFields& fields, std::string_view name,
                                             bool allowMidnightEnd);
std::optional<std::chrono::year_month_day> readDate(JsonFields& fields, std::string_view name);
std::optional<domain::LocalDateTime> readLocalDateTime(JsonFields& fields, std::string_view name);
domain::LocalDateTime localDateTimeValue(const JsonValue& value, const std::string& path);
// A non-empty array of two-letter weekday codes, MO to SU.
std::optional<domain::Weekdays> readWeekdays(JsonFields& fields, std::string_view name);
JsonArray weekdaysJson(const domain::Weekdays& days);

}  // namespace bookdav::server::api
