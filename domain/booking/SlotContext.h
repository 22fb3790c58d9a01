// Everything SlotFinder needs to know about one service around one range, read from one snapshot (or
// from inside the write transaction that is about to book).
#pragma once

#include <optional>
#include <vector>

#include "domain/booking/BookingStore.h"

namespace bookdav::domain {

struct SlotContext {
  Service service;
  std::vector<Resource>
      resources;                  // appointments: the resources the service's groups name (those that exist)
  std::vector<BusyTime> busy;     // appointments: what keeps those resources busy near the range
  std::vector<Session> sessions;  // classes: the service's sessions in the range; courses: all of them
  std::optional<SessionId> ignoring;  // a reschedule's own session, treated as free
};

// Reads the context for slots of `service` that start within `starts`; for appointments, only the
// resources a query restricted to `onlyResources` can use (see restrictGroups).
SlotContext loadSlotContext(BookingData& data, const Service& service, Interval starts,
                            const std::vector<std::string>& onlyResources = {});

}  // namespace bookdav::domain
