// Fuzz target: a PUT body through the iCalendar intake (validation and normalisation), then the
// recurrence engine the instance index and the time-range reports use.
#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/CalendarObject.h"
#include "caldav/ical/Instances.h"
#include "caldav/ical/Recurrence.h"
#include "domain/time/Clock.h"
#include "tests/fuzz/FuzzInput.h"

using namespace bookdav;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::prepareOnce();
  static const domain::FixedClock clock(domain::fromUnix(1795420800));  // 2026-11-23
  try {
    caldav::ical::ParsedObject parsed =
        caldav::ical::parseObject(fuzz::textOf(data, size), caldav::ical::AllowedComponents::all(), clock);
    caldav::ical::expandForIndex(parsed.calendar, clock.now() + std::chrono::days{400}, 500);
    caldav::ical::InstanceOptions options;
    options.maxInstances = 500;
    caldav::ical::forEachInstance(
        parsed.calendar,
        domain::Interval{clock.now() - std::chrono::days{3650}, clock.now() + std::chrono::days{3650}},
        [](const caldav::ical::Instance&) { return true; }, options);
    caldav::ical::ParsedObject again =
        caldav::ical::parseObject(parsed.text, caldav::ical::AllowedComponents::all(), clock);
    if (again.uid != parsed.uid) __builtin_trap();  // what is stored must read back the same
  } catch (const caldav::ical::CalendarDataError&) {
  }
  return 0;
}
