// The catalog of a business: its services and resources (with working hours). Upserts by id are
// idempotent (an unchanged record writes nothing), so `bookdav load FILE.json` can run again and again.
// Errors are Refused (invalid-request, not-found).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/booking/Actor.h"
#include "domain/booking/BookingStore.h"
#include "domain/time/Clock.h"
#include "domain/time/LocalTime.h"

namespace bookdav::domain {

class Catalog {
 public:
  Catalog(BookingStore& store, const Clock& clock, const ZoneRules& zones)
      : store_(store), clock_(clock), zones_(zones) {}

  std::vector<Service> services();
  std::optional<Service> service(std::string_view id);
  // Creates or replaces a service. Checks the data, the zone, that the named resources exist and that
  // an existing service with sessions keeps its kind. A class or course with a schedule has its future
  // sessions brought in line (capacity and length defaults); sessions that would then overlap active
  // bookings of other services are refused (conflicts-with-bookings) unless `force` (SessionSync.h,
  // Overlaps). Returns whether anything changed.
  bool putService(const Service& service, bool force = false);
  // Removes a service and its schedule; its sessions nobody booked are deleted, those to come that
  // were booked (and canceled) are canceled, past ones stay with their bookings. Refused while the
  // service has active bookings of sessions still to come (cancel those first).
  void removeService(std::string_view id);

  std::vector<Resource> resources();
  std::optional<Resource> resource(std::string_view id);
  // The resources whose userName is this login (a staff member's "my day").
  std::vector<Resource> resourcesOf(std::string_view userName);
  // The actor a signed-in user is: their role and, for staff, the resources they are.
  Actor actor(const std::string& user, Role role);
  // Creates or replaces a resource with its working hours. Returns whether anything changed. Hours that
  // close time active bookings hold are refused (conflicts-with-bookings) unless forced; see
  // setWorkingHours.
  bool putResource(const Resource& resource, bool force = false);
  // Removes a resource. Refused while a service or schedule names it or a session to come occupies it.
  void removeResource(std::string_view id);

  std::optional<WorkingHours> workingHours(std::string_view resourceId);
  // Replaces a resource's working hours (the VAVAILABILITY of its inbox). Returns whether anything
  // changed. Hours that take time from active bookings (appointments the new hours no longer cover,
  // class and course sessions a new closure covers) are refused with conflicts-with-bookings unless
  // `force`: then the business cancels those appointments. Class and course sessions to come that a
  // closure covers are canceled (their class bookings too), and take place again once it is lifted.
  bool setWorkingHours(std::string_view resourceId, const WorkingHours& hours, bool force = false);

  // putService and putResource inside a write transaction the caller holds (BookingStore::write),
  // so that several changes commit together or not at all.
  bool putService(BookingData& data, const Service& service, bool force = false);
  bool putResource(BookingData& data, const Resource& resource, bool force = false);

 private:
  void check(const Resource& resource) const;

  BookingStore& store_;
  const Clock& clock_;
  const ZoneRules& zones_;
};

}  // namespace bookdav::domain
