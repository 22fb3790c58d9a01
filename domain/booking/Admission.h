// The admission rule for sessions that exist (a class session, or all sessions of a course): may a
// request for N places have them now, join the waitlist, or neither. SlotFinder (what is offered) and
// BookingDesk (what is booked) both call it, so what is shown and what is accepted cannot drift apart.
#pragma once

#include <optional>
#include <span>

#include "domain/booking/Refusal.h"
#include "domain/booking/Service.h"
#include "domain/booking/Session.h"

namespace bookdav::domain {

struct SessionAdmission {
  std::optional<Refusal> refusal;  // set when refused
  bool waitlist = false;           // admitted to the waitlist rather than to places
  size_t session = 0;              // refused: the index of the session the refusal is about
};

// `sessions` are the sessions the booking would occupy (one class session; every session of a course,
// in start order), with occupancy. `customerRules` applies the customer-facing rules (locks, a class
// session that has started, notice, horizon, course start, places per booking); the business is
// bound only by capacity. A refusal names the session it is about: the canceled, locked or full one.
//
// Waitlist order is strict FIFO: while anyone waits for a session, a new request joins the queue
// behind them even if some places are free (so a party of four first in line is never overtaken by
// a later party of one); a waitlist counts places, like capacity.
SessionAdmission admitToSessions(const Service& service, std::span<const Session> sessions, int participants,
                                 Instant now, bool customerRules);

// True when a waitlisted booking for `participants` places fits all its sessions now.
bool fitsNow(std::span<const Session> sessions, int participants);

}  // namespace bookdav::domain
