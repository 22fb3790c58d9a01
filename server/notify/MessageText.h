// The words of a notification e-mail: subject, text and HTML bodies that say what happened to the
// booking, when and where it is, and who the business is, for the customer, a staff member or the
// business (which is also told how to approve a booking that waits for it).
#pragma once

#include <string>

#include "domain/booking/Booking.h"
#include "domain/booking/BookingEvent.h"
#include "domain/booking/Service.h"
#include "domain/notify/NotificationStore.h"
#include "domain/notify/Recipients.h"
#include "domain/time/LocalTime.h"

namespace bookdav::server::notify {

struct MessageFacts {
  const domain::notify::Planned& planned;
  const domain::BookingEvent& event;
  const domain::Booking& booking;
  const domain::Service& service;
  const domain::notify::BusinessContact& business;
  std::string customerName;  // as the business knows the customer
  std::string manageLink;    // a guest's /book/manage/<token> address ("" for none)
};

// Subject, text and HTML (calendar part left empty: see NotificationConsumer).
domain::notify::MessageContent messageText(const MessageFacts& facts, const domain::ZoneRules& zones);

}  // namespace bookdav::server::notify
