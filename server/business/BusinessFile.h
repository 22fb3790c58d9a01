// A business as a readable JSON file (examples/README.md): a default time zone, named working hours,
// resources, and services with their policies and class/course schedules. Reading checks every
// field, the ids and the booking domain's rules, and names the JSON path of the first bad value.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account/Account.h"
#include "domain/booking/BookingEngine.h"
#include "domain/booking/Resource.h"
#include "domain/time/LocalTime.h"
#include "server/api/CatalogJson.h"

namespace bookdav::server::business {

struct BusinessFile {
  std::string name;
  std::string email;     // the business's address: From: name of its e-mails, told of approvals
  std::string timeZone;  // the default of every resource and service that names none
  // "public": guests may book on the public pages (/book/) and the public JSON endpoints; absent
  // leaves the setting as it is (off in a new database).
  std::optional<bool> publicBooking;
  std::vector<domain::Resource> resources;
  std::vector<api::ServiceDefinition> services;
};

// Throws api::InvalidInput naming the JSON path ("services[2].policy.minimumNotice").
BusinessFile readBusinessFile(std::string_view jsonText, const domain::ZoneRules& zones);

// A file that cannot be read or is not a business: what() is "FILE: PATH: problem".
class BusinessFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

BusinessFile loadBusinessFile(const std::filesystem::path& file, const domain::ZoneRules& zones);

// The file's "email"s of services and resources against the calendar users already there (services
// and resources the file does not define, accounts): a clash throws BusinessFileError naming both.
// (Two of the file's own are refused by readBusinessFile.)
void checkCalendarEmails(const BusinessFile& business, domain::BookingEngine& engine,
                         domain::AccountRepository& accounts);

}  // namespace bookdav::server::business
