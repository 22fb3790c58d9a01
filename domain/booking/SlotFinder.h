// Computes bookable slots (DESIGN.md, "Free slots as VFREEBUSY"): appointments from the intersection of
// the needed resources' working hours minus their sessions and buffers, on the service's slot grid;
// classes from sessions with places (or waitlist room) left; courses as one slot for the whole series.
// Pure: it reads only the SlotContext it is given, so the booking transaction calls the same code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/booking/Slot.h"
#include "domain/booking/SlotContext.h"
#include "domain/time/LocalTime.h"

namespace bookdav::domain {

// The appointment slot grid: candidate starts are the wall-clock times midnight + k * granularity of
// each local day in the service's zone (granularity 0 = the duration), so slots sit at 09:00, 09:30...
// on every day, DST-change days included. A grid time that does not exist (spring-forward gap) is
// skipped; one that exists twice (fall-back overlap) is offered at both its instants (02:30 CEST and
// 02:30 CET) when the resources work then.
class SlotFinder {
 public:
  explicit SlotFinder(const ZoneRules& rules) : rules_(rules) {}

  // The slots starting within query.range, in start order.
  std::vector<Slot> find(const SlotContext& ctx, const SlotQuery& query, Instant now) const;

  // Appointments: the slot starting exactly at `start`, assigning `resourceId` in its group when given.
  struct AppointmentCheck {
    std::optional<Slot> slot;
    Refusal refusal = Refusal::SlotUnavailable;  // when there is no slot
    bool lostRace = false;  // the start is free in the working hours; other appointments hold it
  };
  AppointmentCheck appointmentAt(const SlotContext& ctx, Instant start,
                                 const std::optional<std::string>& resourceId, Instant now,
                                 bool enforcePolicy) const;

 private:
  std::vector<Slot> appointmentSlots(const SlotContext& ctx, const SlotQuery& query, Instant now) const;
  std::vector<Slot> classSlots(const SlotContext& ctx, const SlotQuery& query, Instant now) const;
  std::vector<Slot> courseSlots(const SlotContext& ctx, const SlotQuery& query, Instant now) const;

  const ZoneRules& rules_;
};

}  // namespace bookdav::domain
