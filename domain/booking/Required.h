// Reads inside a booking transaction that must find what they look for (else Refused not-found), and
// the invalid-request refusal: one wording for Catalog, Timetable and BookingDesk.
#pragma once

#include <string>
#include <string_view>

#include "domain/booking/BookingStore.h"

namespace bookdav::domain {

[[noreturn]] void invalidRequest(const std::string& sentence);

Service requireService(BookingData& data, std::string_view id);
Session requireSession(BookingData& data, SessionId id);
Booking requireBooking(BookingData& data, BookingId id);

}  // namespace bookdav::domain
