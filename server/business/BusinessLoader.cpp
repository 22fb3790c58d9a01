#include "server/business/BusinessLoader.h"

#include <algorithm>

#include "domain/notify/Reminders.h"

namespace bookdav::server::business {

int LoadReport::count(Outcome outcome) const {
  return static_cast<int>(
      std::count_if(items.begin(), items.end(), [&](const Item& i) { return i.outcome == outcome; }));
}

std::string LoadReport::summary() const {
  return std::to_string(items.size()) + " items: " + std::to_string(count(Outcome::Created)) + " created, " +
         std::to_string(count(Outcome::Updated)) + " updated, " + std::to_string(count(Outcome::Unchanged)) +
         " unchanged";
}

LoadReport loadBusiness(domain::BookingEngine& engine, const BusinessFile& b, bool force) {
  return engine.store.writing([&](domain::BookingData& data) {
    LoadReport report;
    for (const domain::Resource& r : b.resources)
      report.items.push_back({"resource " + r.id, putResource(engine, data, r, force)});
    for (api::ServiceDefinition d : b.services) {
      d.force = force;
      report.items.push_back({"service " + d.service.id, putService(engine, data, d)});
    }
    if (b.publicBooking && data.publicBooking() != *b.publicBooking) data.setPublicBooking(*b.publicBooking);
    return report;
  });
}

void recordNotificationSettings(domain::notify::NotificationStore& store, const BusinessFile& b) {
  store.write([&](domain::BookingData& data, domain::notify::NotificationRows& rows) {
    if (!b.name.empty() || !b.email.empty()) {
      domain::notify::BusinessContact contact = rows.business();
      if (!b.name.empty()) contact.name = b.name;
      if (!b.email.empty()) contact.email = b.email;
      rows.setBusiness(contact);
    }
    for (const api::ServiceDefinition& d : b.services) {
      if (d.reminders) domain::notify::setServiceReminders(data, rows, d.service.id, *d.reminders);
    }
  });
}

}  // namespace bookdav::server::business
