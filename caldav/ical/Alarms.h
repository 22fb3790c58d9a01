// When the VALARMs of an instance go off (RFC 5545 §3.8.6.3 TRIGGER, with REPEAT and DURATION), for
// CALDAV:time-range on VALARM (RFC 4791 §9.9).
#pragma once

#include <optional>
#include <vector>

#include "caldav/ical/Recurrence.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav::ical {

// Every trigger time of the alarm for one instance of its parent: the first trigger (relative to the
// instance's start, or its end with RELATED=END; an absolute DATE-TIME as is) and each repetition.
// Relative durations are added as exact seconds. Empty when the alarm has no TRIGGER, or a relative
// one and the instance has no time to relate it to (a to-do without DTSTART/DUE).
std::vector<domain::Instant> alarmTriggers(icalcomponent* valarm, const Instance& instance);

// The absolute trigger times of an alarm (its repetitions included); empty for relative triggers.
std::vector<domain::Instant> absoluteTriggers(icalcomponent* valarm);

// How far from its instance's start or end a relative trigger (with repetitions) can go off, in
// either direction; nullopt for an absolute trigger or none.
std::optional<domain::Seconds> triggerReach(icalcomponent* valarm);

}  // namespace bookdav::caldav::ical
