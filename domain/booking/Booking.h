// A booking: who booked which session(s) of a service, for how many places, at what price and under
// which policy, and where it stands (CONFIRMED, PENDING approval, WAITLISTED, CANCELED, DECLINED).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/BookingPolicy.h"
#include "domain/booking/Ids.h"
#include "domain/booking/Service.h"
#include "domain/time/Instant.h"

namespace bookdav::domain {

enum class BookingStatus { Confirmed, Pending, Waitlisted, Canceled, Declined };

std::string_view toString(
    BookingStatus status);  // "CONFIRMED", "PENDING", "WAITLISTED", "CANCELED", "DECLINED"
std::optional<BookingStatus> parseBookingStatus(std::string_view text);
// CONFIRMED and PENDING hold places; WAITLISTED waits for them; CANCELED and DECLINED are over.
bool holdsPlaces(BookingStatus status);
bool isActive(BookingStatus status);  // CONFIRMED, PENDING or WAITLISTED

struct Contact {
  std::string name;
  std::string email;
  std::string phone;
  bool operator==(const Contact&) const = default;
};

struct Booking {
  BookingId id = 0;
  std::string serviceId;
  std::vector<SessionId> sessionIds;  // one for appointments and classes; every session for a course
  // Derived from the sessions when read: the booked session's time (a course: its first session) and
  // the resources of all its sessions. Ignored when written.
  Interval time;
  std::vector<std::string> resourceIds;
  std::vector<Interval> sessionTimes;  // derived too: the times of its scheduled sessions, in start order
  std::string customer;  // the account's user name; empty when the business books for a walk-in contact
  Contact contact;
  int participants = 1;  // places taken
  std::vector<std::string> participantNames;
  BookingStatus status = BookingStatus::Confirmed;
  Price price;            // what the booking costs: the service's price x participants when booked
  PolicySnapshot policy;  // the deadlines in force when booked
  Instant created;
  Instant updated;
  // Waitlist order: a number that grows with every booking that joins a waitlist (lower waits longer).
  std::int64_t queue = 0;
  // Opaque strings of the CalDAV face: the customer's event UID and its URL.
  std::string clientUid;
  std::string clientHref;
  std::string note;
};

// The start the cancellation and reschedule deadlines count back from: the start of the booking's next
// session to come (the first scheduled one that has not started at `now`), so that a course joined
// late, whose first meeting is past, can still be canceled before its next one; once every session
// has started, the last one's start (and for a booking without sessions left, its time).
Instant deadlineStart(const Booking& booking, Instant now);

// Which bookings to list; every field given narrows the list. Results come in start order.
struct BookingFilter {
  std::optional<std::string> customer;
  std::optional<std::string> serviceId;
  std::optional<std::string> resourceId;
  std::optional<Interval> range;        // bookings with a session overlapping the range
  std::vector<BookingStatus> statuses;  // empty = any status
};

}  // namespace bookdav::domain
