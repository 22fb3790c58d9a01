#include "caldav/booking/BookingCalendars.h"

#include "caldav/booking/BookingEvents.h"
#include "caldav/booking/BookingNames.h"
#include "caldav/booking/ComputedMembers.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/webdav/Href.h"
#include "domain/booking/ChangeScopes.h"
#include "domain/booking/Permissions.h"

namespace bookdav::caldav {
namespace {

constexpr const char* kPalette[] = {"#1E88E5FF", "#43A047FF", "#F4511EFF", "#8E24AAFF",
                                    "#00897BFF", "#FB8C00FF", "#3949ABFF", "#C0CA33FF"};

std::string paletteColor(std::string_view id) {
  std::size_t h = 0;
  for (char c : id) h = h * 31 + static_cast<unsigned char>(c);
  return kPalette[h % std::size(kPalette)];
}

bool mayView(const domain::Resource& r, const std::string& viewer, domain::Role role) {
  const domain::Actor actor{viewer, role, {}};
  return domain::Permissions(actor).seeSchedule(r);
}

struct CalendarLooks {
  std::string name;
  std::string description;
  std::string color;
};

// The record of a computed calendar: its looks, with the settings a user stored for it on top.
std::shared_ptr<const domain::CollectionRecord> recordFor(domain::CalendarReader& store,
                                                          const std::string& path, const std::string& owner,
                                                          const CalendarLooks& looks) {
  domain::CollectionRecord r;
  if (auto row = store.collection(path); row && row->computed) {
    r = std::move(*row);
  } else {
    r.path = path;
    r.owner = owner;
  }
  r.kind = domain::CollectionKind::Calendar;
  r.computed = true;
  r.components = {"VEVENT"};
  if (r.displayName.empty()) r.displayName = looks.name;
  r.description = looks.description;
  if (r.color.empty()) r.color = looks.color;
  return std::make_shared<const domain::CollectionRecord>(std::move(r));
}

std::vector<std::string> scopesOf(const Resource& r) {
  return computedCalendarScopes(r);
}

Resource serviceCalendar(DavContext& ctx, domain::CalendarReader& store, const std::string& owner,
                         domain::Service service) {
  Resource r;
  r.kind = ResourceKind::ServiceCalendar;
  r.owner = owner;
  r.path = homePath(owner) + serviceCalendarSegment(service.id) + "/";
  r.collection =
      recordFor(store, r.path, owner, {service.name, describeService(service), paletteColor(service.id)});
  r.service = std::make_shared<const domain::Service>(std::move(service));
  r.syncSeq = ctx.changes.latest(scopesOf(r));
  r.timeVersion = openWindowsTimeVersion(ctx, r);
  return r;
}

Resource bookingsCalendar(DavContext& ctx, domain::CalendarReader& store, const std::string& owner) {
  Resource r;
  r.kind = ResourceKind::BookingsCalendar;
  r.owner = owner;
  r.path = homePath(owner) + std::string(kBookingsSegment) + "/";
  r.collection = recordFor(store, r.path, owner,
                           {"My bookings",
                            "Your bookings at " + ctx.settings.businessName +
                                ". Delete an event to cancel its booking; move it to reschedule.",
                            "#E53935FF"});
  r.syncSeq = ctx.changes.latest(scopesOf(r));
  return r;
}

Resource resourceCalendar(DavContext& ctx, domain::CalendarReader& store, const std::string& owner,
                          const domain::Resource& resource) {
  Resource r;
  r.kind = ResourceKind::ResourceCalendar;
  r.owner = owner;
  r.resourceId = resource.id;
  r.path = homePath(owner) + resourceCalendarSegment(resource.id) + "/";
  std::string name = resource.name.empty() ? resource.id : resource.name;
  r.collection =
      recordFor(store, r.path, owner,
                {name + " (schedule)", "Sessions, appointments and time off of " + name + ".", "#6D4C41FF"});
  r.syncSeq = ctx.changes.latest(scopesOf(r));
  return r;
}

Resource fixed(ResourceKind kind, std::string path, std::string resourceId = {}) {
  Resource r;
  r.kind = kind;
  r.path = std::move(path);
  r.resourceId = std::move(resourceId);
  return r;
}

}  // namespace

std::optional<Resource> resolveBookingPath(DavContext& ctx, domain::CalendarReader& store,
                                           std::string_view path, const std::string& viewer,
                                           domain::Role role) {
  const auto segments = pathSegments(path);
  if (segments.size() < 3 || segments[0] != "dav") return std::nullopt;
  auto& catalog = ctx.booking.catalog;

  // /dav/principals/resources/[<id>/[inbox/]]
  if (segments[1] == "principals" && segments[2] == "resources") {
    if (segments.size() == 3)
      return fixed(ResourceKind::ResourcePrincipals, std::string(kResourcePrincipalsRoot));
    Resource missing = fixed(ResourceKind::Missing, std::string(path));
    if (segments.size() > 5 || !catalog.resource(segments[3])) return missing;
    if (segments.size() == 4)
      return fixed(ResourceKind::ResourcePrincipal, resourcePrincipalPath(segments[3]), segments[3]);
    if (segments[4] == "inbox")
      return fixed(ResourceKind::ResourceInbox, resourceInboxPath(segments[3]), segments[3]);
    return missing;
  }

  // /dav/principals/services/[<id>/[inbox/]]
  if (segments[1] == "principals" && segments[2] == "services") {
    if (segments.size() == 3)
      return fixed(ResourceKind::ServicePrincipals, std::string(kServicePrincipalsRoot));
    Resource missing = fixed(ResourceKind::Missing, std::string(path));
    if (segments.size() > 5) return missing;
    auto service = catalog.service(segments[3]);
    if (!service) return missing;
    Resource r = segments.size() == 4
                     ? fixed(ResourceKind::ServicePrincipal, servicePrincipalPath(segments[3]))
                 : segments[4] == "inbox" ? fixed(ResourceKind::ServiceInbox, serviceInboxPath(segments[3]))
                                          : missing;
    if (r.exists()) r.service = std::make_shared<const domain::Service>(std::move(*service));
    return r;
  }

  // /dav/calendars/<owner>/{bookings, service-<id>, resource-<id>}/[<member>]
  if (segments.size() < 4 || segments[1] != "calendars") return std::nullopt;
  const std::string& owner = segments[2];
  const std::string& name = segments[3];
  Resource missing;
  missing.owner = owner;
  missing.path = std::string(path);
  std::optional<Resource> calendar;
  if (name == kBookingsSegment) {
    calendar = bookingsCalendar(ctx, store, owner);
  } else if (auto serviceId = serviceIdOfSegment(name)) {
    auto service = catalog.service(*serviceId);
    if (!service) return missing;
    calendar = serviceCalendar(ctx, store, owner, std::move(*service));
  } else if (auto resourceId = resourceIdOfSegment(name)) {
    auto resource = catalog.resource(*resourceId);
    if (!resource || !mayView(*resource, viewer, role)) return missing;
    calendar = resourceCalendar(ctx, store, owner, *resource);
  } else {
    return std::nullopt;
  }
  if (segments.size() == 4) return calendar;
  if (segments.size() > 5) return missing;

  Resource member = *calendar;
  member.container = calendar->kind;
  member.path = calendar->path + segments[4];
  member.syncSeq.reset();
  if (auto found = computedMember(ctx, *calendar, segments[4])) {
    member.kind = ResourceKind::Object;
    member.object = std::move(found->record);
    member.member = found->identity;
  } else {
    member.kind = ResourceKind::Missing;
  }
  return member;
}

std::vector<Resource> bookingCalendarsOf(DavContext& ctx, domain::CalendarReader& store,
                                         const std::string& owner, domain::Role role) {
  std::vector<Resource> out;
  out.push_back(bookingsCalendar(ctx, store, owner));
  for (auto& service : ctx.booking.catalog.services())
    out.push_back(serviceCalendar(ctx, store, owner, std::move(service)));
  if (role == domain::Role::Admin || role == domain::Role::Staff) {
    for (const auto& resource : ctx.booking.catalog.resources()) {
      if (mayView(resource, owner, role)) out.push_back(resourceCalendar(ctx, store, owner, resource));
    }
  }
  return out;
}

std::vector<Resource> servicePrincipals(DavContext& ctx) {
  std::vector<Resource> out;
  for (auto& s : ctx.booking.catalog.services()) {
    Resource r = fixed(ResourceKind::ServicePrincipal, servicePrincipalPath(s.id));
    r.service = std::make_shared<const domain::Service>(std::move(s));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Resource> resourcePrincipals(DavContext& ctx) {
  std::vector<Resource> out;
  for (const auto& r : ctx.booking.catalog.resources()) {
    out.push_back(fixed(ResourceKind::ResourcePrincipal, resourcePrincipalPath(r.id), r.id));
  }
  return out;
}

}  // namespace bookdav::caldav
