// What every method handler works with: the stores, the settings, and the access rules that decide
// which paths a signed-in user may read and change.
#pragma once

#include <string>
#include <vector>

#include "caldav/dav/DavSettings.h"
#include "caldav/dav/Resource.h"
#include "caldav/webdav/Message.h"
#include "domain/account/Account.h"
#include "domain/calendar/CalendarStore.h"

namespace bookdav::caldav {

struct DavContext {
  domain::CalendarStore& store;
  domain::AccountRepository& accounts;
  const DavSettings& settings;
};

// Throws DavError 403 (DAV:need-privileges) when the request's user may not read the resource.
void requireRead(const Request& request, const Resource& resource);
// Throws DavError 403 when the user may not change the resource (or create it, when Missing).
void requireWrite(const Request& request, const Resource& resource);

// The href (encoded path) of a resource, and of a member of a stored collection.
std::string hrefOf(const Resource& resource);
std::string memberHref(const domain::CollectionRecord& collection, std::string_view name);

// The resources one level below a collection resource, as PROPFIND Depth 1 lists them.
std::vector<Resource> childrenOf(domain::CalendarReader& store, const Request& request, const Resource& parent);

// A stored collection's member as a Resource.
Resource memberResource(std::shared_ptr<const domain::CollectionRecord> collection, domain::ObjectRecord object);
Resource collectionResource(domain::CollectionRecord collection);

}  // namespace bookdav::caldav
