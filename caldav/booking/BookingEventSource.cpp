#include "caldav/booking/BookingEventSource.h"

#include <algorithm>

#include "caldav/dav/LiveProperties.h"
#include "domain/booking/Places.h"

namespace bookdav::caldav {

using domain::Booking;
using domain::Session;

const domain::Service* BookingEventSource::service(const std::string& id) {
  auto it = services_.find(id);
  if (it == services_.end()) it = services_.emplace(id, data_.service(id)).first;
  return it->second ? &*it->second : nullptr;
}

const domain::Resource* BookingEventSource::resource(const std::string& id) {
  auto it = resources_.find(id);
  if (it == resources_.end()) it = resources_.emplace(id, data_.resource(id)).first;
  return it->second ? &*it->second : nullptr;
}

std::vector<domain::Resource> BookingEventSource::resources(const std::vector<std::string>& ids) {
  std::vector<domain::Resource> out;
  for (const auto& id : ids) {
    if (const auto* r = resource(id)) out.push_back(*r);
  }
  return out;
}

Participant BookingEventSource::participant(const Booking& b) {
  Participant p;
  std::optional<domain::Account> account;
  if (!b.customer.empty()) {
    auto it = knownAccounts_.find(b.customer);
    if (it == knownAccounts_.end()) it = knownAccounts_.emplace(b.customer, accounts_.find(b.customer)).first;
    account = it->second;
  }
  if (account) {
    p.address = calendarUserAddress(*account, settings_);
    p.name = !b.contact.name.empty()         ? b.contact.name
             : !account->displayName.empty() ? account->displayName
                                             : account->name;
  } else {
    p.address =
        b.contact.email.empty() ? "urn:bookdav:booking:" + std::to_string(b.id) : "mailto:" + b.contact.email;
    p.name = b.contact.name.empty() ? "Guest" : b.contact.name;
  }
  return p;
}

std::optional<std::string> BookingEventSource::bookingText(const Booking& b) {
  const domain::Service* s = service(b.serviceId);
  if (!s) return std::nullopt;
  std::vector<Session> sessions = domain::sessionsOf(data_, b);
  std::vector<domain::Resource> assigned = resources(b.resourceIds);
  BookingEventData event{
      *s, b, sessions, assigned, participant(b), domain::waitlistPosition(data_, b), addressesOf(assigned)};
  if (reminders_) event.reminders = reminders_->of(b);
  return bookingEvent(event, settings_);
}

std::string BookingEventSource::customerSessionText(const domain::Service& s, const Session& session) {
  return sessionEventForCustomers(s, session, settings_);
}

std::string BookingEventSource::staffSessionText(const Session& session, std::vector<Booking> bookings) {
  std::sort(bookings.begin(), bookings.end(), [](const Booking& a, const Booking& b) { return a.id < b.id; });
  std::vector<Participant> customers;
  for (const Booking& b : bookings) customers.push_back(participant(b));
  std::vector<domain::Resource> assigned = resources(session.resourceIds);
  StaffSessionData event{session,   session.serviceId.empty() ? nullptr : service(session.serviceId),
                         assigned,  bookings,
                         customers, addressesOf(assigned)};
  return sessionEventForStaff(event, settings_);
}

std::vector<std::string> BookingEventSource::addressesOf(const std::vector<domain::Resource>& resources) {
  std::vector<std::string> out;
  for (const domain::Resource& r : resources) out.push_back(addresses_.ofResource(r));
  return out;
}

std::string BookingEventSource::bookingUid(const Booking& b) {
  return b.clientUid.empty() ? "booking-" + std::to_string(b.id) + "@bookdav" : b.clientUid;
}

std::string BookingEventSource::sessionUid(domain::SessionId id) {
  return "session-" + std::to_string(id) + "@bookdav";
}

}  // namespace bookdav::caldav
