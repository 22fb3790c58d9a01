#include "domain/booking/ClosedTimes.h"

namespace bookdav::domain {

const ClosedTimes::Closed* ClosedTimes::closuresOf(const std::string& resourceId) {
  auto it = resources_.find(resourceId);
  if (it == resources_.end()) {
    std::optional<Closed> closed;
    if (std::optional<Resource> r = data_.resource(resourceId)) {
      closed.emplace();
      closed->name = r->name.empty() ? r->id : r->name;
      closed->spans = closureIntervals(r->hours, r->hoursZone(), days_);
      for (const Closure& c : r->hours.closed) closed->notes.push_back(c.note);
    }
    it = resources_.emplace(resourceId, std::move(closed)).first;
  }
  return it->second ? &*it->second : nullptr;
}

std::optional<std::string> ClosedTimes::during(std::span<const std::string> resourceIds, Interval time,
                                               std::optional<SessionId> except) {
  for (const std::string& id : resourceIds) {
    const Closed* closed = closuresOf(id);
    if (!closed) continue;
    for (size_t i = 0; i < closed->spans.size(); ++i)
      if (closed->spans[i].overlaps(time))
        return closed->name + " is closed" + (closed->notes[i].empty() ? "" : ": " + closed->notes[i]);
    for (const Session& s : data_.sessionsOnResource(id, time))
      if (s.kind == SessionKind::TimeOff && s.active() && s.id != except.value_or(0) && s.time.overlaps(time))
        return closed->name + " is away" + (s.title.empty() ? "" : ": " + s.title);
  }
  return std::nullopt;
}

}  // namespace bookdav::domain
