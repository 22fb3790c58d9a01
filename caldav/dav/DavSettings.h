// Settings of the protocol layer that the server's configuration decides.
#pragma once

#include <cstdint>
#include <string>

namespace bookdav::caldav {

struct DavSettings {
  std::int64_t maxResourceSize = 10 * 1024 * 1024;  // CALDAV:max-resource-size, bytes
  std::string addressDomain = "localhost";          // mailto:<user>@<domain> when an account has no email
  std::string productId = "-//bookdav//bookdav 0.1//EN";
  std::string businessName = "bookdav";  // the ORGANIZER's name on booking events
};

}  // namespace bookdav::caldav
