// Instants and intervals of time in UTC: the one representation of time inside bookdav.
// Wall-clock times exist only at the edges (see LocalTime.h) and in iCalendar text.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bookdav::domain {

using Seconds = std::chrono::seconds;
using Minutes = std::chrono::minutes;
using Instant = std::chrono::sys_seconds;  // seconds since 1970-01-01T00:00:00Z

inline Instant fromUnix(std::int64_t seconds) {
  return Instant{Seconds{seconds}};
}
inline std::int64_t toUnix(Instant t) {
  return t.time_since_epoch().count();
}

// A half-open span [start, end).
struct Interval {
  Instant start;
  Instant end;

  bool empty() const { return end <= start; }
  Seconds length() const { return end - start; }
  bool overlaps(const Interval& other) const { return start < other.end && other.start < end; }
  bool contains(Instant t) const { return start <= t && t < end; }
  bool contains(const Interval& other) const { return start <= other.start && other.end <= end; }
  bool operator==(const Interval&) const = default;
};

// "2026-12-01T10:30:00Z".
std::string toRfc3339(Instant t);
// Accepts "2026-12-01T10:30:00Z", fractional seconds, and numeric offsets ("+01:00");
// nullopt for anything else.
std::optional<Instant> parseRfc3339(std::string_view text);

// "PT30M", "P1D", "PT1H30M" (ISO 8601 durations without years or months).
std::string toIsoDuration(Seconds d);
std::optional<Seconds> parseIsoDuration(std::string_view text);

}  // namespace bookdav::domain
