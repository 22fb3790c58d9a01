#include "tests/fuzz/FuzzInput.h"

#include "caldav/ical/Component.h"
#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::fuzz {

void prepareOnce() {
  static const bool ready = [] {
    caldav::ical::initialize();
    for (const char* zone : {"UTC", "Europe/Berlin", "Europe/Madrid", "America/New_York"})
      caldav::ical::IcalZoneRules::instance().warm(zone);
    return true;
  }();
  (void)ready;
}

}  // namespace bookdav::fuzz
