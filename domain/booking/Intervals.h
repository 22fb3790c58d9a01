// Sets of instants as sorted, disjoint, non-adjacent half-open intervals: the arithmetic behind
// availability (working hours minus busy time) and free/busy answers.
#pragma once

#include <vector>

#include "domain/time/Instant.h"

namespace bookdav::domain {

using Intervals = std::vector<Interval>;

// 1900-01-01 to 2200-01-01: every time the booking engine deals with ("all sessions of a course").
inline constexpr Interval kAllTime{Instant{Seconds{-2208988800}}, Instant{Seconds{7258118400}}};

// Sorts and merges overlapping or touching intervals; drops empty ones.
Intervals normalized(Intervals set);
// a minus b; both normalized.
Intervals subtract(const Intervals& a, const Intervals& b);
// The parts of a normalized set inside range.
Intervals clip(const Intervals& set, Interval range);
// The parts of range not covered by a normalized set.
Intervals complement(const Intervals& set, Interval range);

}  // namespace bookdav::domain
