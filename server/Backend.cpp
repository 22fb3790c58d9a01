#include "server/Backend.h"

#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::server {

std::filesystem::path Backend::databaseFile(const std::filesystem::path& dataDir) {
  return dataDir / "bookdav.db";
}

static std::string prepareDirectory(const std::filesystem::path& dataDir) {
  std::filesystem::create_directories(dataDir);
  return Backend::databaseFile(dataDir).string();
}

const domain::Clock& Backend::systemClock() {
  static const domain::SystemClock clock;
  return clock;
}

Backend::Backend(const std::filesystem::path& dataDir, caldav::DavSettings settings,
                 const domain::Clock& clock, storage::sql::Durability durability)
    : clock(clock),
      database(prepareDirectory(dataDir), durability),
      changes(database),
      accounts(database),
      calendars(database),
      bookingStore(database),
      transactions(database),
      notifications(database),
      signInSessions(database),
      workLeases(database),
      booking(bookingStore, clock, caldav::ical::IcalZoneRules::instance()),
      dav(calendars, accounts, booking, changes, clock, std::move(settings), transactions) {}

}  // namespace bookdav::server
