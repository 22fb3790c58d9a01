// The mailto: addresses of services and resources as calendar users (DESIGN.md, "Scheduling"): the
// business file's "email", else <id>@<domain>, else (when another calendar user has that address) the
// older <id>@services.<domain> / <id>@resources.<domain>; and which service or resource an address
// names (those, urn:bookdav:service:/resource:<id>, principal paths and the older forms, always).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "caldav/dav/DavSettings.h"
#include "domain/account/Account.h"
#include "domain/booking/BookingEngine.h"
#include "domain/booking/BookingStore.h"

namespace bookdav::caldav {

class CalendarAddresses {
 public:
  // The catalog is read (once) when first needed.
  CalendarAddresses(std::function<std::vector<domain::Service>()> services,
                    std::function<std::vector<domain::Resource>()> resources,
                    domain::AccountRepository& accounts, const DavSettings& settings);
  // Reading the catalog through the engine (outside transactions) or inside a transaction's data.
  static CalendarAddresses of(domain::BookingEngine& engine, domain::AccountRepository& accounts,
                              const DavSettings& settings);
  static CalendarAddresses of(domain::BookingData& data, domain::AccountRepository& accounts,
                              const DavSettings& settings);

  // "mailto:cut@salon.example".
  std::string ofService(const domain::Service& service);
  std::string ofResource(const domain::Resource& resource);
  std::string ofServiceId(std::string_view id);  // an id the catalog does not have: <id>@<domain>
  std::string ofResourceId(std::string_view id);

  // Which other calendar user has the e-mail address now ("service cut", "resource sam", "the account
  // bob"): a service's or resource's address (explicit or derived), an account's e-mail or, for an
  // account without one, <name>@<domain>. `self` ("service:<id>", "resource:<id>", "account:<name>")
  // is the one about to take it. Setting an address another has would move or share theirs.
  std::optional<std::string> holderOf(std::string_view email, std::string_view self);

  // The id of the service or resource an address names (caseless; ids come back as the catalog has them).
  std::optional<std::string> serviceOf(std::string_view address);
  std::optional<std::string> resourceOf(std::string_view address);

 private:
  void load();
  bool claimedByAccount(const std::string& address);  // lower-cased address without "mailto:"
  std::string derived(std::string_view id, bool service);

  std::function<std::vector<domain::Service>()> loadServices_;
  std::function<std::vector<domain::Resource>()> loadResources_;
  domain::AccountRepository& accounts_;
  const DavSettings& settings_;
  bool loaded_ = false;
  std::vector<domain::Service> services_;
  std::vector<domain::Resource> resources_;
  std::set<std::string> explicit_;  // lower-cased e-mails the catalog gives
  std::optional<std::set<std::string>> accountEmails_;
};

}  // namespace bookdav::caldav
