// The name and version bookdav reports (Server header, PRODID, --version).
#pragma once

#include <string_view>

namespace bookdav::server {

std::string_view productName();     // "bookdav"
std::string_view productVersion();  // "0.1.0"
std::string_view serverHeader();    // "bookdav/0.1.0"

}  // namespace bookdav::server
