#include "server/Backend.h"

namespace bookdav::server {

std::filesystem::path Backend::databaseFile(const std::filesystem::path& dataDir) { return dataDir / "bookdav.db"; }

static std::string prepareDirectory(const std::filesystem::path& dataDir) {
  std::filesystem::create_directories(dataDir);
  return Backend::databaseFile(dataDir).string();
}

Backend::Backend(const std::filesystem::path& dataDir, caldav::DavSettings settings)
    : database(prepareDirectory(dataDir)),
      changes(database),
      accounts(database),
      calendars(database),
      dav(calendars, accounts, std::move(settings)) {}

}  // namespace bookdav::server
