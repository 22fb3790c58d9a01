// The change-log scopes and items the booking engine records (domain/sync/ChangeLog.h), and the
// scope lists a collection's sync token / ctag is computed from (ChangeLog::latest(scopes)).
//
//   session created/changed/canceled/deleted (places left changing included):
//       class/course sessions: "service:<serviceId>" and "resource:<r>" for each resource, item
//       "session:<id>" appointment and time-off sessions: "resource:<r>" only (they are nobody else's
//       business)
//   booking created/changed/canceled/declined:
//       "customer:<user>" and "service:<serviceId>:customer:<user>" (when the booking has a customer),
//       "resource:<r>" for each resource of its sessions, item "booking:<id>";
//       deleted = true once the booking is CANCELED or DECLINED (it leaves the collections)
//   catalog: "catalog", item "service:<id>" / "resource:<id>" when one is created, changed or removed
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/BookingStore.h"

namespace bookdav::domain {

inline constexpr std::string_view kCatalogScope = "catalog";

std::string serviceScope(std::string_view serviceId);
std::string customerScope(std::string_view user);
std::string serviceCustomerScope(std::string_view serviceId, std::string_view user);
std::string resourceScope(std::string_view resourceId);
std::string sessionItem(SessionId id);
std::string bookingItem(BookingId id);

// The scopes behind a collection's token.
// service-<id>/ as `user` sees it: the service's sessions plus the user's own bookings of it.
std::vector<std::string> serviceCollectionScopes(std::string_view serviceId, std::string_view user);
// bookings/ of `user`.
std::vector<std::string> customerCollectionScopes(std::string_view user);
// resource-<id>/.
std::vector<std::string> resourceCollectionScopes(std::string_view resourceId);

// Records a session's change in every scope it belongs to.
void recordSessionChange(BookingData& data, const Session& session, bool deleted = false);
// Records a booking's change in every scope it belongs to (read it back first: scopes need its
// resources). Resources it no longer uses (`previousResources` minus its own) see it deleted.
void recordBookingChange(BookingData& data, const Booking& booking,
                         const std::vector<std::string>& previousResources = {});
void recordCatalogChange(BookingData& data, std::string_view item, bool deleted = false);

// Whether a catalog change changes the text of the events that show the service's or the resource's
// bookings and sessions (a service's name, location, price or zone; a resource's name or address).
bool changesEventText(const Service& before, const Service& after);
bool changesEventText(const Resource& before, const Resource& after);
// Records a change of every active booking of the service and of every session of it that the
// calendars still show (ending after `since`), so that every calendar showing them moves.
void recordServiceEventsChanged(BookingData& data, std::string_view serviceId, Instant since);
// The same for the sessions on the resource (ending after `since`) and their active bookings.
void recordResourceEventsChanged(BookingData& data, std::string_view resourceId, Instant since);

}  // namespace bookdav::domain
