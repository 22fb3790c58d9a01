// Fuzz target: a business file (`bookdav load`): JSON, every reader of resources, services, policies
// and schedules, and the booking domain's checks of the whole business.
#include "caldav/ical/IcalZoneRules.h"
#include "server/api/JsonInput.h"
#include "server/business/BusinessFile.h"
#include "tests/fuzz/FuzzInput.h"

using namespace bookdav;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::prepareOnce();
  try {
    server::business::readBusinessFile(fuzz::textOf(data, size), caldav::ical::IcalZoneRules::instance());
  } catch (const server::api::InvalidInput&) {
  }
  return 0;
}
