// Helpers for the iCalendar tests: wrapping components in a VCALENDAR and writing instants as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "caldav/ical/Component.h"
#include "caldav/ical/Recurrence.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav::ical::testing {

// "BEGIN:VCALENDAR ... body ... END:VCALENDAR" with LF line ends (libical accepts both).
inline std::string vcalendar(std::string_view body) {
  return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + std::string(body) + "END:VCALENDAR\n";
}

inline Component calendarOf(std::string_view body) {
  initialize();
  return Component::parse(vcalendar(body));
}

inline domain::Instant at(std::string_view rfc3339) {
  return *domain::parseRfc3339(rfc3339);
}

// A budget no test of instances runs out of (tests of the budget make their own).
inline ExpansionBudget& roomyBudget() {
  static thread_local ExpansionBudget budget(1'000'000'000'000ULL, std::chrono::hours(24));
  return budget;
}

inline domain::Interval between(std::string_view a, std::string_view b) {
  return {at(a), at(b)};
}

// "start/end" of each instance, in the order visited.
inline std::vector<std::string> instancesIn(const Component& cal, domain::Interval range,
                                            const TimeZoneContext* zone = nullptr) {
  std::vector<std::string> out;
  InstanceOptions options;
  options.floatingZone = zone;
  forEachInstance(
      cal, range,
      [&](const Instance& in) {
        out.push_back(domain::toRfc3339(in.start) + "/" + domain::toRfc3339(in.end));
        return true;
      },
      roomyBudget(), options);
  return out;
}

inline domain::Interval always() {
  return {domain::Instant::min(), domain::Instant::max()};
}

}  // namespace bookdav::caldav::ical::testing
