#include "caldav/scheduling/CalendarUsers.h"

#include "caldav/booking/BookingNames.h"
#include "caldav/booking/CalendarAddresses.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/ical/ContentLines.h"

namespace bookdav::caldav {
namespace {

std::string emailOf(const std::string& mailto) {
  return mailto.rfind("mailto:", 0) == 0 ? mailto.substr(7) : mailto;
}

CalendarUser serviceUser(const domain::Service& s, CalendarAddresses& addresses) {
  CalendarUser u;
  u.kind = CalendarUser::Kind::Service;
  u.id = s.id;
  u.displayName = s.name.empty() ? s.id : s.name;
  u.addresses = {addresses.ofService(s), serviceUrn(s.id), servicePrincipalPath(s.id)};
  u.type = "RESOURCE";
  u.email = emailOf(u.addresses.front());
  return u;
}

CalendarUser resourceUser(const domain::Resource& r, CalendarAddresses& addresses) {
  CalendarUser u;
  u.kind = CalendarUser::Kind::Resource;
  u.id = r.id;
  u.displayName = r.name.empty() ? r.id : r.name;
  u.addresses = {addresses.ofResource(r), resourceUrn(r.id), resourcePrincipalPath(r.id)};
  u.type = r.kind == domain::ResourceKind::Staff  ? "INDIVIDUAL"
           : r.kind == domain::ResourceKind::Room ? "ROOM"
                                                  : "RESOURCE";
  u.email = emailOf(u.addresses.front());
  return u;
}

CalendarUser accountUser(const domain::Account& a, const DavSettings& settings) {
  CalendarUser u;
  u.kind = CalendarUser::Kind::Account;
  u.id = a.name;
  u.displayName = a.displayName.empty() ? a.name : a.displayName;
  u.addresses = {calendarUserAddress(a, settings), principalPath(a.name)};
  u.type = "INDIVIDUAL";
  u.email = emailOf(u.addresses.front());
  return u;
}

}  // namespace

Resource CalendarUser::principal(DavContext& ctx) const {
  Resource r;
  switch (kind) {
    case Kind::Account:
      r.kind = ResourceKind::Principal;
      r.path = principalPath(id);
      r.owner = id;
      break;
    case Kind::Service:
      r.kind = ResourceKind::ServicePrincipal;
      r.path = servicePrincipalPath(id);
      if (auto s = ctx.booking.catalog.service(id)) r.service = std::make_shared<const domain::Service>(*s);
      break;
    case Kind::Resource:
      r.kind = ResourceKind::ResourcePrincipal;
      r.path = resourcePrincipalPath(id);
      r.resourceId = id;
      break;
  }
  return r;
}

std::vector<CalendarUser> findableCalendarUsers(DavContext& ctx, const std::string& viewer,
                                                domain::Role role) {
  std::vector<CalendarUser> out;
  auto addresses = CalendarAddresses::of(ctx.booking, ctx.accounts, ctx.settings);
  for (const auto& s : ctx.booking.catalog.services()) out.push_back(serviceUser(s, addresses));
  for (const auto& r : ctx.booking.catalog.resources()) out.push_back(resourceUser(r, addresses));
  if (role == domain::Role::Admin || role == domain::Role::Staff) {
    for (const auto& a : ctx.accounts.list()) out.push_back(accountUser(a, ctx.settings));
  } else if (auto me = ctx.accounts.find(viewer)) {
    out.push_back(accountUser(*me, ctx.settings));
  }
  return out;
}

std::optional<CalendarUser> bookableUserOfAddress(DavContext& ctx, std::string_view address) {
  auto addresses = CalendarAddresses::of(ctx.booking, ctx.accounts, ctx.settings);
  if (auto id = addresses.serviceOf(address)) {
    if (auto s = ctx.booking.catalog.service(*id)) return serviceUser(*s, addresses);
  }
  if (auto id = addresses.resourceOf(address)) {
    if (auto r = ctx.booking.catalog.resource(*id)) return resourceUser(*r, addresses);
  }
  return std::nullopt;
}

}  // namespace bookdav::caldav
