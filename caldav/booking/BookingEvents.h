// The events of the computed booking calendars: a class or course session as customers see it
// (places left, never other customers' names), a booking as its customer sees it, and a session
// as staff see it (who booked). Deterministic: the same data gives the same text (and ETag).
#pragma once

#include <string>
#include <vector>

#include "caldav/dav/DavSettings.h"
#include "domain/booking/Booking.h"
#include "domain/booking/Resource.h"
#include "domain/booking/Service.h"
#include "domain/booking/Session.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav {

// Someone taking part in a booking, as an ATTENDEE.
struct Participant {
  std::string address;  // "mailto:alice@localhost"
  std::string name;     // CN
};

std::string priceText(const domain::Price& price);  // "35.00 EUR"
// calendar-description of a service calendar: what, how long, what it costs, the policy in words.
std::string describeService(const domain::Service& service);

std::string sessionEventForCustomers(const domain::Service& service, const domain::Session& session,
                                     const DavSettings& settings);

// An open window of an appointment service (domain/booking/OpenWindows.h) as customers see it: a
// TRANSPARENT event "Haircut — open 09:00–12:30" (local times of the service's zone), no attendees.
// `address`: the service's calendar user address (CalendarAddresses), named as the one to invite.
std::string openWindowEvent(const domain::Service& service, domain::Interval window, std::string_view address,
                            const DavSettings& settings);
std::string openWindowUid(const domain::Service& service, domain::Instant start);
// The sentence saying how to book inside a window (its DESCRIPTION, and the refusal of a change to it).
std::string howToBookInWindow(const domain::Service& service, std::string_view address);

struct BookingEventData {
  const domain::Service& service;
  const domain::Booking& booking;
  const std::vector<domain::Session>& sessions;    // the booking's sessions, in start order
  const std::vector<domain::Resource>& resources;  // the resources assigned
  Participant customer;
  int waitlistPosition = 0;
  std::vector<std::string> resourceAddresses;  // one per resource (CalendarAddresses)
  // How long before the start the customer is reminded (domain/notify/Reminders.h): one VALARM each.
  std::vector<domain::Seconds> reminders = {};
};
std::string bookingEvent(const BookingEventData& data, const DavSettings& settings);

struct StaffSessionData {
  const domain::Session& session;
  const domain::Service* service;                  // null for time off
  const std::vector<domain::Resource>& resources;  // the session's resources
  const std::vector<domain::Booking>& bookings;    // active bookings of the session
  const std::vector<Participant>& customers;       // one per booking
  std::vector<std::string> resourceAddresses;      // one per resource (CalendarAddresses)
};
std::string sessionEventForStaff(const StaffSessionData& data, const DavSettings& settings);

}  // namespace bookdav::caldav
