#include "caldav/booking/CalendarAddresses.h"

#include "caldav/booking/BookingNames.h"
#include "caldav/ical/ContentLines.h"

namespace bookdav::caldav {
namespace {

std::string withoutMailto(std::string_view address) {
  std::string a = ical::lower(address);
  if (a.rfind("mailto:", 0) == 0) a.erase(0, 7);
  return a;
}

}  // namespace

CalendarAddresses::CalendarAddresses(std::function<std::vector<domain::Service>()> services,
                                     std::function<std::vector<domain::Resource>()> resources,
                                     domain::AccountRepository& accounts, const DavSettings& settings)
    : loadServices_(std::move(services)),
      loadResources_(std::move(resources)),
      accounts_(accounts),
      settings_(settings) {}

CalendarAddresses CalendarAddresses::of(domain::BookingEngine& engine, domain::AccountRepository& accounts,
                                        const DavSettings& settings) {
  return CalendarAddresses([&engine] { return engine.catalog.services(); },
                           [&engine] { return engine.catalog.resources(); }, accounts, settings);
}

CalendarAddresses CalendarAddresses::of(domain::BookingData& data, domain::AccountRepository& accounts,
                                        const DavSettings& settings) {
  return CalendarAddresses([&data] { return data.services(); }, [&data] { return data.resources(); },
                           accounts, settings);
}

void CalendarAddresses::load() {
  if (loaded_) return;
  loaded_ = true;
  services_ = loadServices_();
  resources_ = loadResources_();
  for (const auto& s : services_)
    if (!s.email.empty()) explicit_.insert(ical::lower(s.email));
  for (const auto& r : resources_)
    if (!r.email.empty()) explicit_.insert(ical::lower(r.email));
}

std::optional<std::string> CalendarAddresses::holderOf(std::string_view email, std::string_view self) {
  load();
  const std::string wanted = withoutMailto(email);
  for (const auto& s : services_)
    if (self != "service:" + s.id && withoutMailto(ofService(s)) == wanted) return "service " + s.id;
  for (const auto& r : resources_)
    if (self != "resource:" + r.id && withoutMailto(ofResource(r)) == wanted) return "resource " + r.id;
  for (const domain::Account& a : accounts_.list()) {
    if (self == "account:" + a.name) continue;
    const std::string address = a.email.empty() ? a.name + "@" + settings_.addressDomain : a.email;
    if (ical::lower(address) == wanted) return "the account " + a.name;
  }
  return std::nullopt;
}

bool CalendarAddresses::claimedByAccount(const std::string& address) {
  // An account without an e-mail has <name>@<domain>; one with an e-mail has that.
  const std::string suffix = "@" + ical::lower(settings_.addressDomain);
  if (address.size() > suffix.size() &&
      address.compare(address.size() - suffix.size(), suffix.size(), suffix) == 0) {
    if (auto a = accounts_.find(address.substr(0, address.size() - suffix.size())); a && a->email.empty())
      return true;
  }
  if (!accountEmails_) {
    accountEmails_.emplace();
    for (const domain::Account& a : accounts_.list())
      if (!a.email.empty()) accountEmails_->insert(ical::lower(a.email));
  }
  return accountEmails_->count(address) > 0;
}

// <id>@<domain> unless a catalog e-mail or an account has it, or (for a resource) a service has the
// same id: then the older <id>@services.<domain> / <id>@resources.<domain>.
std::string CalendarAddresses::derived(std::string_view id, bool service) {
  load();
  const std::string plain = ical::lower(std::string(id) + "@" + settings_.addressDomain);
  bool taken = explicit_.count(plain) > 0;
  if (!taken && !service) {
    for (const auto& s : services_) taken = taken || ical::lower(s.id) == ical::lower(id);
  }
  if (!taken) taken = claimedByAccount(plain);
  if (!taken) return "mailto:" + std::string(id) + "@" + settings_.addressDomain;
  return "mailto:" + std::string(id) + (service ? "@services." : "@resources.") + settings_.addressDomain;
}

std::string CalendarAddresses::ofService(const domain::Service& s) {
  return s.email.empty() ? derived(s.id, true) : "mailto:" + s.email;
}

std::string CalendarAddresses::ofResource(const domain::Resource& r) {
  return r.email.empty() ? derived(r.id, false) : "mailto:" + r.email;
}

std::string CalendarAddresses::ofServiceId(std::string_view id) {
  load();
  for (const auto& s : services_)
    if (s.id == id) return ofService(s);
  return derived(id, true);
}

std::string CalendarAddresses::ofResourceId(std::string_view id) {
  load();
  for (const auto& r : resources_)
    if (r.id == id) return ofResource(r);
  return derived(id, false);
}

std::optional<std::string> CalendarAddresses::serviceOf(std::string_view address) {
  load();
  if (auto id = serviceIdOfAddress(address, settings_)) {
    for (const auto& s : services_)
      if (ical::lower(s.id) == *id) return s.id;
    return std::nullopt;
  }
  if (ical::lower(address).rfind("mailto:", 0) != 0) return std::nullopt;
  const std::string wanted = withoutMailto(address);
  for (const auto& s : services_)
    if (withoutMailto(ofService(s)) == wanted) return s.id;
  return std::nullopt;
}

std::optional<std::string> CalendarAddresses::resourceOf(std::string_view address) {
  load();
  if (auto id = resourceIdOfAddress(address, settings_)) {
    for (const auto& r : resources_)
      if (ical::lower(r.id) == *id) return r.id;
    return std::nullopt;
  }
  if (ical::lower(address).rfind("mailto:", 0) != 0) return std::nullopt;
  const std::string wanted = withoutMailto(address);
  for (const auto& r : resources_)
    if (withoutMailto(ofResource(r)) == wanted) return r.id;
  return std::nullopt;
}

}  // namespace bookdav::caldav
