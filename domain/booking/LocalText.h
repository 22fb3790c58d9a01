// Text forms of local dates and wall-clock times used by the booking domain: "2026-12-01",
// "2026-12-01T20:00:00" (session origins, storage) and "10:30 on 2026-12-01" (refusal sentences).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time/LocalTime.h"

namespace bookdav::domain {

std::string formatDate(std::chrono::year_month_day date);
std::optional<std::chrono::year_month_day> parseDate(std::string_view text);

// "2026-12-01T20:00:00"; the time of day may be 24:00:00 only as an end.
std::string formatLocal(const LocalDateTime& local);
std::optional<LocalDateTime> parseLocal(std::string_view text);

// "10:30 on 2026-12-01", the instant read in the zone: the way refusals name a time.
std::string describeTime(const ZoneRules& rules, std::string_view zone, Instant t);

}  // namespace bookdav::domain
