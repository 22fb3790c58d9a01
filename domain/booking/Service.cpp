#include "domain/booking/Service.h"

#include <algorithm>

#include "domain/booking/EnumText.h"
#include "domain/booking/Ids.h"

namespace bookdav::domain {

namespace {

constexpr EnumText<ServiceKind, 3> kKind{{{
    {ServiceKind::Appointment, "appointment"},
    {ServiceKind::Class, "class"},
    {ServiceKind::Course, "course"},
}}};

constexpr EnumText<Location::Kind, 4> kLocationKind{{{
    {Location::Kind::None, "none"},
    {Location::Kind::Address, "address"},
    {Location::Kind::Online, "online"},
    {Location::Kind::CustomerPlace, "customer-place"},
}}};

}  // namespace

std::string_view toString(ServiceKind kind) {
  return kKind.name(kind);
}
std::optional<ServiceKind> parseServiceKind(std::string_view text) {
  return kKind.parse(text);
}
std::string_view toString(Location::Kind kind) {
  return kLocationKind.name(kind);
}
std::optional<Location::Kind> parseLocationKind(std::string_view text) {
  return kLocationKind.parse(text);
}

std::vector<std::string> Service::resourceIds() const {
  std::vector<std::string> ids;
  for (const ResourceGroup& g : resources)
    for (const std::string& id : g.anyOf)
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  return ids;
}

std::vector<ResourceGroup> restrictGroups(const std::vector<ResourceGroup>& groups,
                                          const std::vector<std::string>& only) {
  if (only.empty()) return groups;
  std::vector<ResourceGroup> out;
  for (const ResourceGroup& g : groups) {
    ResourceGroup kept;
    for (const std::string& id : g.anyOf)
      if (std::find(only.begin(), only.end(), id) != only.end()) kept.anyOf.push_back(id);
    out.push_back(kept.anyOf.empty() ? g : std::move(kept));
  }
  return out;
}

std::optional<std::string> validate(const Service& s) {
  if (!isSlug(s.id)) return "service id \"" + s.id + "\" is not a slug ([a-z0-9][a-z0-9-]*)";
  if (s.name.empty()) return "service " + s.id + " has no name";
  if (s.timeZone.empty()) return "service " + s.id + " has no time zone";
  if (s.duration < Minutes{1} || s.duration > std::chrono::hours{24} || s.duration.count() % 60 != 0)
    return "the duration of " + s.id + " must be whole minutes between 1 minute and 24 hours";
  if (s.capacity < 1) return "the capacity of " + s.id + " must be at least 1";
  if (s.kind == ServiceKind::Appointment && s.capacity != 1)
    return "appointment service " + s.id + " has capacity 1 (one booking per resource at a time)";
  if (s.kind == ServiceKind::Appointment && s.resources.empty())
    return "appointment service " + s.id + " needs at least one resource group";
  for (const ResourceGroup& g : s.resources) {
    if (g.anyOf.empty()) return "service " + s.id + " has an empty resource group";
    for (const std::string& id : g.anyOf)
      if (!isSlug(id)) return "service " + s.id + " names an invalid resource id \"" + id + "\"";
  }
  if (s.price.amountMinor < 0) return "the price of " + s.id + " must not be negative";
  if (s.price.amountMinor > 0 && s.price.currency.size() != 3)
    return "the price of " + s.id + " needs a three-letter currency code";
  if (auto problem = validate(s.policy)) return "policy of " + s.id + ": " + *problem;
  return std::nullopt;
}

}  // namespace bookdav::domain
