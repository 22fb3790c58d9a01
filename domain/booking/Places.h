// How bookings give places back and how the waitlist moves up, inside the caller's write transaction.
// Used by cancel, decline, reschedule, session cancellation and capacity changes alike.
#pragma once

#include "domain/booking/BookingEvent.h"
#include "domain/booking/BookingStore.h"

namespace bookdav::domain {

// Ends an active booking (CANCELED or DECLINED): an appointment's session is canceled with it, every
// change is recorded (its booking event saying who and why: `cause`), and the waitlists of the
// sessions it held places in move up.
void release(BookingData& data, const Service& service, Booking booking, BookingStatus endStatus, Instant now,
             const Cause& cause);

// Moves the session's waitlist up while places remain, strictly in queue order: the first waiting
// booking that does not fit in all its sessions stops the promotion (later, smaller ones do not jump
// it). Promoted bookings become CONFIRMED, or PENDING when the service needs approval (a Promoted
// event each). Returns how many were promoted.
int promoteWaitlist(BookingData& data, const Service& service, SessionId sessionId, Instant now);

// Loads the sessions of a booking (those that exist), in start order.
std::vector<Session> sessionsOf(BookingData& data, const Booking& booking);

// 1 for the first in line on the waitlist of its (first) session; 0 when the booking is not waitlisted.
int waitlistPosition(BookingData& data, const Booking& booking);

}  // namespace bookdav::domain
