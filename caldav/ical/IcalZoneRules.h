// The domain's ZoneRules answered from libical's built-in IANA zones (the system zoneinfo), and the
// one thread-safe door to those zones for the rest of caldav/ical.
#pragma once

#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "domain/time/LocalTime.h"

struct _icaltimezone;

namespace bookdav::caldav::ical {

class IcalZoneRules final : public domain::ZoneRules {
 public:
  bool knows(std::string_view zone) const override;
  // Unknown zones count as UTC.
  domain::Seconds utcOffset(std::string_view zone, domain::Instant at) const override;

  // The process-wide instance (zones are loaded once and shared by all threads).
  static const IcalZoneRules& instance();
  // Loads a zone before threads start (libical rewrites a zone's fields when it first loads it).
  void warm(std::string_view zone) const;

  // The built-in zone for an Olson name ("Europe/Berlin", also "UTC"), already loaded, or nullptr.
  // Never call icaltimezone_get_builtin_timezone() elsewhere: libical searches and grows its zone
  // array without a lock and frees a zone's location when it loads it, so every lookup goes through
  // this cache, which loads the zone under its own lock before handing it out.
  _icaltimezone* builtin(std::string_view zone) const { return find(zone); }

  // The zone's VTIMEZONE as iCalendar text ("BEGIN:VTIMEZONE" ... "END:VTIMEZONE", CRLF, folded): the
  // built-in component with its TZID rewritten to the plain Olson name (libical's carries a
  // "/freeassociation.sourceforge.net/" prefix). Empty for UTC and unknown zones. Built once per zone.
  std::string vtimezone(std::string_view zone) const;

 private:
  _icaltimezone* find(std::string_view zone) const;

  mutable std::shared_mutex mutex_;
  mutable std::unordered_map<std::string, _icaltimezone*> zones_;
  mutable std::unordered_map<std::string, std::string> vtimezones_;  // under mutex_
};

}  // namespace bookdav::caldav::ical
