#include "domain/booking/Resource.h"

#include "domain/booking/Ids.h"

namespace bookdav::domain {

std::string_view toString(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::Staff:
      return "staff";
    case ResourceKind::Room:
      return "room";
    case ResourceKind::Equipment:
      return "equipment";
  }
  return "staff";
}

std::optional<ResourceKind> parseResourceKind(std::string_view text) {
  if (text == "staff") return ResourceKind::Staff;
  if (text == "room") return ResourceKind::Room;
  if (text == "equipment") return ResourceKind::Equipment;
  return std::nullopt;
}

std::optional<std::string> validate(const Resource& r) {
  if (!isSlug(r.id)) return "resource id \"" + r.id + "\" is not a slug ([a-z0-9][a-z0-9-]*)";
  if (r.name.empty()) return "resource " + r.id + " has no name";
  if (r.timeZone.empty()) return "resource " + r.id + " has no time zone";
  if (auto problem = validate(r.hours)) return "working hours of " + r.id + ": " + *problem;
  return std::nullopt;
}

}  // namespace bookdav::domain
