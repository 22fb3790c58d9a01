// The human sentences that go with refusals: they name the time (in the service's zone) and the
// service, e.g. "10:30 on 2026-12-01 is no longer free for Haircut".
#pragma once

#include <string>

#include "domain/booking/Refusal.h"
#include "domain/booking/Service.h"
#include "domain/time/LocalTime.h"

namespace bookdav::domain {

// "30 minutes", "2 hours", "1 day 2 hours", "0 minutes".
std::string describeDuration(Seconds d);

// The sentence for a refusal about booking `service` at `at`; `lostRace` words slot-unavailable as
// "no longer free".
std::string refusalSentence(Refusal reason, const Service& service, const ZoneRules& rules, Instant at,
                            bool lostRace = false);

// Throws Refused with that sentence.
[[noreturn]] void refuse(Refusal reason, const Service& service, const ZoneRules& rules, Instant at,
                         bool lostRace = false);

}  // namespace bookdav::domain
