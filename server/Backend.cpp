#include "server/Backend.h"

#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::server {

std::filesystem::path Backend::databaseFile(const std::filesystem::path& dataDir) {
  return dataDir / "bookdav.db";
}

// The database's location: the URL as it is, or the data directory's file (the directory is created).
static std::string databaseLocation(const std::string& location) {
  if (storage::sql::isPostgresUrl(location)) return location;
  std::filesystem::create_directories(location);
  return Backend::databaseFile(location).string();
}

const domain::Clock& Backend::systemClock() {
  static const domain::SystemClock clock;
  return clock;
}

Backend::Backend(const std::string& location, caldav::DavSettings settings, const domain::Clock& clock,
                 storage::sql::Durability durability)
    : clock(clock),
      database(databaseLocation(location), durability),
      changes(database),
      accounts(database),
      calendars(database),
      bookingStore(database),
      transactions(database),
      notifications(database),
      signInSessions(database),
      workLeases(database),
      booking(bookingStore, clock, caldav::ical::IcalZoneRules::instance()),
      dav(calendars, accounts, booking, changes, clock, std::move(settings), transactions, &notifications) {}

}  // namespace bookdav::server
