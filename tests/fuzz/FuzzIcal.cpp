// Fuzz target: a PUT body through the iCalendar intake (validation and normalisation), then the
// recurrence engine the instance index and the time-range reports use.
#include <cstdio>

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
  // Smaller than the server's budgets so that the fuzzer stays fast; the same checks run inside.
  caldav::ical::ExpansionBudget writeBudget(200'000, std::chrono::milliseconds{1000});
  caldav::ical::ExpansionBudget readBudget(200'000, std::chrono::milliseconds{1000});
  try {
    caldav::ical::ParsedObject parsed = caldav::ical::parseObject(
        fuzz::textOf(data, size), caldav::ical::AllowedComponents::all(), writeBudget, clock);
    caldav::ical::expandForIndex(parsed.calendar, clock.now() + std::chrono::days{400}, writeBudget, 500);
    caldav::ical::InstanceOptions options;
    options.maxInstances = 500;
    caldav::ical::forEachInstance(
        parsed.calendar,
        domain::Interval{clock.now() - std::chrono::days{3650}, clock.now() + std::chrono::days{3650}},
        [](const caldav::ical::Instance&) { return true; }, readBudget, options);
    caldav::ical::ExpansionBudget againBudget(200'000, std::chrono::milliseconds{1000});
    caldav::ical::ParsedObject again =
        caldav::ical::parseObject(parsed.text, caldav::ical::AllowedComponents::all(), againBudget, clock);
    if (again.uid != parsed.uid) {
      fprintf(stderr, "UID1[%s]\nUID2[%s]\nTEXT[%s]\n", parsed.uid.c_str(), again.uid.c_str(),
              parsed.text.c_str());
      __builtin_trap();
    }  // what is stored must read back the same
  } catch (const caldav::ical::CalendarDataError&) {
  } catch (const caldav::ical::ExpansionTooComplex&) {
  }
  return 0;
}
