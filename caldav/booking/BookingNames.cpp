#include "caldav/booking/BookingNames.h"

#include "caldav/ical/ContentLines.h"

namespace bookdav::caldav {
namespace {

std::optional<std::string> afterPrefix(std::string_view text, std::string_view prefix) {
  if (text.size() <= prefix.size() || text.substr(0, prefix.size()) != prefix) return std::nullopt;
  return std::string(text.substr(prefix.size()));
}

std::optional<std::int64_t> numberBetween(std::string_view name, std::string_view prefix,
                                          std::string_view suffix) {
  if (name.size() <= prefix.size() + suffix.size() || name.substr(0, prefix.size()) != prefix ||
      name.substr(name.size() - suffix.size()) != suffix)
    return std::nullopt;
  std::string_view digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  std::int64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

std::string serviceCalendarSegment(std::string_view serviceId) {
  return "service-" + std::string(serviceId);
}
std::string resourceCalendarSegment(std::string_view resourceId) {
  return "resource-" + std::string(resourceId);
}
std::optional<std::string> serviceIdOfSegment(std::string_view segment) {
  return afterPrefix(segment, "service-");
}
std::optional<std::string> resourceIdOfSegment(std::string_view segment) {
  return afterPrefix(segment, "resource-");
}

bool isReservedCalendarName(std::string_view segment) {
  return segment == kBookingsSegment || segment == "inbox" || segment == "outbox" ||
         segment.substr(0, 8) == "service-" || segment.substr(0, 9) == "resource-";
}

std::string sessionMemberName(domain::SessionId id) {
  return "session-" + std::to_string(id) + ".ics";
}
std::string bookingMemberName(domain::BookingId id) {
  return "booking-" + std::to_string(id) + ".ics";
}
std::optional<domain::SessionId> sessionIdOfMember(std::string_view name) {
  return numberBetween(name, "session-", ".ics");
}
std::optional<domain::BookingId> bookingIdOfMember(std::string_view name) {
  return numberBetween(name, "booking-", ".ics");
}
std::string windowMemberName(domain::Instant start) {
  return "open-" + std::to_string(start.time_since_epoch().count()) + ".ics";
}
std::optional<domain::Instant> windowStartOfMember(std::string_view name) {
  auto seconds = numberBetween(name, "open-", ".ics");
  if (!seconds) return std::nullopt;
  return domain::Instant{domain::Seconds{*seconds}};
}

std::string resourcePrincipalPath(std::string_view resourceId) {
  return std::string(kResourcePrincipalsRoot) + std::string(resourceId) + "/";
}
std::string resourceInboxPath(std::string_view resourceId) {
  return resourcePrincipalPath(resourceId) + "inbox/";
}

namespace {

// The <id> of "mailto:<id>@<sub>.<domain>", "urn:bookdav:<kind>:<id>" or "<principalsRoot><id>/"
// (also as an absolute URL), compared caselessly; ids come back lower-cased.
std::optional<std::string> idOfAddress(std::string_view address, std::string_view sub, std::string_view kind,
                                       std::string_view principalsRoot, const DavSettings& settings) {
  std::string a = ical::lower(address);
  const std::string suffix = "@" + std::string(sub) + "." + ical::lower(settings.addressDomain);
  if (a.rfind("mailto:", 0) == 0) {
    if (a.size() <= 7 + suffix.size() || a.compare(a.size() - suffix.size(), suffix.size(), suffix) != 0)
      return std::nullopt;
    return a.substr(7, a.size() - 7 - suffix.size());
  }
  const std::string urn = "urn:bookdav:" + std::string(kind) + ":";
  if (a.rfind(urn, 0) == 0) {
    if (a.size() == urn.size()) return std::nullopt;
    return a.substr(urn.size());
  }
  if (a.rfind("http://", 0) == 0 || a.rfind("https://", 0) == 0) {
    size_t slash = a.find('/', a.find("//") + 2);
    if (slash == std::string::npos) return std::nullopt;
    a = a.substr(slash);
  }
  if (a.rfind(principalsRoot, 0) == 0 && a.size() > principalsRoot.size() + 1 && a.back() == '/') {
    std::string id = a.substr(principalsRoot.size(), a.size() - principalsRoot.size() - 1);
    if (id.find('/') == std::string::npos) return id;
  }
  return std::nullopt;
}

}  // namespace

std::string resourceUrn(std::string_view resourceId) {
  return "urn:bookdav:resource:" + std::string(resourceId);
}

std::optional<std::string> resourceIdOfAddress(std::string_view address, const DavSettings& settings) {
  return idOfAddress(address, "resources", "resource", kResourcePrincipalsRoot, settings);
}

std::string servicePrincipalPath(std::string_view serviceId) {
  return std::string(kServicePrincipalsRoot) + std::string(serviceId) + "/";
}
std::string serviceInboxPath(std::string_view serviceId) {
  return servicePrincipalPath(serviceId) + "inbox/";
}

std::string serviceUrn(std::string_view serviceId) {
  return "urn:bookdav:service:" + std::string(serviceId);
}

std::optional<std::string> serviceIdOfAddress(std::string_view address, const DavSettings& settings) {
  return idOfAddress(address, "services", "service", kServicePrincipalsRoot, settings);
}

std::string businessAddress(const DavSettings& settings) {
  return "mailto:bookings@" + settings.addressDomain;
}

}  // namespace bookdav::caldav
