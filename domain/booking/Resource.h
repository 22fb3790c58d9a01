// A resource a service needs: a staff member, a room or a piece of equipment, with its time zone,
// the login of the staff member (so staff can see their own day) and its working hours.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/booking/WorkingHours.h"

namespace bookdav::domain {

enum class ResourceKind { Staff, Room, Equipment };

std::string_view toString(ResourceKind kind);  // "staff", "room", "equipment"
std::optional<ResourceKind> parseResourceKind(std::string_view text);

struct Resource {
  std::string id;  // slug, e.g. "ana", "chair-1"
  ResourceKind kind = ResourceKind::Staff;
  std::string name;
  std::string timeZone;  // IANA, e.g. "Europe/Madrid"
  std::string userName;  // the staff member's account; empty for rooms and equipment
  WorkingHours hours;    // hours.timeZone empty = timeZone
  std::string email;     // its calendar user address (without "mailto:"); "" = derived (CalendarAddresses)
  bool operator==(const Resource&) const = default;

  // The zone the working hours are read in.
  const std::string& hoursZone() const { return hours.timeZone.empty() ? timeZone : hours.timeZone; }
};

// A sentence describing what is wrong with the resource, or nullopt (zones are checked by the caller).
std::optional<std::string> validate(const Resource& resource);

}  // namespace bookdav::domain
