// What happened to a booking, appended in the same transaction as the change itself: the booking
// domain's outbox. Scheduling messages (iTIP), e-mail and webhooks are made from these events after
// the commit, in order and at least once, so nothing is told about a change that rolled back and
// nothing committed goes untold. Consumers keep their position with BookingData::markConsumed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/booking/Booking.h"
#include "domain/booking/Ids.h"
#include "domain/time/Instant.h"

namespace bookdav::domain {

enum class BookingEventKind {
  Placed,          // booked: CONFIRMED, PENDING (awaits approval) or WAITLISTED, see `status`
  Approved,        // PENDING -> CONFIRMED by the business
  Declined,        // PENDING -> DECLINED by the business
  Promoted,        // WAITLISTED -> CONFIRMED or PENDING: places came free
  Rescheduled,     // moved to another time or session, see `previousTime`
  Canceled,        // CANCELED, see `by` and `reason`
  SessionChanged,  // the business moved, resized, re-staffed or added to what the booking holds
};
std::string_view toString(BookingEventKind kind);  // "placed", "approved", ..., "session-changed"
std::optional<BookingEventKind> parseBookingEventKind(std::string_view text);

// Who made the change happen: the customer (or whoever booked for themself), or the business (an
// admin, the schedule, a closure, a session canceled, the waitlist moving up).
enum class Party { Customer, Business };
std::string_view toString(Party party);  // "customer", "business"
std::optional<Party> parseParty(std::string_view text);

// Why a change happened, beyond its kind and party; a short code (see the constants).
struct Cause {
  Party by = Party::Customer;
  std::string_view reason;
};
namespace reasons {
inline constexpr std::string_view kRequested = "requested";               // the party asked for it
inline constexpr std::string_view kSessionCanceled = "session-canceled";  // its class session was canceled
inline constexpr std::string_view kResourceClosed =
    "resource-closed";  // a closure or time off covers its session
inline constexpr std::string_view kCourseCalledOff =
    "course-called-off";                                          // the course's schedule was removed
inline constexpr std::string_view kTimeTaken = "time-taken";      // forced: the business needs the time
inline constexpr std::string_view kPlacesFreed = "places-freed";  // promoted from the waitlist
inline constexpr std::string_view kScheduleChanged = "schedule-changed";  // a session of the schedule moved
inline constexpr std::string_view kSessionEdited = "session-edited";      // a session changed by hand
inline constexpr std::string_view kMeetingAdded = "meeting-added";        // a course gained a meeting
inline constexpr std::string_view kMeetingCanceled = "meeting-canceled";  // a course lost a meeting
}  // namespace reasons

class BookingData;

struct BookingEvent {
  std::int64_t seq = 0;  // set by the store: the order of commit
  BookingId bookingId = 0;
  BookingEventKind kind = BookingEventKind::Placed;
  BookingStatus status = BookingStatus::Confirmed;  // the booking's status after the change
  Party by = Party::Customer;
  std::string reason;  // a reasons:: code
  Instant at{};
  // Rescheduled: the booking's time before; SessionChanged: the changed session's time before (none
  // for a meeting added).
  std::optional<Interval> previousTime;
  bool operator==(const BookingEvent&) const = default;
};

// Appends the event for `booking` as it stands after the change.
void recordBookingEvent(BookingData& data, const Booking& booking, BookingEventKind kind, const Cause& cause,
                        Instant at, std::optional<Interval> previousTime = std::nullopt);

}  // namespace bookdav::domain
