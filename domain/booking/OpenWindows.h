// The open windows of an appointment service: the times at which at least one of its slots can be
// booked, merged across its staff into contiguous stretches and cut at its zone's local midnights.
// An appointment calendar shows one event per window (caldav/booking/ComputedMembers).
#pragma once

#include <string_view>
#include <vector>

#include "domain/booking/LocalDays.h"
#include "domain/booking/Service.h"
#include "domain/booking/Slot.h"

namespace bookdav::domain {

// The union of the times of the bookable slots (a slot with only waitlist room is not open), one
// interval per contiguous stretch within each local day of `zone`, in order.
std::vector<Interval> openWindows(const std::vector<Slot>& slots, LocalDays& days, std::string_view zone);

// How far ahead the windows reach: the service's maximum horizon, or kOpenWindowsReach without one.
inline constexpr Seconds kOpenWindowsReach{60 * 24 * 3600};
Seconds openWindowsReach(const Service& service);

// The candidate starts of the slots of `service` on the local day `date` (its slot grid: every
// granularity step from local midnight): every start a window of that day can have.
std::vector<Instant> windowStartsOfDay(const Service& service, LocalDays& days,
                                       std::chrono::year_month_day date);

// The last instant at or before `now` at which the passage of time changed which windows there are:
// when a slot start of the grid stopped being bookable (now passed start - minimum notice) or entered
// the reach (now reached start - reach). Between two such instants the windows change only with the
// booking data, so this instant is the windows' time version (caldav/booking/ComputedMembers).
Instant windowsTimeVersion(const Service& service, LocalDays& days, Instant now);

}  // namespace bookdav::domain
