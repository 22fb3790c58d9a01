// `bookdav load FILE.json [--data DIR]`: creates or updates a business from a JSON file (DESIGN.md,
// "Running it"; examples/README.md describes the format).
#include <iostream>

#include "caldav/ical/IcalZoneRules.h"
#include "server/Backend.h"
#include "server/business/BusinessLoader.h"
#include "server/cli/Arguments.h"
#include "server/cli/Commands.h"

namespace bookdav::server {

int loadCommand(const std::vector<std::string>& args) {
  Arguments a(args, {"quiet", "force"});
  a.allowOnly({"data", "database", "quiet", "force"});
  if (a.positional().size() != 1) throw UsageError("bookdav load FILE.json [--data DIR] [--force]");
  const std::string file = a.positional()[0];
  const auto& zones = caldav::ical::IcalZoneRules::instance();
  business::BusinessFile b;
  try {
    b = business::loadBusinessFile(file, zones);
  } catch (const business::BusinessFileError& e) {
    std::cerr << "bookdav: " << e.what() << "\n";
    return 1;
  }
  Backend backend(storageLocation(a));
  try {
    business::checkCalendarEmails(b, backend.booking, backend.accounts);
    business::LoadReport report = business::loadBusiness(backend.booking, b, a.flag("force"));
    business::recordNotificationSettings(backend.notifications, b);
    if (!a.flag("quiet")) {
      for (const auto& item : report.items)
        if (item.outcome != business::Outcome::Unchanged)
          std::cout << "  " << business::toString(item.outcome) << " " << item.what << "\n";
    }
    std::cout << "loaded " << file << (b.name.empty() ? "" : " (" + b.name + ")") << ": " << report.summary()
              << "\n";
  } catch (const domain::Refused& e) {
    std::cerr << "bookdav: " << file << ": " << e.what() << "; nothing was loaded\n";
    return 1;
  } catch (const business::BusinessFileError& e) {
    std::cerr << "bookdav: " << file << ": " << e.what() << "; nothing was loaded\n";
    return 1;
  }
  return 0;
}

}  // namespace bookdav::server
