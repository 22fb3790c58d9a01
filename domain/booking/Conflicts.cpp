#include "domain/booking/Conflicts.h"

#include <algorithm>

#include "domain/booking/LocalText.h"
#include "domain/booking/Places.h"
#include "domain/booking/SessionSync.h"

namespace bookdav::domain {
namespace {

constexpr BookingStatus kActive[] = {BookingStatus::Confirmed, BookingStatus::Pending,
                                     BookingStatus::Waitlisted};

void addBookingsOf(BookingData& data, const Session& s, const std::string& resourceId,
                   std::vector<BookingConflict>& out) {
  for (BookingStatus status : kActive)
    for (const Booking& b : data.bookingsOfSession(s.id, status))
      if (std::none_of(out.begin(), out.end(), [&](const BookingConflict& c) { return c.bookingId == b.id; }))
        out.push_back({b.id, b.serviceId, s.id, s.time, resourceId});
}

void sortByTime(std::vector<BookingConflict>& out) {
  std::stable_sort(out.begin(), out.end(), [](const BookingConflict& a, const BookingConflict& b) {
    return a.time.start != b.time.start ? a.time.start < b.time.start : a.bookingId < b.bookingId;
  });
}

bool covered(const Intervals& open, Interval t) {
  return std::any_of(open.begin(), open.end(), [&](const Interval& i) { return i.contains(t); });
}

bool overlapsAny(const Intervals& set, Interval t) {
  return std::any_of(set.begin(), set.end(), [&](const Interval& i) { return i.overlaps(t); });
}

}  // namespace

std::vector<BookingConflict> bookingsOverlapping(BookingData& data, std::span<const std::string> resourceIds,
                                                 Interval time, Instant now,
                                                 std::optional<SessionId> except) {
  std::vector<BookingConflict> out;
  for (const std::string& r : resourceIds) {
    for (const Session& s : data.sessionsOnResource(r, time)) {
      if (!s.active() || s.kind == SessionKind::TimeOff || s.id == except.value_or(0)) continue;
      if (s.time.end <= now || !s.time.overlaps(time)) continue;
      addBookingsOf(data, s, r, out);
    }
  }
  sortByTime(out);
  return out;
}

std::vector<BookingConflict> bookingsClosedBy(BookingData& data, const Resource& resource,
                                              const WorkingHours& next, LocalDays& days, Instant now) {
  Resource after = resource;
  after.hours = next;
  const Intervals closedBefore = closureIntervals(resource.hours, resource.hoursZone(), days);
  const Intervals closedAfter = closureIntervals(next, after.hoursZone(), days);
  std::vector<BookingConflict> out;
  for (const Session& s : data.sessionsOnResource(resource.id, Interval{now, kAllTime.end})) {
    if (!s.active() || s.kind == SessionKind::TimeOff || s.time.end <= now) continue;
    bool taken = false;
    if (s.kind == SessionKind::Appointment) {
      taken = covered(openIntervals(resource.hours, resource.hoursZone(), days, s.time), s.time) &&
              !covered(openIntervals(next, after.hoursZone(), days, s.time), s.time);
    } else {
      taken = overlapsAny(closedAfter, s.time) && !overlapsAny(closedBefore, s.time);
    }
    if (taken) addBookingsOf(data, s, resource.id, out);
  }
  sortByTime(out);
  return out;
}

std::vector<BookingId> settleConflicts(BookingData& data, const std::vector<BookingConflict>& conflicts,
                                       bool force, InTheWay how, const std::string& change,
                                       const ZoneRules& zones, Instant now) {
  std::vector<BookingId> canceled;
  if (conflicts.empty()) return canceled;
  if (!force) {
    std::string list;
    for (const BookingConflict& c : conflicts) {
      std::optional<Service> service = data.service(c.serviceId);
      const std::string zone = service ? service->timeZone : "UTC";
      list += (list.empty() ? "" : ", ") + std::string("booking ") + std::to_string(c.bookingId) + " (" +
              (service ? service->name : c.serviceId) + " at " + describeTime(zones, zone, c.time.start) +
              ")";
    }
    const std::size_t n = conflicts.size();
    throw Refused(change + " would overlap " + std::to_string(n) + " active booking" + (n == 1 ? "" : "s") +
                      ": " + list + "; cancel " + (n == 1 ? "it" : "them") + " first, or force the change",
                  conflicts);
  }
  std::vector<SessionId> seen;
  for (const BookingConflict& c : conflicts) {
    if (std::find(seen.begin(), seen.end(), c.sessionId) != seen.end()) continue;
    seen.push_back(c.sessionId);
    std::optional<Session> s = data.session(c.sessionId);
    if (!s || !s->active()) continue;
    if (s->kind == SessionKind::Appointment) {
      for (BookingStatus status : kActive) {
        for (Booking& b : data.bookingsOfSession(s->id, status)) {
          std::optional<Service> service = data.service(b.serviceId);
          if (!service) continue;
          canceled.push_back(b.id);
          release(data, *service, std::move(b), BookingStatus::Canceled, now,
                  {Party::Business, reasons::kTimeTaken});
        }
      }
    } else if (how == InTheWay::Occupied) {
      SessionSync sync;
      withdrawSession(data, std::move(*s), now, sync);
      canceled.insert(canceled.end(), sync.canceledBookings.begin(), sync.canceledBookings.end());
    }
  }
  return canceled;
}

}  // namespace bookdav::domain
