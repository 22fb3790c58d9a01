#include "server/BuildInfo.h"

namespace bookdav::server {

std::string_view productName() {
  return "bookdav";
}
std::string_view productVersion() {
  return "0.1.0";
}
std::string_view serverHeader() {
  return "bookdav/0.1.0";
}

}  // namespace bookdav::server
