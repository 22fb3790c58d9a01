// The fixed parts of bookdav's URL space and the mapping from a decoded path to a Resource.
#pragma once

#include <string>
#include <string_view>

#include "caldav/dav/Resource.h"

namespace bookdav::caldav {

inline constexpr std::string_view kDavRoot = "/dav/";
inline constexpr std::string_view kPrincipalsRoot = "/dav/principals/";
inline constexpr std::string_view kCalendarsRoot = "/dav/calendars/";

std::string principalPath(std::string_view user);  // "/dav/principals/alice/"
std::string homePath(std::string_view user);       // "/dav/calendars/alice/"
std::string inboxPath(std::string_view user);      // "/dav/calendars/alice/inbox/"
std::string outboxPath(std::string_view user);     // "/dav/calendars/alice/outbox/"

// The account whose home or principal contains path, or "" when it is outside every home.
std::string ownerOfPath(std::string_view path);

// Looks path up among the stored collections and members. Paths under a home that name nothing
// come back as Missing with the stored parent collection (if it exists) in `collection`.
Resource resolveStored(domain::CalendarReader& store, std::string_view path);

}  // namespace bookdav::caldav
