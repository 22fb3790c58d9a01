// Changes that would take time from active bookings (DESIGN.md's JSON API and CalDAV faces, README
// "conflicts-with-bookings"): new or moved time off, one-off class sessions and session changes, and
// working hours that close time. Inside the caller's write transaction they are refused, naming the
// bookings in the way, unless the business forces them; forced, the business cancels what is in the way.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/booking/BookingStore.h"
#include "domain/booking/LocalDays.h"
#include "domain/time/LocalTime.h"

namespace bookdav::domain {

// Active bookings (CONFIRMED, PENDING, WAITLISTED) of scheduled sessions on any of `resourceIds` that
// overlap `time` and have not ended at `now`; the session `except` (the one being changed) and time off
// do not count. One entry per booking, in start order.
std::vector<BookingConflict> bookingsOverlapping(BookingData& data, std::span<const std::string> resourceIds,
                                                 Interval time, Instant now,
                                                 std::optional<SessionId> except = std::nullopt);

// The bookings new working hours of `resource` would take time from: appointments that the old hours
// covered and the new ones do not, and class and course sessions a new closure covers.
std::vector<BookingConflict> bookingsClosedBy(BookingData& data, const Resource& resource,
                                              const WorkingHours& next, LocalDays& days, Instant now);

// What a forced change does with what is in the way.
enum class InTheWay {
  Closed,    // time off, closures: appointment bookings are canceled; class and course sessions are
             // closed (ClosedTimes, applyClosures), which cancels class bookings and keeps course ones
  Occupied,  // a class session moved or added over them: appointment bookings are canceled, class and
             // course sessions are canceled as the business cancels them (Timetable::cancelSession)
};

// Refuses `change` ("time off on ana from ...") with conflicts-with-bookings, naming each booking,
// unless `force`. Forced, clears the way (see InTheWay); returns the bookings canceled.
std::vector<BookingId> settleConflicts(BookingData& data, const std::vector<BookingConflict>& conflicts,
                                       bool force, InTheWay how, const std::string& change,
                                       const ZoneRules& zones, Instant now);

}  // namespace bookdav::domain
