// The JSON shapes of the catalog, read and written the same way by the JSON API and by `bookdav load`
// (examples/README.md): services with their bookings policy and class/course schedule, resources
// with their working hours. Reads check shapes and ranges and throw InvalidInput naming the field;
// the booking domain checks the rest (zones, references) when the catalog stores the result.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "domain/booking/Resource.h"
#include "domain/booking/Schedule.h"
#include "domain/booking/Service.h"
#include "server/api/JsonInput.h"
#include "server/api/JsonOutput.h"

namespace bookdav::server::api {

// What a service's "schedule" field asks for: absent = keep the stored one, null = remove it.
struct ScheduleUpdate {
  enum class Kind { Keep, Remove, Set };
  Kind kind = Kind::Keep;
  domain::Schedule schedule;
};

struct ServiceDefinition {
  domain::Service service;
  ScheduleUpdate schedule;
  // "reminders": how long before a booking its customer is reminded (README, "Notifications");
  // nullopt when the input does not say (what is stored stays).
  std::optional<std::vector<domain::Seconds>> reminders;
  // Sessions the change would move or add over active bookings of other services: cancel those
  // bookings (JSON "force", `bookdav load --force`) instead of refusing the change.
  bool force = false;
};

// Named working hours that a business file's resources may refer to by name.
using NamedHours = std::map<std::string, domain::WorkingHours, std::less<>>;

// `defaultZone` fills a missing "timezone" ("" = the field is required). `id` is the id the URL
// names ("" = the body must give it); a body id that differs is refused.
ServiceDefinition readService(JsonFields& fields, const std::string& defaultZone, const std::string& id = {});
domain::BookingPolicy readPolicy(JsonFields& fields);
domain::Schedule readSchedule(JsonFields& fields, const std::string& serviceId);
domain::Resource readResource(JsonFields& fields, const std::string& defaultZone, const std::string& id = {},
                              const NamedHours& named = {});
domain::WorkingHours readWorkingHours(JsonFields& fields);
// The optional "email" of a service or resource: its calendar user address ("mailto:" may lead);
// "" when absent.
std::string readCalendarEmail(JsonFields& fields);

JsonObject serviceJson(const domain::Service& service, const std::optional<domain::Schedule>& schedule);
JsonObject policyJson(const domain::BookingPolicy& policy);
JsonObject scheduleJson(const domain::Schedule& schedule);
// withAccount: include the staff member's login (for the business and staff, not for customers).
JsonObject resourceJson(const domain::Resource& resource, bool withAccount);
JsonObject workingHoursJson(const domain::WorkingHours& hours);

// "35.00" for 3500 minor units.
std::string amountText(std::int64_t minor);

}  // namespace bookdav::server::api
