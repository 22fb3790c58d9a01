// What every method handler works with: the stores, the settings, and the access rules that decide
// which paths a signed-in user may read and change.
#pragma once

#include <string>
#include <vector>

#include "caldav/dav/DavSettings.h"
#include "caldav/dav/Resource.h"
#include "caldav/ical/ExpansionBudget.h"
#include "caldav/webdav/Message.h"
#include "domain/UnitOfWork.h"
#include "domain/account/Account.h"
#include "domain/booking/BookingEngine.h"
#include "domain/calendar/CalendarStore.h"
#include "domain/notify/NotificationStore.h"
#include "domain/sync/ChangeLog.h"
#include "domain/time/Clock.h"

namespace bookdav::caldav {

struct DavContext {
  domain::CalendarStore& store;
  domain::AccountRepository& accounts;
  domain::BookingEngine& booking;
  domain::ChangeLog& changes;
  const domain::Clock& clock;
  const DavSettings& settings;
  // What expanding recurrences may cost this request (reports, expand, free/busy); writes check
  // each object they store under a budget of its own (ObjectIntake.h).
  ical::ExpansionBudget& budget;
  // One write transaction over calendars and booking data (implicit scheduling, RFC 6638).
  domain::Transactions& transactions;
  // The reminders that booking events carry as VALARMs (domain/notify/Reminders.h); none when null.
  domain::notify::NotificationStore* notifications = nullptr;
};

// What path names for the request's user: stored collections and members, the computed booking
// calendars and their members, principals and roots (see Resource.h).
Resource resolve(DavContext& ctx, const Request& request, domain::CalendarReader& store,
                 std::string_view path);

// resolve() in a read transaction of its own: handlers that write look first, so that computed
// calendars (whose writes go through the booking engine) never run inside a calendar write.
Resource lookUp(DavContext& ctx, const Request& request, std::string_view path);

// Throws DavError 403 (DAV:need-privileges) when the request's user may not read the resource.
void requireRead(const Request& request, const Resource& resource);
// Throws DavError 403 when the user may not change the resource (or create it, when Missing).
void requireWrite(const Request& request, const Resource& resource);

// The href (encoded path) of a resource, and of a member of a stored collection.
std::string hrefOf(const Resource& resource);
std::string memberHref(const domain::CollectionRecord& collection, std::string_view name);

// The resources one level below a collection resource, as PROPFIND Depth 1 lists them.
std::vector<Resource> childrenOf(DavContext& ctx, domain::CalendarReader& store, const Request& request,
                                 const Resource& parent);

// A collection's member as a Resource (computed: the kind of the computed calendar it is in).
// The members of a collection, stored or computed; nullptr for resources that have none.
std::unique_ptr<class CollectionMembers> membersOf(DavContext& ctx, domain::CalendarReader& store,
                                                   const Resource& collection);

Resource memberResource(std::shared_ptr<const domain::CollectionRecord> collection,
                        domain::ObjectRecord object, ResourceKind container = ResourceKind::Calendar);
Resource collectionResource(domain::CollectionRecord collection);

}  // namespace bookdav::caldav
