// Conversions between libical times and bookdav instants: TZID resolution, floating and DATE values
// read in a caller-chosen zone, the UTC text form. Internal to caldav (it exposes libical types).
#pragma once

#include <libical/ical.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time/Instant.h"

namespace bookdav::caldav::ical {

// The zone a property's TZID names: a VTIMEZONE in comp or one of its parents, else a built-in zone
// (also for libical's "/freeassociation.sourceforge.net/"-prefixed ids). nullptr when the property
// has no TZID or the zone is unknown. Never calls libical's unlocked built-in lookup.
icaltimezone* zoneOfProperty(icalproperty* p, icalcomponent* comp);
// Resolves a TZID text the same way.
icaltimezone* zoneOfTzid(std::string_view tzid, icalcomponent* comp);

// A DATE or DATE-TIME property value with its zone attached: UTC stays UTC, TZID values get their
// zone, floating values and DATEs keep zone == nullptr.
icaltimetype zonedValue(icalproperty* p, icalcomponent* comp);
icaltimetype withZone(icaltimetype t, icalproperty* p, icalcomponent* comp);

// Floating = a DATE, or a DATE-TIME with neither "Z" nor a (known) TZID.
inline bool isFloating(const icaltimetype& t) {
  return t.is_date || t.zone == nullptr;
}

// The instant of a libical time. Floating times and DATEs (midnight) are read in floatingZone;
// nullptr means UTC. A wall time that does not exist (spring forward) is read with the offset
// before the gap, an ambiguous one (fall back) as its first occurrence (RFC 5545 §3.3.5).
domain::Instant toInstant(const icaltimetype& t, const icaltimezone* floatingZone);

// The offset to add to UTC to get the zone's wall time at an instant (nullptr = UTC).
domain::Seconds utcOffsetAt(const icaltimezone* zone, domain::Instant utc);

// The wall-clock time of an instant in a zone (nullptr = UTC, the result then carries the UTC zone);
// with asDate, the date part only.
icaltimetype fromInstant(domain::Instant t, const icaltimezone* zone, bool asDate);

// The wall-clock fields of a libical time (a DATE is its midnight), whatever its zone.
std::chrono::local_seconds wallTimeOf(const icaltimetype& t);

// "20240101T100000Z".
std::string formatUtc(domain::Instant t);
// Exactly "YYYYMMDDTHHMMSSZ" (RFC 5545 date with UTC time); nullopt for anything else.
std::optional<domain::Instant> parseUtcDateTime(std::string_view text);

// Instant arithmetic that sticks at Instant::min()/max() (the open ends of a time range).
domain::Instant addSaturating(domain::Instant t, domain::Seconds d);

}  // namespace bookdav::caldav::ical
