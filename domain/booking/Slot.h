// A slot: an available period that can still be booked (DESIGN.md, "Terms"), and the question that
// asks for slots. One slot per bookable start: never merged, so a client can book at any slot's start.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/booking/Ids.h"
#include "domain/booking/Refusal.h"
#include "domain/time/Instant.h"

namespace bookdav::domain {

struct Slot {
  Interval time;  // courses: the first session still to come (the first session before the course starts)
  // Appointments: the resources a booking made now would get (one per group); classes and courses:
  // the resources of the session(s).
  std::vector<std::string> resourceIds;
  std::vector<SessionId> sessionIds;  // a class: its session; a course: all sessions; appointments: none
  int openPlaces = 0;   // appointments: how many bookings could start here now (the tightest group)
  int totalPlaces = 0;  // appointments: the size of the tightest group; sessions: their capacity
  bool bookable = true;
  bool waitlist = false;          // full, but a booking would join the waitlist
  bool needsApproval = false;     // a booking would be PENDING until the business approves it
  std::optional<Refusal> reason;  // why not bookable (only with SlotQuery::includeUnbookable)
};

struct SlotQuery {
  std::string serviceId;
  Interval range;  // slots whose start lies in [range.start, range.end)
  // Appointments: consider only these resources in the groups they belong to (a group none of them
  // belongs to stays whole). Empty = all.
  std::vector<std::string> resourceIds;
  std::optional<Instant> now;  // default: the clock
  // Apply minimum notice and horizon (the business's own views may not).
  bool enforcePolicy = true;
  // Classes and courses: also list full, locked and out-of-window sessions, with bookable = false.
  bool includeUnbookable = false;
};

}  // namespace bookdav::domain
