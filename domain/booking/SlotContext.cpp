#include "domain/booking/SlotContext.h"

namespace bookdav::domain {

SlotContext loadSlotContext(BookingData& data, const Service& service, Interval starts,
                            const std::vector<std::string>& onlyResources) {
  SlotContext ctx;
  ctx.service = service;
  switch (service.kind) {
    case ServiceKind::Appointment: {
      Service restricted;
      restricted.resources = restrictGroups(service.resources, onlyResources);
      std::vector<std::string> ids = restricted.resourceIds();
      ctx.resources = data.resources(ids);
      // A candidate [s, s + duration) keeps its buffers free of every other session's occupied span.
      Interval around{starts.start - service.policy.bufferBefore,
                      starts.end + service.duration + service.policy.bufferAfter};
      ctx.busy = data.busyTimes(ids, around);
      break;
    }
    case ServiceKind::Class:
      ctx.sessions = data.sessionsOfService(service.id, starts);
      break;
    case ServiceKind::Course:
      ctx.sessions = data.sessionsOfService(service.id, kAllTime);
      break;
  }
  return ctx;
}

}  // namespace bookdav::domain
