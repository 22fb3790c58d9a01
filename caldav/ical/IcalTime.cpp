#include "caldav/ical/IcalTime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "caldav/ical/Component.h"
#include "caldav/ical/IcalZoneRules.h"

namespace bookdav::caldav::ical {
namespace {

constexpr std::string_view kLibicalPrefix = "/freeassociation.sourceforge.net/";

bool digitsAt(std::string_view s, size_t pos, size_t n, int& out) {
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// The VTIMEZONE child of c whose TZID is tzid, or nullptr.
icalcomponent* embeddedVtimezone(icalcomponent* c, const std::string& tzid) {
  for (icalcomponent* v : childComponents(c, "VTIMEZONE")) {
    icalproperty* p = icalcomponent_get_first_property(v, ICAL_TZID_PROPERTY);
    if (p && icalproperty_get_tzid(p) && tzid == icalproperty_get_tzid(p)) return v;
  }
  return nullptr;
}

// Does the VTIMEZONE's current rule set use the offsets the built-in zone uses this year? The
// current observances are those with an RRULE that has not ended; without any, the observance
// that started last.
bool sameCurrentOffsets(icalcomponent* vtimezone, icaltimezone* builtin) {
  const icaltimetype now = icaltime_current_time_with_zone(icaltimezone_get_utc_timezone());
  std::vector<int> offsets;
  icaltimetype latestStart = icaltime_null_time();
  int latestOffset = 0;
  bool haveLatest = false;
  for (icalcomponent* o : childComponents(vtimezone)) {
    icalcomponent_kind kind = icalcomponent_isa(o);
    if (kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT) continue;
    icalproperty* to = icalcomponent_get_first_property(o, ICAL_TZOFFSETTO_PROPERTY);
    if (!to) return false;
    const int offset = icalproperty_get_tzoffsetto(to);
    if (icalproperty* rule = icalcomponent_get_first_property(o, ICAL_RRULE_PROPERTY)) {
      struct icalrecurrencetype r = icalproperty_get_rrule(rule);
      if (icaltime_is_null_time(r.until) || icaltime_compare(r.until, now) > 0) offsets.push_back(offset);
    }
    if (icalproperty* start = icalcomponent_get_first_property(o, ICAL_DTSTART_PROPERTY)) {
      icaltimetype t = icalproperty_get_dtstart(start);
      if (!haveLatest || icaltime_compare(t, latestStart) > 0) {
        latestStart = t;
        latestOffset = offset;
        haveLatest = true;
      }
    }
  }
  if (offsets.empty() && haveLatest) offsets.push_back(latestOffset);
  if (offsets.empty()) return false;
  // The built-in zone's offsets in January and July of this year.
  std::vector<int> expected;
  for (int month : {1, 7}) {
    icaltimetype t = now;
    t.month = month;
    t.day = 15;
    int dst = 0;
    int off = icaltimezone_get_utc_offset_of_utc_time(builtin, &t, &dst);
    if (std::find(expected.begin(), expected.end(), off) == expected.end()) expected.push_back(off);
  }
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  std::sort(expected.begin(), expected.end());
  return offsets == expected;
}

}  // namespace

icaltimezone* zoneOfTzid(std::string_view tzid, icalcomponent* comp) {
  if (tzid.empty()) return nullptr;
  std::string_view name = tzid;
  if (name.substr(0, kLibicalPrefix.size()) == kLibicalPrefix) {
    name.remove_prefix(kLibicalPrefix.size());
    if (name.substr(0, 7) == "Tzfile/") name.remove_prefix(7);
  }
  icaltimezone* builtin = IcalZoneRules::instance().builtin(name);
  std::string id(tzid);
  for (icalcomponent* c = comp; c != nullptr; c = icalcomponent_get_parent(c)) {
    icalcomponent* vtimezone = embeddedVtimezone(c, id);
    if (!vtimezone) continue;
    // The VTIMEZONE of the object defines its TZID (RFC 5545 3.2.19). When it describes the Olson
    // zone of that name as it is today, the system's copy is used instead: libical expands an
    // embedded VTIMEZONE from its first observance (often 1970) on every parse, about a
    // millisecond per object, while the built-in zone is expanded once per process.
    if (builtin && sameCurrentOffsets(vtimezone, builtin)) return builtin;
    return icalcomponent_get_timezone(c, id.c_str());
  }
  return builtin;
}

icaltimezone* zoneOfProperty(icalproperty* p, icalcomponent* comp) {
  icalparameter* param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  if (!param) return nullptr;
  const char* tzid = icalparameter_get_tzid(param);
  if (!tzid) return nullptr;
  return zoneOfTzid(tzid, comp ? comp : icalproperty_get_parent(p));
}

icaltimetype withZone(icaltimetype t, icalproperty* p, icalcomponent* comp) {
  if (t.is_date) {
    t.zone = nullptr;
    return t;
  }
  if (icaltime_is_utc(t)) return t;
  t.zone = zoneOfProperty(p, comp);
  return t;
}

icaltimetype zonedValue(icalproperty* p, icalcomponent* comp) {
  icalvalue* v = icalproperty_get_value(p);
  if (!v) return icaltime_null_time();
  return withZone(icalvalue_get_datetime(v), p, comp);
}

domain::Instant toInstant(const icaltimetype& t, const icaltimezone* floatingZone) {
  const icaltimezone* zone = t.is_date || t.zone == nullptr ? floatingZone : t.zone;
  // The wall-clock time read as if it were UTC.
  domain::Instant wall = domain::Instant{
      std::chrono::sys_days{std::chrono::year{t.year} / std::chrono::month{static_cast<unsigned>(t.month)} /
                            std::chrono::day{static_cast<unsigned>(t.day)}}};
  if (!t.is_date) wall += std::chrono::hours{t.hour} + domain::Minutes{t.minute} + domain::Seconds{t.second};
  if (zone == nullptr || zone == icaltimezone_get_utc_timezone()) return wall;
  // Not icaltime_as_timet_with_zone(): in a spring-forward gap it applies the offset after the
  // gap (02:30 Berlin on 31 March 2024 became 00:30Z), while RFC 5545 §3.3.5 reads a nonexistent
  // time with the offset before the gap (01:30Z, i.e. 03:30 CEST) and an ambiguous time as its
  // first occurrence.
  const std::chrono::hours margin{26};
  domain::Seconds before = utcOffsetAt(zone, wall - margin), after = utcOffsetAt(zone, wall + margin);
  if (before == after) return wall - before;
  domain::Instant early = wall - before, late = wall - after;
  bool earlyValid = utcOffsetAt(zone, early) == before, lateValid = utcOffsetAt(zone, late) == after;
  if (earlyValid && lateValid) return std::min(early, late);
  if (lateValid) return late;
  return early;  // valid, or a gap: the offset before it
}

domain::Seconds utcOffsetAt(const icaltimezone* zone, domain::Instant utc) {
  if (zone == nullptr) return domain::Seconds{0};
  auto day = std::chrono::floor<std::chrono::days>(utc);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss<domain::Seconds> hms{utc - day};
  icaltimetype u = icaltime_null_time();
  u.year = static_cast<int>(ymd.year());
  u.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  u.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  u.hour = static_cast<int>(hms.hours().count());
  u.minute = static_cast<int>(hms.minutes().count());
  u.second = static_cast<int>(hms.seconds().count());
  u.zone = icaltimezone_get_utc_timezone();
  int isDaylight = 0;
  return domain::Seconds{
      icaltimezone_get_utc_offset_of_utc_time(const_cast<icaltimezone*>(zone), &u, &isDaylight)};
}

icaltimetype fromInstant(domain::Instant t, const icaltimezone* zone, bool asDate) {
  icaltimezone* z = const_cast<icaltimezone*>(zone ? zone : icaltimezone_get_utc_timezone());
  icaltimetype r = icaltime_from_timet_with_zone(static_cast<time_t>(domain::toUnix(t)), 0, z);
  if (asDate) {
    r.is_date = 1;
    r.hour = r.minute = r.second = 0;
    r.zone = nullptr;
  }
  return r;
}

std::chrono::local_seconds wallTimeOf(const icaltimetype& t) {
  std::chrono::local_seconds w{
      std::chrono::local_days{std::chrono::year{t.year} / std::chrono::month{static_cast<unsigned>(t.month)} /
                              std::chrono::day{static_cast<unsigned>(t.day)}}};
  if (!t.is_date) w += std::chrono::hours{t.hour} + domain::Minutes{t.minute} + domain::Seconds{t.second};
  return w;
}

std::string formatUtc(domain::Instant t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss<domain::Seconds> hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::optional<domain::Instant> parseUtcDateTime(std::string_view s) {
  if (s.size() != 16 || (s[8] != 'T' && s[8] != 't') || (s[15] != 'Z' && s[15] != 'z')) return std::nullopt;
  int y, mo, d, h, mi, sec;
  if (!digitsAt(s, 0, 4, y) || !digitsAt(s, 4, 2, mo) || !digitsAt(s, 6, 2, d) || !digitsAt(s, 9, 2, h) ||
      !digitsAt(s, 11, 2, mi) || !digitsAt(s, 13, 2, sec))
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  return domain::Instant{std::chrono::sys_days{ymd}} + std::chrono::hours{h} + domain::Minutes{mi} +
         domain::Seconds{sec};
}

domain::Instant addSaturating(domain::Instant t, domain::Seconds d) {
  using domain::Instant;
  if (t == Instant::min() || t == Instant::max()) return t;
  if (d.count() > 0 && t > Instant::max() - d) return Instant::max();
  if (d.count() < 0 && t < Instant::min() - d) return Instant::min();
  return t + d;
}

}  // namespace bookdav::caldav::ical
