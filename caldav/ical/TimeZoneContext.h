// The zone in which floating times and DATE values are read (RFC 4791 §7.3): a request's
// CALDAV:timezone, a calendar's calendar-timezone, a built-in Olson zone, or UTC (the default).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

typedef struct _icaltimezone icaltimezone;

namespace bookdav::caldav::ical {

class TimeZoneContext {
 public:
  static TimeZoneContext utc();
  // A built-in zone by Olson name ("Europe/Berlin"); nullopt when unknown.
  static std::optional<TimeZoneContext> named(std::string_view olson);
  // Text of a VCALENDAR holding exactly one VTIMEZONE (with TZID and at least one STANDARD or
  // DAYLIGHT) of the kind real zones have (TimeZoneScreen.h). Throws
  // CalendarDataError(ValidCalendarData) otherwise; callers answer
  // CALDAV:valid-calendar-data (PROPPATCH of calendar-timezone) or 400/403 for CALDAV:timezone.
  static TimeZoneContext fromVtimezoneText(std::string_view text);

  // "UTC", "Europe/Berlin", or the VTIMEZONE's TZID.
  const std::string& tzid() const { return tzid_; }
  bool isUtc() const { return zone_ == nullptr; }
  // libical's zone; nullptr means UTC. Immutable after construction and safe to share between
  // threads (libical guards a zone's transition cache with a global lock).
  icaltimezone* zone() const { return zone_; }

 private:
  TimeZoneContext() = default;
  std::shared_ptr<icaltimezone> owned_;  // set for zones built from a VTIMEZONE
  icaltimezone* zone_ = nullptr;
  std::string tzid_ = "UTC";
};

}  // namespace bookdav::caldav::ical
