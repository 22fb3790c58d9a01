#include "caldav/dav/DavContext.h"

#include "caldav/booking/BookingCalendars.h"
#include "caldav/booking/BookingNames.h"
#include "caldav/booking/ComputedMembers.h"
#include "caldav/dav/CollectionMembers.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/Href.h"
#include "caldav/xml/Xml.h"

namespace bookdav::caldav {
namespace {

[[noreturn]] void denied(const Resource& resource) {
  throw DavError::forbidden(xml::kDav, "need-privileges",
                            "you may not access " + resource.path + ": it belongs to another account");
}

}  // namespace

void requireRead(const Request& request, const Resource& resource) {
  if (!resource.owner.empty() && resource.owner != request.user) denied(resource);
}

void requireWrite(const Request& request, const Resource& resource) {
  if (resource.owner.empty() || resource.owner != request.user) denied(resource);
}

std::string hrefOf(const Resource& resource) {
  return encodePath(resource.path);
}

std::string memberHref(const domain::CollectionRecord& collection, std::string_view name) {
  return encodePath(collection.path + std::string(name));
}

Resource memberResource(std::shared_ptr<const domain::CollectionRecord> collection,
                        domain::ObjectRecord object, ResourceKind container) {
  Resource r;
  r.kind = ResourceKind::Object;
  r.container = container;
  r.path = collection->path + object.name;
  r.owner = collection->owner;
  r.collection = std::move(collection);
  r.object = std::move(object);
  return r;
}

Resource collectionResource(domain::CollectionRecord collection) {
  Resource r;
  r.kind = collection.kind == domain::CollectionKind::Home       ? ResourceKind::Home
           : collection.kind == domain::CollectionKind::Calendar ? ResourceKind::Calendar
                                                                 : ResourceKind::Collection;
  r.path = collection.path;
  r.owner = collection.owner;
  r.collection = std::make_shared<const domain::CollectionRecord>(std::move(collection));
  return r;
}

std::unique_ptr<CollectionMembers> membersOf(DavContext& ctx, domain::CalendarReader& store,
                                             const Resource& collection) {
  if (isComputedCalendar(collection.kind)) return computedMembers(ctx, store, collection);
  return storedMembers(store, collection);
}

Resource resolve(DavContext& ctx, const Request& request, domain::CalendarReader& store,
                 std::string_view path) {
  if (auto computed = resolveBookingPath(ctx, store, path, request.user, request.role))
    return std::move(*computed);
  return resolveStored(store, path);
}

Resource lookUp(DavContext& ctx, const Request& request, std::string_view path) {
  return ctx.store.readValue(
      [&](domain::CalendarReader& store) { return resolve(ctx, request, store, path); });
}

std::vector<Resource> childrenOf(DavContext& ctx, domain::CalendarReader& store, const Request& request,
                                 const Resource& parent) {
  std::vector<Resource> out;
  auto fixed = [&](ResourceKind kind, std::string path, std::string owner) {
    Resource r;
    r.kind = kind;
    r.path = std::move(path);
    r.owner = std::move(owner);
    out.push_back(std::move(r));
  };
  switch (parent.kind) {
    case ResourceKind::ServerRoot:
      fixed(ResourceKind::DavRoot, std::string(kDavRoot), "");
      break;
    case ResourceKind::DavRoot:
      fixed(ResourceKind::PrincipalsRoot, std::string(kPrincipalsRoot), "");
      fixed(ResourceKind::CalendarsRoot, std::string(kCalendarsRoot), "");
      break;
    case ResourceKind::PrincipalsRoot:
      if (!request.user.empty()) fixed(ResourceKind::Principal, principalPath(request.user), request.user);
      fixed(ResourceKind::ResourcePrincipals, std::string(kResourcePrincipalsRoot), "");
      fixed(ResourceKind::ServicePrincipals, std::string(kServicePrincipalsRoot), "");
      break;
    case ResourceKind::ServicePrincipals:
      for (auto& r : servicePrincipals(ctx)) out.push_back(std::move(r));
      break;
    case ResourceKind::ServicePrincipal: {
      Resource inbox;
      inbox.kind = ResourceKind::ServiceInbox;
      inbox.path = serviceInboxPath(parent.service->id);
      inbox.service = parent.service;
      out.push_back(std::move(inbox));
      break;
    }
    case ResourceKind::ResourcePrincipals:
      for (auto& r : resourcePrincipals(ctx)) out.push_back(std::move(r));
      break;
    case ResourceKind::ResourcePrincipal: {
      Resource inbox;
      inbox.kind = ResourceKind::ResourceInbox;
      inbox.path = resourceInboxPath(parent.resourceId);
      inbox.resourceId = parent.resourceId;
      out.push_back(std::move(inbox));
      break;
    }
    case ResourceKind::ServiceCalendar:
    case ResourceKind::BookingsCalendar:
    case ResourceKind::ResourceCalendar:
      for (auto& o : computedMembers(ctx, store, parent)->list(false)) {
        Resource m = memberResource(parent.collection, std::move(o), parent.kind);
        m.service = parent.service;
        m.resourceId = parent.resourceId;
        out.push_back(std::move(m));
      }
      break;
    case ResourceKind::CalendarsRoot:
      if (!request.user.empty()) {
        if (auto home = store.collection(homePath(request.user)))
          out.push_back(collectionResource(std::move(*home)));
      }
      break;
    case ResourceKind::Home:
      for (auto& c : store.children(parent.path)) {
        if (!c.computed && c.path != inboxPath(parent.owner)) out.push_back(collectionResource(std::move(c)));
      }
      for (auto& c : bookingCalendarsOf(ctx, store, parent.owner, request.role)) out.push_back(std::move(c));
      out.push_back(resolveStored(store, inboxPath(parent.owner)));
      fixed(ResourceKind::Outbox, outboxPath(parent.owner), parent.owner);
      break;
    case ResourceKind::Inbox:
      if (parent.collection) {
        for (auto& o : store.objects(parent.collection->id, false))
          out.push_back(memberResource(parent.collection, std::move(o), parent.kind));
      }
      break;
    case ResourceKind::Collection:
    case ResourceKind::Calendar:
      for (auto& c : store.children(parent.path)) out.push_back(collectionResource(std::move(c)));
      {
        auto objects = store.objects(parent.collection->id, false);
        out.reserve(out.size() + objects.size());
        for (auto& o : objects) out.push_back(memberResource(parent.collection, std::move(o), parent.kind));
      }
      break;
    default:
      break;
  }
  return out;
}

}  // namespace bookdav::caldav
