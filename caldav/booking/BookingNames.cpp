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

std::string resourcePrincipalPath(std::string_view resourceId) {
  return std::string(kResourcePrincipalsRoot) + std::string(resourceId) + "/";
}
std::string resourceInboxPath(std::string_view resourceId) {
  return resourcePrincipalPath(resourceId) + "inbox/";
}

std::string resourceAddress(std::string_view resourceId, const DavSettings& settings) {
  return "mailto:" + std::string(resourceId) + "@resources." + settings.addressDomain;
}

std::optional<std::string> resourceIdOfAddress(std::string_view address, const DavSettings& settings) {
  std::string a = ical::lower(address);
  const std::string suffix = "@resources." + ical::lower(settings.addressDomain);
  if (a.rfind("mailto:", 0) != 0 || a.size() <= 7 + suffix.size() ||
      a.compare(a.size() - suffix.size(), suffix.size(), suffix) != 0)
    return std::nullopt;
  return a.substr(7, a.size() - 7 - suffix.size());
}

std::string businessAddress(const DavSettings& settings) {
  return "mailto:bookings@" + settings.addressDomain;
}

}  // namespace bookdav::caldav
