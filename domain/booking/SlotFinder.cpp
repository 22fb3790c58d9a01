#include "domain/booking/SlotFinder.h"

#include <algorithm>

#include "domain/booking/Admission.h"
#include "domain/booking/LocalDays.h"

namespace bookdav::domain {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

namespace {

// The free time of one resource for a new appointment of the service: open hours minus every other
// session's occupied span widened by the new appointment's own buffers. Queried with increasing starts.
struct FreeTime {
  std::string id;
  Intervals free;
  size_t cursor = 0;

  bool fits(Interval slot) {
    while (cursor < free.size() && free[cursor].end < slot.end) ++cursor;
    return cursor < free.size() && free[cursor].start <= slot.start;
  }
};

// The resources of each group of an appointment service, with their free time over a span.
class AppointmentPlan {
 public:
  AppointmentPlan(const SlotContext& ctx, const std::vector<std::string>& only, LocalDays& localDays,
                  Interval span, bool ignoreAppointments) {
    const BookingPolicy& policy = ctx.service.policy;
    for (const ResourceGroup& group : restrictGroups(ctx.service.resources, only)) {
      const std::vector<std::string>& members = group.anyOf;
      std::vector<size_t> indexes;
      for (const std::string& id : members) {
        auto r = std::find_if(ctx.resources.begin(), ctx.resources.end(),
                              [&](const Resource& x) { return x.id == id; });
        if (r == ctx.resources.end()) continue;  // named but gone
        indexes.push_back(indexOf(*r, ctx, localDays, span, policy, ignoreAppointments));
      }
      groups_.push_back(std::move(indexes));
    }
  }

  bool possible() const {
    return !groups_.empty() &&
           std::none_of(groups_.begin(), groups_.end(), [](const auto& g) { return g.empty(); });
  }

  // The resources a booking of `slot` gets (one per group, all different, `preferred` first), or
  // nothing. Also counts open and total places.
  std::optional<std::vector<std::string>> assign(Interval slot, const std::optional<std::string>& preferred,
                                                 int& open, int& total) {
    std::vector<std::vector<size_t>> fitting(groups_.size());
    open = total = 1 << 30;
    for (size_t g = 0; g < groups_.size(); ++g) {
      for (size_t i : groups_[g])
        if (free_[i].fits(slot)) fitting[g].push_back(i);
      if (preferred) {
        auto p = std::find_if(fitting[g].begin(), fitting[g].end(),
                              [&](size_t i) { return free_[i].id == *preferred; });
        if (p != fitting[g].end()) std::rotate(fitting[g].begin(), p, p + 1);
      }
      open = std::min(open, static_cast<int>(fitting[g].size()));
      total = std::min(total, static_cast<int>(groups_[g].size()));
    }
    if (open == 0) return std::nullopt;
    std::vector<size_t> chosen;
    if (!pick(fitting, 0, chosen)) return std::nullopt;
    std::vector<std::string> ids;
    for (size_t i : chosen) ids.push_back(free_[i].id);
    return ids;
  }

  bool contains(std::string_view id) const {
    return std::any_of(free_.begin(), free_.end(), [&](const FreeTime& f) { return f.id == id; });
  }

 private:
  size_t indexOf(const Resource& r, const SlotContext& ctx, LocalDays& localDays, Interval span,
                 const BookingPolicy& policy, bool ignoreAppointments) {
    for (size_t i = 0; i < free_.size(); ++i)
      if (free_[i].id == r.id) return i;
    Intervals busy;
    for (const BusyTime& b : ctx.busy) {
      if (b.resourceId != r.id || (ctx.ignoring && b.sessionId == *ctx.ignoring)) continue;
      if (ignoreAppointments && b.kind == SessionKind::Appointment) continue;
      busy.push_back({b.occupied.start - policy.bufferAfter, b.occupied.end + policy.bufferBefore});
    }
    Intervals open = openIntervals(r.hours, r.hoursZone(), localDays, span);
    free_.push_back(FreeTime{r.id, subtract(open, normalized(std::move(busy)))});
    return free_.size() - 1;
  }

  bool pick(const std::vector<std::vector<size_t>>& fitting, size_t g, std::vector<size_t>& chosen) {
    if (g == fitting.size()) return true;
    for (size_t i : fitting[g]) {
      if (std::find(chosen.begin(), chosen.end(), i) != chosen.end()) continue;
      chosen.push_back(i);
      if (pick(fitting, g + 1, chosen)) return true;
      chosen.pop_back();
    }
    return false;
  }

  std::vector<FreeTime> free_;
  std::vector<std::vector<size_t>> groups_;
};

Seconds stepOf(const Service& s) {
  return s.policy.slotGranularity > Seconds{0} ? s.policy.slotGranularity : s.duration;
}

// The grid starts within `starts`, in order: a grid time that exists twice (the fall-back hour) gives
// both its instants, one that does not exist (the spring-forward gap) none.
std::vector<Instant> gridStarts(LocalDays& localDays, std::string_view zone, Seconds step, Interval starts) {
  std::vector<Instant> out;
  if (starts.empty()) return out;
  const sys_days first = sys_days{localDays.dateOf(zone, starts.start)} - days{1};
  const sys_days last = sys_days{localDays.dateOf(zone, starts.end)};
  for (sys_days d = first; d <= last; d += days{1}) {
    for (Seconds t{0}; t < std::chrono::hours{24}; t += step)
      for (Instant at : localDays.every(zone, year_month_day{d}, t))
        if (starts.contains(at)) out.push_back(at);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The starts the policy lets customers book: [now + notice, now + horizon].
Interval policyWindow(const BookingPolicy& p, Interval range, Instant now, bool enforce) {
  if (!enforce) return range;
  Interval w{std::max(range.start, now + p.minimumNotice), range.end};
  if (p.maximumHorizon) w.end = std::min(w.end, now + *p.maximumHorizon + Seconds{1});
  return w;
}

bool onGrid(LocalDays& localDays, std::string_view zone, Seconds step, Instant t) {
  LocalDateTime local = toLocal(localDays.rules(), zone, t);
  if (local.timeOfDay.count() % step.count() != 0) return false;
  const std::vector<Instant> all = localDays.every(zone, local.date, local.timeOfDay);
  return std::find(all.begin(), all.end(), t) != all.end();
}

// An appointment slot at `time` with the resources a booking would get.
Slot appointmentSlot(const Service& service, Interval time, std::vector<std::string> resourceIds, int open,
                     int total) {
  Slot slot;
  slot.time = time;
  slot.resourceIds = std::move(resourceIds);
  slot.openPlaces = open;
  slot.totalPlaces = total;
  slot.needsApproval = service.policy.manualApproval;
  return slot;
}

// The slot of sessions that exist (one class session, or every session of a course), shown at
// `time`; nothing when it cannot be booked and the query does not ask for such slots.
std::optional<Slot> sessionSlot(const Service& service, std::span<const Session> sessions, Interval time,
                                const SlotQuery& query, Instant now) {
  SessionAdmission admission = admitToSessions(service, sessions, 1, now, query.enforcePolicy);
  if (admission.refusal && !query.includeUnbookable) return std::nullopt;
  Slot slot;
  slot.time = time;
  slot.openPlaces = sessions.front().placesLeft();
  slot.totalPlaces = sessions.front().capacity;
  for (const Session& s : sessions) {
    slot.sessionIds.push_back(s.id);
    for (const std::string& r : s.resourceIds)
      if (std::find(slot.resourceIds.begin(), slot.resourceIds.end(), r) == slot.resourceIds.end())
        slot.resourceIds.push_back(r);
    slot.openPlaces = std::min(slot.openPlaces, s.placesLeft());
    slot.totalPlaces = std::min(slot.totalPlaces, s.capacity);
  }
  slot.bookable = !admission.refusal;
  slot.waitlist = admission.waitlist;
  slot.reason = admission.refusal;
  slot.needsApproval = service.policy.manualApproval;
  return slot;
}

}  // namespace

std::vector<Slot> SlotFinder::find(const SlotContext& ctx, const SlotQuery& query, Instant now) const {
  switch (ctx.service.kind) {
    case ServiceKind::Appointment:
      return appointmentSlots(ctx, query, now);
    case ServiceKind::Class:
      return classSlots(ctx, query, now);
    case ServiceKind::Course:
      return courseSlots(ctx, query, now);
  }
  return {};
}

std::vector<Slot> SlotFinder::appointmentSlots(const SlotContext& ctx, const SlotQuery& query,
                                               Instant now) const {
  const Service& service = ctx.service;
  Interval starts = policyWindow(service.policy, query.range, now, query.enforcePolicy);
  if (starts.empty()) return {};
  LocalDays localDays(rules_);
  AppointmentPlan plan(ctx, query.resourceIds, localDays,
                       Interval{starts.start, starts.end + service.duration}, false);
  if (!plan.possible()) return {};
  std::vector<Slot> slots;
  for (Instant s : gridStarts(localDays, service.timeZone, stepOf(service), starts)) {
    Interval time{s, s + service.duration};
    int open = 0, total = 0;
    auto assigned = plan.assign(time, std::nullopt, open, total);
    if (assigned) slots.push_back(appointmentSlot(service, time, std::move(*assigned), open, total));
  }
  return slots;
}

SlotFinder::AppointmentCheck SlotFinder::appointmentAt(const SlotContext& ctx, Instant start,
                                                       const std::optional<std::string>& resourceId,
                                                       Instant now, bool enforcePolicy) const {
  const Service& service = ctx.service;
  AppointmentCheck check;
  if (enforcePolicy) {
    if (auto refusal = bookingWindowRefusal(service.policy, start, now)) {
      check.refusal = *refusal;
      return check;
    }
  }
  LocalDays localDays(rules_);
  if (!onGrid(localDays, service.timeZone, stepOf(service), start)) return check;
  const Interval time{start, start + service.duration};
  std::vector<std::string> only;
  if (resourceId) only.push_back(*resourceId);
  AppointmentPlan plan(ctx, only, localDays, time, false);
  if (resourceId && !plan.contains(*resourceId)) {
    check.refusal = Refusal::InvalidRequest;
    return check;
  }
  int open = 0, total = 0;
  if (plan.possible()) {
    if (auto assigned = plan.assign(time, resourceId, open, total)) {
      check.slot = appointmentSlot(service, time, std::move(*assigned), open, total);
      return check;
    }
  }
  // Would the time be free if no other appointment held it? Then the caller lost a race (or came late).
  AppointmentPlan withoutAppointments(ctx, only, localDays, time, true);
  check.lostRace =
      withoutAppointments.possible() && withoutAppointments.assign(time, resourceId, open, total);
  return check;
}

std::vector<Slot> SlotFinder::classSlots(const SlotContext& ctx, const SlotQuery& query, Instant now) const {
  std::vector<Slot> slots;
  for (const Session& s : ctx.sessions) {
    if (!s.active() || !query.range.contains(s.time.start)) continue;
    const Session one[] = {s};
    if (auto slot = sessionSlot(ctx.service, one, s.time, query, now)) slots.push_back(std::move(*slot));
  }
  return slots;
}

std::vector<Slot> SlotFinder::courseSlots(const SlotContext& ctx, const SlotQuery& query, Instant now) const {
  std::vector<Session> sessions;
  for (const Session& s : ctx.sessions)
    if (s.active()) sessions.push_back(s);
  std::sort(sessions.begin(), sessions.end(),
            [](const Session& a, const Session& b) { return a.time.start < b.time.start; });
  // Before the course starts the slot shows its first session; after, the next one still to come.
  auto next =
      std::find_if(sessions.begin(), sessions.end(), [&](const Session& s) { return s.time.start > now; });
  if (next == sessions.end() || !query.range.contains(next->time.start)) return {};  // over, or elsewhere
  if (auto slot = sessionSlot(ctx.service, sessions, next->time, query, now)) return {std::move(*slot)};
  return {};
}

}  // namespace bookdav::domain
