// The JSON shapes of what the booking engine computes and records: sessions, slots and bookings.
#pragma once

#include <string_view>

#include "domain/booking/Booking.h"
#include "domain/booking/Session.h"
#include "domain/booking/Slot.h"
#include "domain/time/LocalTime.h"
#include "server/api/JsonOutput.h"

namespace bookdav::server::api {

// forBusiness: include the admin's lock note.
JsonObject sessionJson(const domain::Session& session, bool forBusiness);
// Times in UTC, plus localStart/localEnd in `zone`.
JsonObject slotJson(const domain::Slot& slot, const domain::ZoneRules& rules, std::string_view zone);
// waitlistPosition: 1 for the first in line (only shown for WAITLISTED bookings); `now` places the
// deadlines (domain::deadlineStart).
JsonObject bookingJson(const domain::Booking& booking, int waitlistPosition, domain::Instant now);

}  // namespace bookdav::server::api
