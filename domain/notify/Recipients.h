// Who is told what about a booking event (README, "Notifications"): the customer hears of every
// change to their booking, with an iMIP invitation (REQUEST) while it holds or awaits places and a
// CANCEL once it is over; the staff whose resources a confirmed booking occupies hear of it, its moves
// and its end; the business address hears of bookings that wait for its approval.
#pragma once

#include <vector>

#include "domain/booking/BookingEvent.h"
#include "domain/notify/Notification.h"

namespace bookdav::domain::notify {

struct Planned {
  Audience audience = Audience::Customer;
  MessageKind kind = MessageKind::Confirmed;
  ImipMethod method = ImipMethod::None;
  bool operator==(const Planned&) const = default;
};

// The messages an event calls for, by audience (each staff member and each address is resolved by
// the caller); the customer's first.
std::vector<Planned> plan(const BookingEvent& event);

}  // namespace bookdav::domain::notify
