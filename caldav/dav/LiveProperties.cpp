#include "caldav/dav/LiveProperties.h"

#include <algorithm>
#include <ctime>

#include "caldav/booking/BookingEvents.h"
#include "caldav/booking/BookingNames.h"
#include "caldav/calendar/Feed.h"
#include "caldav/dav/SchedulingProperties.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/ical/CalendarDataError.h"
#include "caldav/ical/TimeZoneContext.h"
#include "caldav/scheduling/Availability.h"
#include "caldav/scheduling/Invitation.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "caldav/webdav/Href.h"
#include "caldav/webdav/HttpDate.h"
#include "caldav/xml/Xml.h"
#include "domain/booking/Permissions.h"

namespace bookdav::caldav {
namespace {

using domain::CollectionRecord;
using K = ResourceKind;
using xml::kAppleIcal;
using xml::kBookdav;
using xml::kCalDav;
using xml::kCalendarServer;
using xml::kDav;

const std::vector<std::string> kAllComponents = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"};

void hrefProperty(xml::XmlWriter& w, std::string_view ns, std::string_view name, std::string_view path) {
  w.open(ns, name).leaf(kDav, "href", encodePath(path)).close();
}

bool isCalendarLike(const PropertyContext& c) {
  return c.resource.isCalendar();
}

// The change-log position of a calendar or collection: computed calendars carry theirs.
std::int64_t syncSeqOf(const PropertyContext& c) {
  if (c.resource.syncSeq) return *c.resource.syncSeq;
  return c.store.syncSeq(*c.resource.collection);
}

bool hasSyncToken(const PropertyContext& c) {
  return (c.resource.isCalendar() || c.resource.kind == K::Collection || c.resource.kind == K::Inbox) &&
         c.resource.collection;
}

// ---- RFC 4918 ----

bool getResourcetype(const PropertyContext& c, xml::XmlWriter& w) {
  w.open(kDav, "resourcetype");
  switch (c.resource.kind) {
    case K::Object:
    case K::Missing:
      break;
    case K::Principal:
    case K::ResourcePrincipal:
    case K::ServicePrincipal:
      w.empty(kDav, "collection").empty(kDav, "principal");
      break;
    case K::Calendar:
    case K::ServiceCalendar:
    case K::BookingsCalendar:
    case K::ResourceCalendar:
      w.empty(kDav, "collection").empty(kCalDav, "calendar");
      break;
    case K::Inbox:
    case K::ResourceInbox:
    case K::ServiceInbox:
      w.empty(kDav, "collection").empty(kCalDav, "schedule-inbox");
      break;
    case K::Outbox:
      w.empty(kDav, "collection").empty(kCalDav, "schedule-outbox");
      break;
    default:
      w.empty(kDav, "collection");
  }
  w.close();
  return true;
}

bool getDisplayname(const PropertyContext& c, xml::XmlWriter& w) {
  const Resource& r = c.resource;
  std::string name;
  if ((r.isStoredCollection() || r.isCalendar()) && r.collection) {
    if (r.collection->displayName.empty()) return false;
    name = r.collection->displayName;
  } else if (r.kind == K::ResourcePrincipal) {
    name = r.resourceId;
    if (auto res = c.booking.catalog.resource(r.resourceId); res && !res->name.empty()) name = res->name;
  } else if (r.kind == K::ServicePrincipal && r.service) {
    name = r.service->name.empty() ? r.service->id : r.service->name;
  } else if (r.kind == K::Principal) {
    auto account = c.accounts.find(r.owner);
    name = account && !account->displayName.empty() ? account->displayName : r.owner;
  } else if (r.kind == K::Inbox || r.kind == K::ResourceInbox || r.kind == K::ServiceInbox) {
    name = "Inbox";
  } else if (r.kind == K::Outbox) {
    name = "Outbox";
  } else {
    return false;
  }
  w.leaf(kDav, "displayname", name);
  return true;
}

void setDisplayname(CollectionRecord& c, pugi::xml_node v) {
  c.displayName = xml::textOf(v);
}
void removeDisplayname(CollectionRecord& c) {
  c.displayName.clear();
}

bool getGetetag(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.object) {
    w.leaf(kDav, "getetag", c.resource.object->etag);
    return true;
  }
  if ((c.resource.isCalendar() || c.resource.kind == K::Inbox) && c.resource.collection) {
    w.leaf(kDav, "getetag", collectionETag(*c.resource.collection, syncSeqOf(c), c.resource.timeVersion));
    return true;
  }
  return false;
}

bool getGetcontenttype(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.object) {
    w.leaf(kDav, "getcontenttype", c.resource.object->contentType);
    return true;
  }
  if (c.resource.isCalendar()) {
    w.leaf(kDav, "getcontenttype", "text/calendar; charset=utf-8");
    return true;
  }
  return false;
}

bool getGetcontentlength(const PropertyContext& c, xml::XmlWriter& w) {
  if (!c.resource.object) return false;
  w.leaf(kDav, "getcontentlength", std::to_string(c.resource.object->size));
  return true;
}

bool getGetlastmodified(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.object) {
    w.leaf(kDav, "getlastmodified", httpDate(c.resource.object->modified));
    return true;
  }
  if (c.resource.isStoredCollection() && c.resource.collection && !c.resource.isComputed()) {
    w.leaf(kDav, "getlastmodified", httpDate(c.resource.collection->modified));
    return true;
  }
  return false;
}

bool getSupportedlock(const PropertyContext&, xml::XmlWriter& w) {
  w.empty(kDav, "supportedlock");  // bookdav does not lock (DAV class 2 is not advertised)
  return true;
}

// ---- RFC 3744 / 5397 (access control, principals) ----

bool getCurrentUserPrincipal(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.request.user.empty()) {
    w.open(kDav, "current-user-principal").empty(kDav, "unauthenticated").close();
  } else {
    hrefProperty(w, kDav, "current-user-principal", principalPath(c.request.user));
  }
  return true;
}

bool getPrincipalUrl(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.kind == K::ResourcePrincipal) {
    hrefProperty(w, kDav, "principal-URL", resourcePrincipalPath(c.resource.resourceId));
    return true;
  }
  if (c.resource.kind == K::ServicePrincipal) {
    hrefProperty(w, kDav, "principal-URL", c.resource.path);
    return true;
  }
  if (c.resource.kind != K::Principal) return false;
  hrefProperty(w, kDav, "principal-URL", principalPath(c.resource.owner));
  return true;
}

bool getPrincipalCollectionSet(const PropertyContext&, xml::XmlWriter& w) {
  hrefProperty(w, kDav, "principal-collection-set", kPrincipalsRoot);
  return true;
}

bool getOwner(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.owner.empty()) return false;
  hrefProperty(w, kDav, "owner", principalPath(c.resource.owner));
  return true;
}

bool getGroupMembership(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.kind != K::Principal && c.resource.kind != K::ResourcePrincipal &&
      c.resource.kind != K::ServicePrincipal)
    return false;
  w.empty(kDav, "group-membership");
  return true;
}

bool getCurrentUserPrivilegeSet(const PropertyContext& c, xml::XmlWriter& w) {
  const Resource& r = c.resource;
  const bool mine = !r.owner.empty() && r.owner == c.request.user;
  auto privilege = [&](std::string_view ns, std::string_view name) {
    w.open(kDav, "privilege").empty(ns, name).close();
  };
  w.open(kDav, "current-user-privilege-set");
  privilege(kDav, "read");
  privilege(kDav, "read-current-user-privilege-set");
  if (mine && (r.isStoredCollection() || r.kind == K::Object || r.isComputed())) {
    // Computed calendars: write-content books and reschedules, unbind cancels.
    privilege(kDav, "write");
    privilege(kDav, "write-properties");
    privilege(kDav, "write-content");
    privilege(kDav, "bind");
    privilege(kDav, "unbind");
  }
  if (mine && r.isCalendar()) privilege(kCalDav, "read-free-busy");
  const domain::Actor actor{c.request.user, c.request.role, {}};
  if (r.kind == K::ResourceInbox && domain::Permissions(actor).changeWorkingHours(r.resourceId))
    privilege(kDav, "write-properties");
  if (mine && r.kind == K::Outbox) {
    privilege(kCalDav, "schedule-send");
    privilege(kCalDav, "schedule-query-freebusy");
  }
  if (mine && r.kind == K::Inbox) privilege(kCalDav, "schedule-deliver");
  w.close();
  return true;
}

bool getSupportedReportSet(const PropertyContext& c, xml::XmlWriter& w) {
  auto report = [&](std::string_view ns, std::string_view name) {
    w.open(kDav, "supported-report").open(kDav, "report").empty(ns, name).close().close();
  };
  w.open(kDav, "supported-report-set");
  switch (c.resource.kind) {
    case K::Calendar:
    case K::ServiceCalendar:
    case K::BookingsCalendar:
    case K::ResourceCalendar:
      report(kCalDav, "calendar-query");
      report(kCalDav, "calendar-multiget");
      report(kCalDav, "free-busy-query");
      report(kDav, "sync-collection");
      break;
    case K::Collection:
    case K::Inbox:
      report(kDav, "sync-collection");
      break;
    default:
      break;
  }
  w.close();
  return true;
}

// ---- RFC 6578 and CalendarServer ----

bool getSyncToken(const PropertyContext& c, xml::XmlWriter& w) {
  if (!hasSyncToken(c)) return false;
  w.leaf(kDav, "sync-token", syncTokenFor(syncSeqOf(c), c.resource.timeVersion));
  return true;
}

bool getGetctag(const PropertyContext& c, xml::XmlWriter& w) {
  if (!hasSyncToken(c)) return false;
  const std::int64_t seq = syncSeqOf(c);
  const std::optional<std::int64_t>& time = c.resource.timeVersion;
  w.leaf(kCalendarServer, "getctag",
         time ? std::to_string(seq) + "-" + std::to_string(*time) : std::to_string(seq));
  return true;
}

// ---- RFC 4791 ----

bool getCalendarHomeSet(const PropertyContext& c, xml::XmlWriter& w) {
  if (c.resource.kind != K::Principal) return false;
  hrefProperty(w, kCalDav, "calendar-home-set", homePath(c.resource.owner));
  return true;
}

bool getCalendarDescription(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c) || !c.resource.collection || c.resource.collection->description.empty())
    return false;
  w.leaf(kCalDav, "calendar-description", c.resource.collection->description);
  return true;
}
void setCalendarDescription(CollectionRecord& c, pugi::xml_node v) {
  c.description = xml::textOf(v);
}
void removeCalendarDescription(CollectionRecord& c) {
  c.description.clear();
}

bool getCalendarTimezone(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c) || !c.resource.collection || c.resource.collection->timezone.empty()) return false;
  w.leaf(kCalDav, "calendar-timezone", c.resource.collection->timezone);
  return true;
}
void checkCalendarTimezone(pugi::xml_node v) {
  try {
    ical::TimeZoneContext::fromVtimezoneText(xml::textOf(v));
  } catch (const ical::CalendarDataError& e) {
    throw DavError::forbidden(
        kCalDav, "valid-calendar-data",
        "calendar-timezone must be an iCalendar object with one VTIMEZONE: " + e.message);
  }
}
void setCalendarTimezone(CollectionRecord& c, pugi::xml_node v) {
  c.timezone = xml::textOf(v);
}
void removeCalendarTimezone(CollectionRecord& c) {
  c.timezone.clear();
}

bool getSupportedCalendarComponentSet(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c) || !c.resource.collection) return false;
  w.open(kCalDav, "supported-calendar-component-set");
  const auto& comps =
      c.resource.collection->components.empty() ? kAllComponents : c.resource.collection->components;
  for (const auto& comp : comps) w.empty(kCalDav, "comp", {{"name", comp}});
  w.close();
  return true;
}

void setSupportedCalendarComponentSet(CollectionRecord& c, pugi::xml_node v) {
  std::vector<std::string> comps;
  for (pugi::xml_node comp : xml::elements(v)) {
    if (!xml::is(comp, kCalDav, "comp")) continue;
    std::string name = comp.attribute("name").value();
    for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (std::find(kAllComponents.begin(), kAllComponents.end(), name) == kAllComponents.end()) {
      throw DavError::forbidden(kCalDav, "supported-calendar-component",
                                "bookdav does not store " + name + " components");
    }
    comps.push_back(name);
  }
  if (comps.empty()) {
    throw DavError::forbidden(kCalDav, "supported-calendar-component", "name at least one component type");
  }
  c.components = comps;
}

bool getSupportedCalendarData(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c)) return false;
  w.open(kCalDav, "supported-calendar-data")
      .empty(kCalDav, "calendar-data", {{"content-type", "text/calendar"}, {"version", "2.0"}})
      .close();
  return true;
}

bool getMaxResourceSize(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c)) return false;
  w.leaf(kCalDav, "max-resource-size", std::to_string(c.settings.maxResourceSize));
  return true;
}

bool getMinDateTime(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c)) return false;
  w.leaf(kCalDav, "min-date-time", "19000101T000000Z");
  return true;
}

bool getMaxDateTime(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c)) return false;
  w.leaf(kCalDav, "max-date-time", "21001231T235959Z");
  return true;
}

// ---- RFC 6638 (the principals' and scheduling objects' properties: SchedulingProperties.h) ----

bool getScheduleCalendarTransp(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c)) return false;
  w.open(kCalDav, "schedule-calendar-transp").empty(kCalDav, "opaque").close();
  return true;
}

// ---- Apple iCal ----

bool getCalendarColor(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c) || !c.resource.collection || c.resource.collection->color.empty()) return false;
  w.leaf(kAppleIcal, "calendar-color", c.resource.collection->color);
  return true;
}
void setCalendarColor(CollectionRecord& c, pugi::xml_node v) {
  c.color = xml::textOf(v);
}
void removeCalendarColor(CollectionRecord& c) {
  c.color.clear();
}

bool getCalendarOrder(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c) || !c.resource.collection || !c.resource.collection->order) return false;
  w.leaf(kAppleIcal, "calendar-order", std::to_string(*c.resource.collection->order));
  return true;
}
void setCalendarOrder(CollectionRecord& c, pugi::xml_node v) {
  std::string text = xml::textOf(v);
  try {
    size_t used = 0;
    int order = std::stoi(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
    c.order = order;
  } catch (const std::exception&) {
    throw DavError(409, std::nullopt, "calendar-order must be an integer, not '" + text + "'");
  }
}
void removeCalendarOrder(CollectionRecord& c) {
  c.order.reset();
}

// ---- bookdav ----

// Only a digest of a feed's token is stored, so its URL is shown once, in the answer to the PROPPATCH
// that sets feed-url; PROPFIND answers an empty feed-url when the calendar has a feed (404 when not).
bool getFeedUrl(const PropertyContext& c, xml::XmlWriter& w) {
  if (!isCalendarLike(c) || !c.resource.collection || !c.resource.collection->hasFeed()) return false;
  w.empty(kBookdav, "feed-url");
  return true;
}
// Setting feed-url (to anything) makes a new secret feed for the calendar, replacing the one it had
// (whose URL stops working); removing it revokes the feed.
void setFeedUrl(CollectionRecord& c, pugi::xml_node) {
  c.newFeedToken = newFeedToken();
}
void removeFeedUrl(CollectionRecord& c) {
  c.feedTokenDigest.clear();
  c.newFeedToken.clear();
}
bool answerFeedUrl(const CollectionRecord& c, std::string_view baseUrl, xml::XmlWriter& w) {
  if (c.newFeedToken.empty()) return false;
  w.leaf(kBookdav, "feed-url", std::string(baseUrl) + "/feeds/" + c.newFeedToken + ".ics");
  return true;
}

// RFC 7953: the working hours of the resource an inbox belongs to (a resource's inbox, or a staff
// member's own inbox), as VAVAILABILITY. Written through proppatchResourceInbox/StaffInbox.
bool getCalendarAvailability(const PropertyContext& c, xml::XmlWriter& w, std::string_view ns) {
  std::optional<domain::Resource> resource;
  if (c.resource.kind == K::ResourceInbox) resource = c.booking.catalog.resource(c.resource.resourceId);
  if (c.resource.kind == K::Inbox) {
    auto mine = c.booking.catalog.resourcesOf(c.resource.owner);
    if (!mine.empty()) resource = mine.front();
  }
  if (!resource) return false;
  w.leaf(ns, "calendar-availability", availabilityText(*resource, c.settings));
  return true;
}
bool getCalDavAvailability(const PropertyContext& c, xml::XmlWriter& w) {
  return getCalendarAvailability(c, w, kCalDav);
}
bool getServerAvailability(const PropertyContext& c, xml::XmlWriter& w) {
  return getCalendarAvailability(c, w, kCalendarServer);
}

// urn:bookdav: properties of service calendars (DESIGN.md, "URL space").
bool getServiceKind(const PropertyContext& c, xml::XmlWriter& w) {
  if (!c.resource.service || c.resource.kind != K::ServiceCalendar) return false;
  w.leaf(kBookdav, "service-kind", domain::toString(c.resource.service->kind));
  return true;
}
bool getDuration(const PropertyContext& c, xml::XmlWriter& w) {
  if (!c.resource.service || c.resource.kind != K::ServiceCalendar) return false;
  w.leaf(kBookdav, "duration", domain::toIsoDuration(c.resource.service->duration));
  return true;
}
bool getCapacity(const PropertyContext& c, xml::XmlWriter& w) {
  if (!c.resource.service || c.resource.kind != K::ServiceCalendar) return false;
  w.leaf(kBookdav, "capacity", std::to_string(c.resource.service->capacity));
  return true;
}
bool getPrice(const PropertyContext& c, xml::XmlWriter& w) {
  if (!c.resource.service || c.resource.kind != K::ServiceCalendar) return false;
  w.leaf(kBookdav, "price", priceText(c.resource.service->price));
  return true;
}

const std::vector<LiveProperty> kLiveProperties = {
    {kDav, "resourcetype", true, getResourcetype, nullptr, nullptr},
    {kDav, "displayname", true, getDisplayname, setDisplayname, removeDisplayname},
    {kDav, "getetag", true, getGetetag, nullptr, nullptr},
    {kDav, "getcontenttype", true, getGetcontenttype, nullptr, nullptr},
    {kDav, "getcontentlength", true, getGetcontentlength, nullptr, nullptr},
    {kDav, "getlastmodified", true, getGetlastmodified, nullptr, nullptr},
    {kDav, "supportedlock", true, getSupportedlock, nullptr, nullptr},
    {kDav, "current-user-principal", false, getCurrentUserPrincipal, nullptr, nullptr},
    {kDav, "principal-URL", false, getPrincipalUrl, nullptr, nullptr},
    {kDav, "principal-collection-set", false, getPrincipalCollectionSet, nullptr, nullptr},
    {kDav, "owner", false, getOwner, nullptr, nullptr},
    {kDav, "group-membership", false, getGroupMembership, nullptr, nullptr},
    {kDav, "current-user-privilege-set", false, getCurrentUserPrivilegeSet, nullptr, nullptr},
    {kDav, "supported-report-set", false, getSupportedReportSet, nullptr, nullptr},
    {kDav, "sync-token", false, getSyncToken, nullptr, nullptr},
    {kCalendarServer, "getctag", false, getGetctag, nullptr, nullptr},
    {kCalDav, "calendar-home-set", false, getCalendarHomeSet, nullptr, nullptr},
    {kCalDav, "calendar-description", false, getCalendarDescription, setCalendarDescription,
     removeCalendarDescription},
    {kCalDav, "calendar-timezone", false, getCalendarTimezone, setCalendarTimezone, removeCalendarTimezone,
     false, nullptr, checkCalendarTimezone},
    {kCalDav, "supported-calendar-component-set", false, getSupportedCalendarComponentSet,
     setSupportedCalendarComponentSet, nullptr, true},
    {kCalDav, "supported-calendar-data", false, getSupportedCalendarData, nullptr, nullptr},
    {kCalDav, "max-resource-size", false, getMaxResourceSize, nullptr, nullptr},
    {kCalDav, "min-date-time", false, getMinDateTime, nullptr, nullptr},
    {kCalDav, "max-date-time", false, getMaxDateTime, nullptr, nullptr},
    {kCalDav, "calendar-user-address-set", false, getCalendarUserAddressSet, nullptr, nullptr},
    {kCalDav, "calendar-user-type", false, getCalendarUserType, nullptr, nullptr},
    {kCalendarServer, "email-address-set", false, getEmailAddressSet, nullptr, nullptr},
    {kCalDav, "schedule-inbox-URL", false, getScheduleInboxUrl, nullptr, nullptr},
    {kCalDav, "schedule-outbox-URL", false, getScheduleOutboxUrl, nullptr, nullptr},
    {kCalDav, "schedule-tag", false, getScheduleTag, nullptr, nullptr},
    {kCalDav, "schedule-calendar-transp", false, getScheduleCalendarTransp, nullptr, nullptr},
    {kAppleIcal, "calendar-color", false, getCalendarColor, setCalendarColor, removeCalendarColor},
    {kAppleIcal, "calendar-order", false, getCalendarOrder, setCalendarOrder, removeCalendarOrder},
    {kBookdav, "feed-url", false, getFeedUrl, setFeedUrl, removeFeedUrl, false, answerFeedUrl},
    {kCalDav, "calendar-availability", false, getCalDavAvailability, nullptr, nullptr},
    {kCalendarServer, "calendar-availability", false, getServerAvailability, nullptr, nullptr},
    {kBookdav, "service-kind", false, getServiceKind, nullptr, nullptr},
    {kBookdav, "duration", false, getDuration, nullptr, nullptr},
    {kBookdav, "capacity", false, getCapacity, nullptr, nullptr},
    {kBookdav, "price", false, getPrice, nullptr, nullptr},
};

}  // namespace

const std::vector<LiveProperty>& liveProperties() {
  return kLiveProperties;
}

const LiveProperty* findLiveProperty(std::string_view ns, std::string_view local) {
  for (const auto& p : kLiveProperties) {
    if (p.ns == ns && p.local == local) return &p;
  }
  return nullptr;
}

namespace {

std::string positionText(std::int64_t seq, std::optional<std::int64_t> time) {
  return time ? std::to_string(seq) + "-" + std::to_string(*time) : std::to_string(seq);
}

std::optional<std::int64_t> parseNumber(std::string_view digits) {
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  std::int64_t n = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return std::nullopt;
    n = n * 10 + (ch - '0');
  }
  return n;
}

}  // namespace

std::string syncTokenFor(std::int64_t seq, std::optional<std::int64_t> time) {
  return "urn:bookdav:sync:" + positionText(seq, time);
}

std::optional<SyncPosition> parseSyncToken(std::string_view token) {
  constexpr std::string_view prefix = "urn:bookdav:sync:";
  if (token.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = token.substr(prefix.size());
  const std::size_t dash = rest.find('-');
  std::optional<std::int64_t> seq = parseNumber(rest.substr(0, dash));
  if (!seq) return std::nullopt;
  if (dash == std::string_view::npos) return SyncPosition{*seq, std::nullopt};
  std::optional<std::int64_t> time = parseNumber(rest.substr(dash + 1));
  if (!time) return std::nullopt;
  return SyncPosition{*seq, time};
}

std::string collectionETag(const domain::CollectionRecord& collection, std::int64_t syncSeq,
                           std::optional<std::int64_t> timeVersion) {
  return "\"c" + std::to_string(collection.id) + "-" + positionText(syncSeq, timeVersion) + "-" +
         std::to_string(domain::toUnix(collection.modified)) + "\"";
}

std::string calendarUserAddress(const domain::Account& account, const DavSettings& settings) {
  return "mailto:" + (account.email.empty() ? account.name + "@" + settings.addressDomain : account.email);
}

}  // namespace bookdav::caldav
