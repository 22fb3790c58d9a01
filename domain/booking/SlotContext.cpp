#include "domain/booking/SlotContext.h"

namespace bookdav::domain {

SlotContext loadSlotContext(BookingData& data, const Service& service, Interval starts) {
  SlotContext ctx;
  ctx.service = service;
  switch (service.kind) {
    case ServiceKind::Appointment: {
      std::vector<std::string> ids = service.resourceIds();
      ctx.resources = data.resources(ids);
      // A candidate [s, s + duration) keeps its buffers free of every other session's occupied span.
      Interval around{starts.start - service.policy.bufferBefore,
                      starts.end + service.duration + service.policy.bufferAfter};
      ctx.busy = data.busySessions(ids, around);
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
