// Identities in the booking domain: slug ids for services and resources (they appear in URLs such as
// "service-haircut/"), 64-bit ids for sessions and bookings.
#pragma once

#include <cstdint>
#include <string_view>

namespace bookdav::domain {

using SessionId = std::int64_t;
using BookingId = std::int64_t;

// [a-z0-9][a-z0-9-]*, at most 64 characters: "haircut", "ana", "chair-1".
bool isSlug(std::string_view id);

}  // namespace bookdav::domain
