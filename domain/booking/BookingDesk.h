// The booking desk: slots of a service, and the operations on bookings (book, cancel, reschedule,
// approve, decline) with the queries the CalDAV and JSON faces need.
//
// Every operation that consumes or frees places runs inside one BookingStore::write transaction that
// re-reads everything it decides on; refusals are thrown there as Refused, so a refused request
// changes nothing. Customers are bound by the service's policy; the business (Actor::admin) is bound
// only by capacity and availability. Reads do not check who asks: the faces decide what a user sees.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/Actor.h"
#include "domain/booking/BookingStore.h"
#include "domain/booking/Slot.h"
#include "domain/booking/SlotFinder.h"
#include "domain/booking/WriteCondition.h"
#include "domain/time/Clock.h"
#include "domain/time/LocalTime.h"

namespace bookdav::domain {

// What to book. Appointments: `start` is a slot start, `resourceId` optionally picks a resource of a
// group. Classes: `sessionId`, or `start` equal to a session's start. Courses: any session of the
// course, by id or start time; the booking covers all of them.
struct BookingRequest {
  std::string serviceId;
  std::optional<Instant> start;
  std::optional<SessionId> sessionId;
  std::optional<std::string> resourceId;
  std::string customer;  // used only when the business books (a customer books for themself)
  Contact contact;
  int participants = 1;
  std::vector<std::string> participantNames;
  std::string clientUid;
  std::string clientHref;  // unique among the customer's active bookings of the service
  std::string note;
  // A guest booking's secret manage token (made by the caller, stored only as a digest); "" for none.
  std::string manageToken;
};

// Where to move a booking: an appointment to another slot start (optionally another resource); a
// class booking to another session of the class. Courses are booked as a whole and do not move.
struct RescheduleRequest {
  std::optional<Instant> start;
  std::optional<SessionId> sessionId;
  std::optional<std::string> resourceId;
};

class BookingDesk {
 public:
  BookingDesk(BookingStore& store, const Clock& clock, const ZoneRules& zones)
      : store_(store), clock_(clock), zones_(zones), finder_(zones) {}

  // Bookable slots of a service (see SlotFinder.h). A range longer than 400 days is refused.
  std::vector<Slot> slots(const SlotQuery& query);

  // Books. A guest (Actor::guest) books for no account and must give contact.name and contact.email.
  // Statuses: CONFIRMED; PENDING when the service needs approval (the places are held);
  // WAITLISTED when the session is full (or others wait) and its waitlist has room.
  Booking book(const BookingRequest& request, const Actor& actor);
  // CANCELED; frees the places and promotes the waitlist in the same transaction. Customers: only
  // their own bookings, and places-holding bookings only before the cancellation deadline of the
  // booking's policy snapshot (leaving a waitlist is always allowed). `condition` (see WriteCondition.h)
  // is checked on the booking as it stands once the actor may act on it, before anything else.
  Booking cancel(BookingId id, const Actor& actor, const WriteCondition<Booking>& condition = {});
  // Moves the booking atomically: a refused reschedule leaves it as it was. Keeps its id, status,
  // price and client UID/href. An appointment keeps its staff member when free at the new time
  // (unless request.resourceId names another). A class booking holding places needs places in the
  // new session (it is never moved onto a waitlist); a waitlisted one is admitted afresh. `condition`
  // as for cancel.
  Booking reschedule(BookingId id, const RescheduleRequest& request, const Actor& actor,
                     const WriteCondition<Booking>& condition = {});
  // book, cancel and reschedule inside a transaction the caller runs (domain::Transactions), so that
  // the change commits or rolls back with the caller's own writes (RFC 6638: the organizer's event
  // and its booking). A Refused leaves nothing written that matters: refusals come before the
  // writes (at most sessions of a class schedule are materialised, which any read may do).
  Booking book(BookingData& data, const BookingRequest& request, const Actor& actor);
  Booking cancel(BookingData& data, BookingId id, const Actor& actor,
                 const WriteCondition<Booking>& condition = {});
  Booking reschedule(BookingData& data, BookingId id, const RescheduleRequest& request, const Actor& actor,
                     const WriteCondition<Booking>& condition = {});
  // PENDING -> CONFIRMED (business only), re-checking that its sessions stand and are within capacity.
  Booking approve(BookingId id, const Actor& actor);
  // PENDING -> DECLINED (business only); frees the places and promotes the waitlist.
  Booking decline(BookingId id, const Actor& actor);

  std::optional<Booking> booking(BookingId id);
  std::vector<Booking> bookings(const BookingFilter& filter);
  // The customer's latest booking with this client href / UID (any status).
  std::optional<Booking> findByClientHref(std::string_view customer, std::string_view serviceId,
                                          std::string_view href);
  std::optional<Booking> findByClientUid(std::string_view customer, std::string_view uid);
  // The booking whose manage token this is (any status); nullopt for an unknown token.
  std::optional<Booking> findByManageToken(std::string_view token);
  // Whether the business takes bookings from guests on its public pages (business file "public").
  bool publicBooking();
  void setPublicBooking(bool on);
  // 1 for the first in line on its (first) session's waitlist; 0 when the booking is not waitlisted.
  int waitlistPosition(BookingId id);

 private:
  Instant now() const { return clock_.now(); }

  BookingStore& store_;
  const Clock& clock_;
  const ZoneRules& zones_;
  SlotFinder finder_;
};

}  // namespace bookdav::domain
