// The events of the computed booking calendars rendered from one snapshot of the booking data: a
// booking as its customer sees it, a class or course session as customers see it, a session as staff
// see it. ComputedMembers lists them; the If-Match conditions of booking writes compute the same
// text (so the same ETag) inside the transaction that changes the booking.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "caldav/booking/BookingEvents.h"
#include "caldav/booking/CalendarAddresses.h"
#include "domain/account/Account.h"
#include "domain/booking/BookingStore.h"
#include "domain/notify/Reminders.h"

namespace bookdav::caldav {

class BookingEventSource {
 public:
  // `reminders`: where the reminders booking events carry as VALARMs are read (none without).
  BookingEventSource(domain::BookingData& data, domain::AccountRepository& accounts,
                     const DavSettings& settings, domain::notify::NotificationRows* reminders = nullptr)
      : data_(data),
        accounts_(accounts),
        settings_(settings),
        addresses_(CalendarAddresses::of(data, accounts, settings)) {
    if (reminders) reminders_.emplace(*reminders);
  }

  // nullopt when the booking's service is gone (its event is no longer shown).
  std::optional<std::string> bookingText(const domain::Booking& booking);
  std::string customerSessionText(const domain::Service& service, const domain::Session& session);
  // `bookings`: the session's active bookings (any order).
  std::string staffSessionText(const domain::Session& session, std::vector<domain::Booking> bookings);

  // The UID a booking's event carries: the client's, else one made from its id.
  static std::string bookingUid(const domain::Booking& booking);
  static std::string sessionUid(domain::SessionId id);

  const domain::Service* service(const std::string& id);

 private:
  const domain::Resource* resource(const std::string& id);
  std::vector<domain::Resource> resources(const std::vector<std::string>& ids);
  Participant participant(const domain::Booking& booking);
  std::vector<std::string> addressesOf(const std::vector<domain::Resource>& resources);

  domain::BookingData& data_;
  domain::AccountRepository& accounts_;
  const DavSettings& settings_;
  CalendarAddresses addresses_;
  std::optional<domain::notify::ReminderLookup> reminders_;
  std::map<std::string, std::optional<domain::Service>> services_;
  std::map<std::string, std::optional<domain::Resource>> resources_;
  std::map<std::string, std::optional<domain::Account>> knownAccounts_;
};

}  // namespace bookdav::caldav
