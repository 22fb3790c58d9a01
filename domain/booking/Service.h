// A service: what a business offers (DESIGN.md, "Terms"): an appointment booked at any free time of
// its resources, a class whose sessions follow a schedule, or a course booked as a whole series.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/BookingPolicy.h"

namespace bookdav::domain {

enum class ServiceKind { Appointment, Class, Course };

std::string_view toString(ServiceKind kind);  // "appointment", "class", "course"
std::optional<ServiceKind> parseServiceKind(std::string_view text);

// Where the service takes place.
struct Location {
  enum class Kind { None, Address, Online, CustomerPlace };
  Kind kind = Kind::None;
  std::string text;  // the address, or the online link; empty for None and CustomerPlace
  bool operator==(const Location&) const = default;
};

std::string_view toString(Location::Kind kind);  // "none", "address", "online", "customer-place"
std::optional<Location::Kind> parseLocationKind(std::string_view text);

// An amount of money in minor units (cents) of an ISO 4217 currency: {3500, "EUR"} is 35.00 EUR.
struct Price {
  std::int64_t amountMinor = 0;
  std::string currency;
  bool operator==(const Price&) const = default;
};

// "Any one of these resources": a booking takes exactly one member of each group (AND across groups,
// OR within a group). Order matters: the first free member is assigned unless the customer chooses.
struct ResourceGroup {
  std::vector<std::string> anyOf;
  bool operator==(const ResourceGroup&) const = default;
};

struct Service {
  std::string id;  // slug, e.g. "haircut"
  ServiceKind kind = ServiceKind::Appointment;
  std::string name;
  std::string description;
  std::string email;     // its calendar user address (without "mailto:"); "" = derived (CalendarAddresses)
  std::string timeZone;  // IANA; the zone of the slot grid and of the times in refusal sentences
  Seconds duration{0};   // appointments: the booked length; classes/courses: the default session length
  Location location;
  Price price;                           // per participant
  int capacity = 1;                      // places per session (appointments: 1)
  std::vector<ResourceGroup> resources;  // appointments: what each booking needs
  BookingPolicy policy;
  bool operator==(const Service&) const = default;

  // Every resource id named by any group, in order of first mention.
  std::vector<std::string> resourceIds() const;
};

// The groups as a query restricted to `only` sees them: a group that names any of them keeps just
// those; a group that names none stays whole. Empty `only` = the groups unchanged.
std::vector<ResourceGroup> restrictGroups(const std::vector<ResourceGroup>& groups,
                                          const std::vector<std::string>& only);

// A sentence describing what is wrong with the service, or nullopt (zones and the existence of the
// named resources are checked by the caller).
std::optional<std::string> validate(const Service& service);

}  // namespace bookdav::domain
