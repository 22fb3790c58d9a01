#include "domain/booking/Resource.h"

#include "domain/booking/EnumText.h"
#include "domain/booking/Ids.h"

namespace bookdav::domain {

namespace {

constexpr EnumText<ResourceKind, 3> kKind{{{
    {ResourceKind::Staff, "staff"},
    {ResourceKind::Room, "room"},
    {ResourceKind::Equipment, "equipment"},
}}};

}  // namespace

std::string_view toString(ResourceKind kind) {
  return kKind.name(kind);
}
std::optional<ResourceKind> parseResourceKind(std::string_view text) {
  return kKind.parse(text);
}

std::optional<std::string> validate(const Resource& r) {
  if (!isSlug(r.id)) return "resource id \"" + r.id + "\" is not a slug ([a-z0-9][a-z0-9-]*)";
  if (r.name.empty()) return "resource " + r.id + " has no name";
  if (r.timeZone.empty()) return "resource " + r.id + " has no time zone";
  if (auto problem = validate(r.hours)) return "working hours of " + r.id + ": " + *problem;
  return std::nullopt;
}

}  // namespace bookdav::domain
