// `bookdav load` and `serve --demo`: creates or updates a business's resources and services (with
// their schedules) from a BusinessFile through the booking engine. Idempotent: an unchanged item
// writes nothing, so loading the same file again changes nothing. Nothing is ever removed.
#pragma once

#include <string>
#include <vector>

#include "domain/booking/BookingEngine.h"
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

// Checks that every resource the services name is in the file or stored already, then stores the
// resources, then the services. A refusal (domain::Refused) stops the load; the items stored
// before it stay (each is idempotent: fix the file and load it again).
LoadReport loadBusiness(domain::BookingEngine& engine, const domain::ZoneRules& zones,
                        const BusinessFile& business);

}  // namespace bookdav::server::business
