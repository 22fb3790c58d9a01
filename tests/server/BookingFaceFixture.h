// A bookdav back end on a real SQLite file with a fixed clock and a small business (a haircut with
// stylist ana and chair-1, a yoga class, a Spanish course), driven through DavService::handle: the
// CalDAV booking face without sockets.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "domain/booking/Schedule.h"
#include "server/Backend.h"
#include "server/auth/PasswordHash.h"
#include "tests/storage/TempDir.h"

namespace bookdav::server {

class BookingFace : public ::testing::Test {
 protected:
  // Monday 2026-11-30, 08:00 UTC (09:00 in Berlin).
  static domain::Instant t0() { return *domain::parseRfc3339("2026-11-30T08:00:00Z"); }
  static domain::Instant at(const char* rfc3339) { return *domain::parseRfc3339(rfc3339); }

  BookingFace();

  caldav::Response call(const std::string& method, const std::string& path, const std::string& user,
                        const std::string& body = "",
                        std::vector<std::pair<std::string, std::string>> headers = {});
  caldav::Response put(const std::string& user, const std::string& path, const std::string& ics,
                       std::vector<std::pair<std::string, std::string>> headers = {});
  // A VEVENT asking for `start` (UTC, "20261201T100000Z") with optional extra lines.
  static std::string event(const std::string& uid, const std::string& start, const std::string& extra = "");
  // The urn:bookdav: precondition of a DAV:error body ("" when none).
  static std::string precondition(const caldav::Response& r);
  std::string propfindText(const std::string& user, const std::string& path, const std::string& props,
                           const std::string& depth = "0");

  TempDir dir;
  domain::FixedClock clock{t0()};
  std::unique_ptr<Backend> backend;
};

}  // namespace bookdav::server
