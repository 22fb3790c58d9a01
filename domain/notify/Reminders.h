// Which reminders a booking carries (README, "Notifications"): its service's reminder offsets while
// it is confirmed, none when its customer opted out. One rule for the reminder e-mails and for the
// VALARMs of the booking events bookdav serves; changing offsets or an opt-out records the bookings
// it touches as changed, so that their events' ETags, ctags and sync tokens move.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/BookingStore.h"
#include "domain/notify/NotificationStore.h"

namespace bookdav::domain::notify {

// How long before its start the booking's customer is reminded, longest first; empty when the booking
// is not confirmed, its service has no reminders or its customer (an account) wants none.
std::vector<Seconds> remindersOf(NotificationRows& rows, const Booking& booking);

// remindersOf for the many bookings of one transaction (a calendar's events): each service's offsets
// and each customer's choice are read once.
class ReminderLookup {
 public:
  explicit ReminderLookup(NotificationRows& rows) : rows_(rows) {}
  std::vector<Seconds> of(const Booking& booking);

 private:
  NotificationRows& rows_;
  std::map<std::string, std::vector<Seconds>, std::less<>> offsets_;
  std::map<std::string, bool, std::less<>> off_;
};

// Sets the service's offsets; when they differ from the stored ones, every confirmed booking of the
// service that a customer sees in a calendar is recorded as changed.
void setServiceReminders(BookingData& data, NotificationRows& rows, std::string_view serviceId,
                         const std::vector<Seconds>& offsets);

// Opts `user` out of reminders (queued ones to `address` are superseded) or back in; when that changes
// anything, the user's confirmed bookings are recorded as changed.
void setRemindersOff(BookingData& data, NotificationRows& rows, std::string_view user, bool off,
                     std::string_view address);

}  // namespace bookdav::domain::notify
