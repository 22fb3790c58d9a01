// Sessions and bookings as the caller may see them (Caller.h), narrowed by range, service and
// resource: what the session list, the booking list and the calendar overview show.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/booking/Booking.h"
#include "domain/booking/Session.h"
#include "server/api/ApiCall.h"

namespace bookdav::server::api {

// Canceled sessions only when includeCanceled. Unknown service or resource ids are 404.
std::vector<domain::Session> visibleSessions(ApiCall& call, domain::Interval range,
                                             const std::optional<std::string>& serviceId,
                                             const std::optional<std::string>& resourceId,
                                             bool includeCanceled);

std::vector<domain::Booking> visibleBookings(ApiCall& call, const domain::BookingFilter& filter);

// A booking the caller may see, else 404 (a customer never learns that another's booking exists).
domain::Booking visibleBooking(ApiCall& call, domain::BookingId id);

}  // namespace bookdav::server::api
