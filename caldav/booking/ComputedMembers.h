// The members of the computed calendars (service-<id>/, bookings/, resource-<id>/), generated from
// sessions and bookings: listed, looked up one by one by name, and the ETag one has as the booking data
// stand inside a write transaction (for If-Match on booking writes).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caldav/dav/CollectionMembers.h"
#include "caldav/dav/DavContext.h"

namespace bookdav::caldav {

// Members of a computed calendar, as seen by its owner; nullptr for any other resource.
std::unique_ptr<CollectionMembers> computedMembers(DavContext& ctx, domain::CalendarReader& store,
                                                   const Resource& calendar);

// The change-log scopes behind a computed calendar's sync token and ctag. An appointment service's
// calendar also shows its open windows, so its resources' and the catalog's changes move it too.
std::vector<std::string> computedCalendarScopes(const Resource& calendar);

// Whether the calendar shows open windows (an appointment service's calendar).
bool showsOpenWindows(const Resource& calendar);

// The time version of the open windows the calendar shows now (unix seconds), nullopt when it shows
// none: part of its sync token, ctag and ETag, so that they move when time changes the windows.
std::optional<std::int64_t> openWindowsTimeVersion(DavContext& ctx, const Resource& calendar);

// The member `name` of a computed calendar, read without generating the whole calendar.
struct FoundMember {
  domain::ObjectRecord record;
  ComputedMember identity;
};
std::optional<FoundMember> computedMember(DavContext& ctx, const Resource& calendar, std::string_view name);

// The ETag the member `identity` of `calendar` has in `data` (read inside the caller's transaction);
// nullopt when the calendar does not show it (any longer).
std::optional<std::string> computedMemberETag(DavContext& ctx, domain::BookingData& data,
                                              const Resource& calendar, ComputedMember identity);

}  // namespace bookdav::caldav
