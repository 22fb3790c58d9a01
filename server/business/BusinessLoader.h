// `bookdav load` and `serve --demo`: creates or updates a business's resources and services (with
// their schedules) from a BusinessFile through the booking engine. Idempotent: an unchanged item
// writes nothing, so loading the same file again changes nothing. Nothing is ever removed.
#pragma once

#include <string>
#include <vector>

#include "domain/booking/BookingEngine.h"
#include "domain/notify/NotificationStore.h"
#include "server/business/BusinessFile.h"
#include "server/business/CatalogChanges.h"

namespace bookdav::server::business {

struct LoadReport {
  struct Item {
    std::string what;  // "resource ana", "service haircut"
    Outcome outcome;
  };
  std::vector<Item> items;
  int count(Outcome outcome) const;
  std::string summary() const;  // "12 items: 3 created, 1 updated, 8 unchanged"
};

// Stores the resources, then the services with their schedules, in one transaction: a refusal
// (domain::Refused, e.g. a service naming a resource neither the file nor the catalog has) leaves
// the business as it was. What did not change is not written, so loading again changes nothing.
// `force`: working hours and sessions that would take time from active bookings cancel them instead of
// refusing the load (conflicts-with-bookings).
LoadReport loadBusiness(domain::BookingEngine& engine, const BusinessFile& business, bool force = false);

// What notifications need from the file, in one transaction: the business's name and address (its
// e-mails' sender name, the address told of approvals) and each service's reminder offsets, as far
// as the file gives them: what the file leaves out keeps what was stored.
void recordNotificationSettings(domain::notify::NotificationStore& store, const BusinessFile& business);

}  // namespace bookdav::server::business
