// Names of the computed booking calendars and their members in the URL space (DESIGN.md): the
// service-<id>/, bookings/ and resource-<id>/ calendars, session-<id>.ics and booking-<id>.ics
// members, resource principals and the calendar user addresses of resources and the business.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "caldav/dav/DavSettings.h"
#include "domain/booking/Ids.h"

namespace bookdav::caldav {

inline constexpr std::string_view kBookingsSegment = "bookings";
inline constexpr std::string_view kResourcePrincipalsRoot = "/dav/principals/resources/";

std::string serviceCalendarSegment(std::string_view serviceId);    // "service-haircut"
std::string resourceCalendarSegment(std::string_view resourceId);  // "resource-ana"
std::optional<std::string> serviceIdOfSegment(std::string_view segment);
std::optional<std::string> resourceIdOfSegment(std::string_view segment);
// Calendar names a user cannot make themself (bookings, inbox, outbox, service-*, resource-*).
bool isReservedCalendarName(std::string_view segment);

std::string sessionMemberName(domain::SessionId id);  // "session-17.ics"
std::string bookingMemberName(domain::BookingId id);  // "booking-42.ics"
std::optional<domain::SessionId> sessionIdOfMember(std::string_view name);
std::optional<domain::BookingId> bookingIdOfMember(std::string_view name);

std::string resourcePrincipalPath(std::string_view resourceId);  // "/dav/principals/resources/ana/"
std::string resourceInboxPath(std::string_view resourceId);      // ".../ana/inbox/"
// "mailto:ana@resources.localhost": the ATTENDEE address of a resource in booking events.
std::string resourceAddress(std::string_view resourceId, const DavSettings& settings);
std::optional<std::string> resourceIdOfAddress(std::string_view address, const DavSettings& settings);
// "mailto:bookings@localhost": the ORGANIZER of booking events.
std::string businessAddress(const DavSettings& settings);

}  // namespace bookdav::caldav
