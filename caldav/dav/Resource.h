// What a URL path names in bookdav's URL space (DESIGN.md, "URL space"): the server root, the
// principals, a calendar home, a stored collection or member, the scheduling inbox and outbox.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "domain/booking/Service.h"
#include "domain/calendar/CalendarStore.h"

namespace bookdav::caldav {

enum class ResourceKind {
  ServerRoot,      // "/"
  DavRoot,         // "/dav/"
  PrincipalsRoot,  // "/dav/principals/"
  Principal,       // "/dav/principals/<user>/"
  CalendarsRoot,   // "/dav/calendars/"
  Home,            // "/dav/calendars/<user>/"
  Collection,      // a stored plain collection below a home
  Calendar,        // a stored calendar collection
  Object,          // a stored member (calendar object or plain file)
  Inbox,           // "/dav/calendars/<user>/inbox/" (RFC 6638)
  Outbox,          // "/dav/calendars/<user>/outbox/"
  // Calendars computed from the booking domain (caldav/booking/):
  ServiceCalendar,     // "/dav/calendars/<user>/service-<service>/"
  BookingsCalendar,    // "/dav/calendars/<user>/bookings/"
  ResourceCalendar,    // "/dav/calendars/<user>/resource-<resource>/" (staff and admins)
  ResourcePrincipals,  // "/dav/principals/resources/"
  ResourcePrincipal,   // "/dav/principals/resources/<resource>/"
  ResourceInbox,       // "/dav/principals/resources/<resource>/inbox/" (calendar-availability)
  ServicePrincipals,   // "/dav/principals/services/"
  ServicePrincipal,    // "/dav/principals/services/<service>/" (RFC 6638: invited to book)
  ServiceInbox,        // "/dav/principals/services/<service>/inbox/" (always empty)
  Missing,             // nothing there (yet): PUT, MKCOL and MKCALENDAR create it
};

inline bool isComputedCalendar(ResourceKind k) {
  return k == ResourceKind::ServiceCalendar || k == ResourceKind::BookingsCalendar ||
         k == ResourceKind::ResourceCalendar;
}

// What a member of a computed calendar stands for in the booking domain.
struct ComputedMember {
  enum class Kind { Booking, Session, Window };
  Kind kind = Kind::Booking;
  std::int64_t id = 0;  // a BookingId, a SessionId, or an open window's start (seconds since 1970)
  bool operator==(const ComputedMember&) const = default;
};

struct Resource {
  ResourceKind kind = ResourceKind::Missing;
  std::string path;   // decoded; collections end in "/"
  std::string owner;  // the account whose principal or home this is; "" for shared roots
  // Stored collections: the collection itself; objects and missing members: their parent. Shared,
  // because every member of a listing has the same parent.
  // Computed calendars have a record made up on the fly (computed = true), carrying the settings a
  // user gave them (display name, colour, order, feed token) when there are any.
  std::shared_ptr<const domain::CollectionRecord> collection;
  std::optional<domain::ObjectRecord> object;
  // Objects of computed calendars: the booking or session they show.
  std::optional<ComputedMember> member;
  // Objects and missing members: the kind of the calendar they are in.
  ResourceKind container = ResourceKind::Missing;
  std::shared_ptr<const domain::Service> service;  // service calendars, their members, service principals
  std::string resourceId;                          // resource calendars and principals
  std::optional<std::int64_t> syncSeq;             // computed calendars: their change-log position
  std::optional<std::int64_t> timeVersion;         // calendars that change with time (open windows): unix
                                                   // seconds of the last such change (SyncPosition)

  bool exists() const { return kind != ResourceKind::Missing; }
  bool isCollection() const { return kind != ResourceKind::Object && kind != ResourceKind::Missing; }
  bool isStoredCollection() const {
    return kind == ResourceKind::Home || kind == ResourceKind::Collection || kind == ResourceKind::Calendar;
  }
  // Any calendar collection, stored or computed.
  bool isCalendar() const { return kind == ResourceKind::Calendar || isComputedCalendar(kind); }
  // In (or being) a computed calendar.
  bool isComputed() const { return isComputedCalendar(kind) || isComputedCalendar(container); }
};

}  // namespace bookdav::caldav
