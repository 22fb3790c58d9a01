// What an actor may do (README, "Roles"), decided here once for the CalDAV and the JSON face alike:
//   admin (the business): everything;
//   staff: read the catalog and the timetable, see the sessions and bookings of the resources they are,
//          confirm or decline the pending bookings that occupy one of those resources, book, cancel and
//          move their own bookings like a customer, and add, move and cancel time off on the resources
//          they are (never over active bookings: only the business forces);
//   customer: read the catalog and the class and course timetable, book, cancel and move their own
//          bookings;
//   guest (no account, public booking pages): book as a contact under the customer rules; cancel and
//          move only the one booking whose manage token they hold.
// The faces ask before they act and map a "no" to their error: require() throws Refused not-allowed,
// which the JSON API answers 403 not-allowed and CalDAV 403 DAV:need-privileges. The booking desk
// asks the same questions inside its transactions.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/booking/Actor.h"
#include "domain/booking/Booking.h"
#include "domain/booking/Resource.h"
#include "domain/booking/Session.h"

namespace bookdav::domain {

class Permissions {
 public:
  explicit Permissions(const Actor& actor) : actor_(actor) {}

  // ---- the catalog and the timetable ----
  bool changeCatalog() const;                                  // services, resources, schedules
  bool changeWorkingHours(std::string_view resourceId) const;  // calendar-availability, working-hours
  // One-off class sessions; moving, resizing, locking and canceling class and course sessions.
  bool changeSessions() const;
  // Adding, moving or canceling time off that occupies all of these resources.
  bool changeTimeOff(std::span<const std::string> resourceIds) const;
  // Changing a session of either kind (time off by changeTimeOff, the others by changeSessions).
  bool changeSession(const Session& session) const;
  // A change over active bookings, which the business then cancels (conflicts-with-bookings).
  bool force() const;

  // ---- bookings ----
  bool bookFor(std::string_view customer) const;     // a booking for this customer ("" = a walk-in)
  bool bypassPolicy() const;                         // notice, horizon, locks, deadlines, places per booking
  bool changeBooking(const Booking& booking) const;  // cancel, move
  // Confirm or decline this PENDING booking: the business, or staff who are one of its resources.
  bool decide(const Booking& booking) const;

  // ---- what they see ----
  bool see(const Booking& booking) const;
  bool see(const Session& session) const;
  bool seeSchedule(const Resource& resource) const;  // the resource's calendar: its sessions and bookings
  bool seeOwnResource(std::string_view resourceId) const;

 private:
  bool touchesOwn(std::span<const std::string> resourceIds) const;

  const Actor& actor_;
};

// Throws Refused(not-allowed, "only the business (an admin) may <what>") unless `allowed`.
void require(bool allowed, const std::string& what);

}  // namespace bookdav::domain
