// What a URL path names in bookdav's URL space (DESIGN.md, "URL space"): the server root, the
// principals, a calendar home, a stored collection or member, the scheduling inbox and outbox.
#pragma once

#include <memory>
#include <optional>
#include <string>

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
  Missing,         // nothing there (yet): PUT, MKCOL and MKCALENDAR create it
};

struct Resource {
  ResourceKind kind = ResourceKind::Missing;
  std::string path;   // decoded; collections end in "/"
  std::string owner;  // the account whose principal or home this is; "" for shared roots
  // Stored collections: the collection itself; objects and missing members: their parent. Shared,
  // because every member of a listing has the same parent.
  std::shared_ptr<const domain::CollectionRecord> collection;
  std::optional<domain::ObjectRecord> object;

  bool exists() const { return kind != ResourceKind::Missing; }
  bool isCollection() const { return kind != ResourceKind::Object && kind != ResourceKind::Missing; }
  bool isStoredCollection() const {
    return kind == ResourceKind::Home || kind == ResourceKind::Collection || kind == ResourceKind::Calendar;
  }
};

}  // namespace bookdav::caldav
