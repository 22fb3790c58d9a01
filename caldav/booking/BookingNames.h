// Names of the computed booking calendars and their members in the URL space (DESIGN.md): the
// service-<id>/, bookings/ and resource-<id>/ calendars, session-<id>.ics and booking-<id>.ics
// members, resource principals and the calendar user addresses of resources and the business.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "caldav/dav/DavSettings.h"
#include "domain/booking/Ids.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav {

inline constexpr std::string_view kBookingsSegment = "bookings";
inline constexpr std::string_view kResourcePrincipalsRoot = "/dav/principals/resources/";
inline constexpr std::string_view kServicePrincipalsRoot = "/dav/principals/services/";

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
// An appointment calendar's open window starting at `start`: "open-<seconds since 1970>.ics".
std::string windowMemberName(domain::Instant start);
std::optional<domain::Instant> windowStartOfMember(std::string_view name);

std::string resourcePrincipalPath(std::string_view resourceId);  // "/dav/principals/resources/ana/"
std::string resourceInboxPath(std::string_view resourceId);      // ".../ana/inbox/"
std::string resourceUrn(std::string_view resourceId);            // "urn:bookdav:resource:ana"
// The resource id (lower-cased) that these addresses of a resource name: "mailto:<id>@resources.<domain>"
// (the older form; CalendarAddresses gives the mailto: addresses in use), urn:bookdav:resource:<id> and
// its principal's path (RFC 6638 allows principal URLs as calendar user addresses).
std::optional<std::string> resourceIdOfAddress(std::string_view address, const DavSettings& settings);

std::string servicePrincipalPath(std::string_view serviceId);  // "/dav/principals/services/cut/"
std::string serviceInboxPath(std::string_view serviceId);      // ".../cut/inbox/"
std::string serviceUrn(std::string_view serviceId);            // "urn:bookdav:service:cut"
// The service id (lower-cased) that these addresses of a service name: "mailto:<id>@services.<domain>"
// (the older form), urn:bookdav:service:<id> and its principal's path.
std::optional<std::string> serviceIdOfAddress(std::string_view address, const DavSettings& settings);
// "mailto:bookings@localhost": the ORGANIZER of booking events.
std::string businessAddress(const DavSettings& settings);

}  // namespace bookdav::caldav
