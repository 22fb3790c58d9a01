#include "caldav/dav/SchedulingProperties.h"

#include "caldav/booking/BookingNames.h"
#include "caldav/booking/CalendarAddresses.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/scheduling/Invitation.h"
#include "caldav/webdav/Href.h"
#include "caldav/xml/Xml.h"

namespace bookdav::caldav {
namespace {

using K = ResourceKind;
using xml::kCalDav;
using xml::kCalendarServer;
using xml::kDav;

void hrefProperty(xml::XmlWriter& w, std::string_view name, std::string_view path) {
  w.open(kCalDav, name).leaf(kDav, "href", encodePath(path)).close();
}

}  // namespace

bool getCalendarUserAddressSet(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.kind == K::ResourcePrincipal) {
    w.open(kCalDav, "calendar-user-address-set")
        .leaf(kDav, "href",
              CalendarAddresses::of(c.booking, c.accounts, c.settings).ofResourceId(c.resource.resourceId))
        .leaf(kDav, "href", resourceUrn(c.resource.resourceId))
        .leaf(kDav, "href", encodePath(resourcePrincipalPath(c.resource.resourceId)))
        .close();
    return true;
  }
  if (c.resource.kind == K::ServicePrincipal) {
    w.open(kCalDav, "calendar-user-address-set")
        .leaf(kDav, "href",
              CalendarAddresses::of(c.booking, c.accounts, c.settings).ofService(*c.resource.service))
        .leaf(kDav, "href", serviceUrn(c.resource.service->id))
        .leaf(kDav, "href", encodePath(c.resource.path))
        .close();
    return true;
  }
  if (c.resource.kind != K::Principal) return false;
  auto account = c.accounts.find(c.resource.owner);
  domain::Account a;
  a.name = c.resource.owner;
  if (account) a = *account;
  w.open(kCalDav, "calendar-user-address-set")
      .leaf(kDav, "href", calendarUserAddress(a, c.settings))
      .leaf(kDav, "href", encodePath(principalPath(c.resource.owner)))
      .close();
  return true;
}

bool getCalendarUserType(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.kind == K::ResourcePrincipal) {
    auto r = c.booking.catalog.resource(c.resource.resourceId);
    std::string_view type = !r || r->kind == domain::ResourceKind::Staff ? "INDIVIDUAL"
                            : r->kind == domain::ResourceKind::Room      ? "ROOM"
                                                                         : "RESOURCE";
    w.leaf(kCalDav, "calendar-user-type", type);
    return true;
  }
  if (c.resource.kind == K::ServicePrincipal) {
    w.leaf(kCalDav, "calendar-user-type", "RESOURCE");
    return true;
  }
  if (c.resource.kind != K::Principal) return false;
  w.leaf(kCalDav, "calendar-user-type", "INDIVIDUAL");
  return true;
}

// CalendarServer's email-address-set on principals (Apple Calendar shows and searches it).
bool getEmailAddressSet(const PropertyContext& c, xml::XmlWriter& w) {
  std::string mailto;
  if (c.resource.kind == K::ResourcePrincipal)
    mailto = CalendarAddresses::of(c.booking, c.accounts, c.settings).ofResourceId(c.resource.resourceId);
  if (c.resource.kind == K::ServicePrincipal)
    mailto = CalendarAddresses::of(c.booking, c.accounts, c.settings).ofService(*c.resource.service);
  if (c.resource.kind == K::Principal) {
    domain::Account a = c.accounts.find(c.resource.owner).value_or(domain::Account{});
    a.name = c.resource.owner;
    mailto = calendarUserAddress(a, c.settings);
  }
  if (mailto.empty()) return false;
  w.open(kCalendarServer, "email-address-set").leaf(kDav, "href", mailto.substr(7)).close();
  return true;
}

bool getScheduleInboxUrl(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.kind == K::ResourcePrincipal) {
    hrefProperty(w, "schedule-inbox-URL", resourceInboxPath(c.resource.resourceId));
    return true;
  }
  if (c.resource.kind == K::ServicePrincipal) {
    hrefProperty(w, "schedule-inbox-URL", serviceInboxPath(c.resource.service->id));
    return true;
  }
  if (c.resource.kind != K::Principal) return false;
  hrefProperty(w, "schedule-inbox-URL", inboxPath(c.resource.owner));
  return true;
}

bool getScheduleOutboxUrl(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.kind != K::Principal) return false;
  hrefProperty(w, "schedule-outbox-URL", outboxPath(c.resource.owner));
  return true;
}

// RFC 6638 §3.2.10: the Schedule-Tag of a scheduling object resource (an event that invited a service).
bool getScheduleTag(const PropertyContext& c, xml::XmlWriter& w) {
  const Resource& r = c.resource;
  if (!r.object || r.isComputed() || r.object->componentType != "VEVENT") return false;
  std::optional<std::string> data = r.object->data;
  if (!data) {
    auto full = c.store.object(r.object->collectionId, r.object->name, true);
    if (full) data = full->data;
  }
  auto tag = data ? scheduleTagOf(*data) : std::nullopt;
  if (!tag) return false;
  w.leaf(kCalDav, "schedule-tag", "\"" + *tag + "\"");
  return true;
}

}  // namespace bookdav::caldav
