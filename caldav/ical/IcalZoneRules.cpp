#include "caldav/ical/IcalZoneRules.h"

#include <libical/ical.h>

#include "caldav/ical/Component.h"

namespace bookdav::caldav::ical {
namespace {

// Olson names only: libical turns an unknown name into a file path below the zoneinfo directory.
bool plausibleZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos)
    return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
              c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

// Unknown names are remembered too, but only this many, so that clients cannot grow the cache.
constexpr size_t kMaxCachedZones = 2048;

}  // namespace

const IcalZoneRules& IcalZoneRules::instance() {
  static const IcalZoneRules rules;
  return rules;
}

icaltimezone* IcalZoneRules::find(std::string_view zone) const {
  std::string key(zone);
  {
    std::shared_lock lock(mutex_);
    if (auto it = zones_.find(key); it != zones_.end()) return it->second;
  }
  if (!plausibleZoneName(key)) return nullptr;
  std::unique_lock lock(mutex_);
  if (auto it = zones_.find(key); it != zones_.end()) return it->second;
  icaltimezone* z = nullptr;
  if (key == "UTC" || key == "Etc/UTC" || key == "Z" || key == "GMT") {
    z = icaltimezone_get_utc_timezone();
  } else {
    z = icaltimezone_get_builtin_timezone(key.c_str());
    if (z) icaltimezone_get_tzid(z);  // load it now, under our lock, before anyone reads its fields
  }
  if (z || zones_.size() < kMaxCachedZones) zones_.emplace(std::move(key), z);
  return z;
}

std::string IcalZoneRules::vtimezone(std::string_view zone) const {
  icaltimezone* z = find(zone);
  if (!z || z == icaltimezone_get_utc_timezone()) return {};
  const std::string key(zone);
  {
    std::shared_lock lock(mutex_);
    if (auto it = vtimezones_.find(key); it != vtimezones_.end()) return it->second;
  }
  std::unique_lock lock(mutex_);  // libical's component is shared: one reader at a time, and only here
  if (auto it = vtimezones_.find(key); it != vtimezones_.end()) return it->second;
  std::string text;
  if (icalcomponent* vtz = icaltimezone_get_component(z)) {
    Component copy(icalcomponent_new_clone(vtz));
    if (icalproperty* p = icalcomponent_get_first_property(copy.get(), ICAL_TZID_PROPERTY))
      icalproperty_set_tzid(p, key.c_str());
    text = copy.serialize();
  }
  if (vtimezones_.size() < kMaxCachedZones) vtimezones_.emplace(key, text);
  return text;
}

bool IcalZoneRules::knows(std::string_view zone) const {
  return find(zone) != nullptr;
}

void IcalZoneRules::warm(std::string_view zone) const {
  find(zone);
}

domain::Seconds IcalZoneRules::utcOffset(std::string_view zone, domain::Instant at) const {
  icaltimezone* z = find(zone);
  if (!z) return domain::Seconds{0};
  icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(domain::toUnix(at)), 0,
                                                 icaltimezone_get_utc_timezone());
  int isDaylight = 0;
  return domain::Seconds{icaltimezone_get_utc_offset_of_utc_time(z, &t, &isDaylight)};
}

}  // namespace bookdav::caldav::ical
