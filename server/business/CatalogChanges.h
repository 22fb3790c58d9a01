// Storing services (with their schedule) and resources through the booking engine, each change one
// transaction (or part of the caller's); shared by the JSON API and `bookdav load`.
// Errors are domain::Refused (invalid-request, not-found).
#pragma once

#include <optional>
#include <string>

#include "domain/booking/BookingEngine.h"
#include "server/api/CatalogJson.h"

namespace bookdav::server::business {

enum class Outcome { Created, Updated, Unchanged };

std::string_view toString(Outcome outcome);  // "created", "updated", "unchanged"

// A sentence naming what is wrong with the service and its schedule (zones, domain rules), or nullopt.
std::optional<std::string> problemWith(const api::ServiceDefinition& definition,
                                       const domain::ZoneRules& zones);
std::optional<std::string> problemWith(const domain::Resource& resource, const domain::ZoneRules& zones);

// Each in one transaction of its own: a service and its schedule are stored together or not at all.
Outcome putService(domain::BookingEngine& engine, const api::ServiceDefinition& definition);
// A resource whose new working hours take time from active bookings is refused (conflicts-with-bookings)
// unless `force` (domain::Catalog::setWorkingHours).
Outcome putResource(domain::BookingEngine& engine, const domain::Resource& resource, bool force = false);
// The same inside a write transaction the caller holds (domain::BookingStore::write).
Outcome putService(domain::BookingEngine& engine, domain::BookingData& data,
                   const api::ServiceDefinition& definition);
Outcome putResource(domain::BookingEngine& engine, domain::BookingData& data,
                    const domain::Resource& resource, bool force = false);

}  // namespace bookdav::server::business
