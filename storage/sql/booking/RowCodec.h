// How booking values are spelled in SQLite columns: id lists, resource groups, names, dates and
// local date-times, and the enums' text forms.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/Service.h"
#include "domain/time/LocalTime.h"

namespace bookdav::storage::sql {

// "ana,room-1" (slugs never contain commas).
std::string joinIds(const std::vector<std::string>& ids);
std::vector<std::string> splitIds(std::string_view text);

// "ana,ben;room-1": groups separated by ';', members by ','.
std::string joinGroups(const std::vector<domain::ResourceGroup>& groups);
std::vector<domain::ResourceGroup> splitGroups(std::string_view text);

// Free-text lists (participant names), separated by the ASCII unit separator.
std::string joinNames(const std::vector<std::string>& names);
std::vector<std::string> splitNames(std::string_view text);

// A duration column that may be NULL (no limit).
std::optional<std::int64_t> secondsOrNull(const std::optional<domain::Seconds>& d);

// Throw StorageError for text that does not parse (a damaged row), so nothing is silently made up.
std::chrono::year_month_day dateColumn(std::string_view text);
domain::LocalDateTime localColumn(std::string_view text);

}  // namespace bookdav::storage::sql
