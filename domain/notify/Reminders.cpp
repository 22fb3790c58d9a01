#include "domain/notify/Reminders.h"

#include <algorithm>

#include "domain/booking/ChangeScopes.h"

namespace bookdav::domain::notify {
namespace {

// Only the calendars the customer sees show the alarms: bookings/ and service-<id>/ (resource
// calendars show sessions as staff see them, without alarms).
void recordChanged(BookingData& data, const std::vector<Booking>& bookings) {
  for (const Booking& b : bookings) {
    if (b.customer.empty()) continue;
    const std::string item = bookingItem(b.id);
    data.recordChange(customerScope(b.customer), item, false);
    data.recordChange(serviceCustomerScope(b.serviceId, b.customer), item, false);
  }
}

}  // namespace

std::vector<Seconds> ReminderLookup::of(const Booking& booking) {
  if (booking.status != BookingStatus::Confirmed) return {};
  if (!booking.customer.empty()) {
    auto off = off_.find(booking.customer);
    if (off == off_.end()) off = off_.emplace(booking.customer, rows_.remindersOff(booking.customer)).first;
    if (off->second) return {};
  }
  auto offsets = offsets_.find(booking.serviceId);
  if (offsets == offsets_.end())
    offsets = offsets_.emplace(booking.serviceId, rows_.reminderOffsets(booking.serviceId)).first;
  return offsets->second;
}

std::vector<Seconds> remindersOf(NotificationRows& rows, const Booking& booking) {
  return ReminderLookup(rows).of(booking);
}

void setServiceReminders(BookingData& data, NotificationRows& rows, std::string_view serviceId,
                         const std::vector<Seconds>& offsets) {
  std::vector<Seconds> wanted = offsets;
  std::sort(wanted.begin(), wanted.end(), std::greater<>());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  if (rows.reminderOffsets(serviceId) == wanted) return;
  rows.setReminderOffsets(serviceId, wanted);
  BookingFilter filter;
  filter.serviceId = std::string(serviceId);
  filter.statuses = {BookingStatus::Confirmed};
  recordChanged(data, data.bookings(filter));
}

void setRemindersOff(BookingData& data, NotificationRows& rows, std::string_view user, bool off,
                     std::string_view address) {
  const bool was = rows.remindersOff(user);
  rows.setRemindersOff(user, off, address);
  if (was == off) return;
  BookingFilter filter;
  filter.customer = std::string(user);
  filter.statuses = {BookingStatus::Confirmed};
  recordChanged(data, data.bookings(filter));
}

}  // namespace bookdav::domain::notify
