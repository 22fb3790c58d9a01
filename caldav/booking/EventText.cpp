#include "caldav/booking/EventText.h"

#include <algorithm>
#include <cstdio>

#include "caldav/ical/ContentLines.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/ical/IcalZoneRules.h"
#include "domain/text/ValidText.h"

namespace bookdav::caldav {
namespace {

std::string paramValue(std::string_view v) {
  std::string clean;
  for (char c : v) {
    if (c != '"' && c != '\r' && c != '\n') clean += c;
  }
  if (clean.find_first_of(":;,") != std::string::npos) return "\"" + clean + "\"";
  return clean;
}

}  // namespace

EventText::EventText(std::string_view productId) {
  begin("VCALENDAR");
  raw("VERSION", "2.0");
  raw("PRODID", productId);
  raw("CALSCALE", "GREGORIAN");
  headerEnd_ = out_.size();
}

void EventText::line(std::string_view name, Params params, std::string_view value) {
  std::string l(name);
  for (const auto& [k, v] : params) l.append(";").append(k).append("=").append(paramValue(v));
  l.append(":").append(value);
  // Names and notes stored before bookdav checked text may hold what a content line cannot.
  if (!domain::isValidText(l, domain::Controls::Tab)) l = domain::repairText(l, domain::Controls::Tab);
  out_ += ical::foldContentLine(l);
}

EventText& EventText::begin(std::string_view component) {
  line("BEGIN", {}, component);
  return *this;
}

EventText& EventText::end(std::string_view component) {
  line("END", {}, component);
  return *this;
}

EventText& EventText::text(std::string_view name, std::string_view value, Params params) {
  line(name, params, ical::escapeText(value));
  return *this;
}

EventText& EventText::raw(std::string_view name, std::string_view value, Params params) {
  line(name, params, value);
  return *this;
}

std::string EventText::utcText(domain::Instant t) {
  return ical::formatUtc(t);
}

EventText& EventText::utc(std::string_view name, domain::Instant t) {
  return raw(name, utcText(t));
}

std::optional<std::string> EventText::localZone(std::string_view zone) {
  if (zone.empty() || zone == "UTC" || !ical::IcalZoneRules::instance().knows(zone)) return std::nullopt;
  if (std::find(zones_.begin(), zones_.end(), zone) == zones_.end()) zones_.emplace_back(zone);
  return std::string(zone);
}

namespace {

std::string localText(domain::Instant t, std::string_view zone) {
  const domain::LocalDateTime l = domain::toLocal(ical::IcalZoneRules::instance(), zone, t);
  char buf[64];
  const long long s = l.timeOfDay.count();
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02lld%02lld%02lld", static_cast<int>(l.date.year()),
                static_cast<unsigned>(l.date.month()), static_cast<unsigned>(l.date.day()), s / 3600,
                s / 60 % 60, s % 60);
  return buf;
}

// True when the local time of t in the zone names t (RFC 5545 3.3.5: a local time that occurs twice,
// in the fall-back hour, means the first; the second can only be written in UTC).
bool localNames(domain::Instant t, std::string_view zone) {
  const auto& rules = ical::IcalZoneRules::instance();
  return domain::fromLocal(rules, zone, domain::toLocal(rules, zone, t)) == t;
}

}  // namespace

EventText& EventText::zoned(std::string_view name, domain::Instant t, std::string_view zone) {
  std::optional<std::string> z = localNames(t, zone) ? localZone(zone) : std::nullopt;
  if (!z) return utc(name, t);
  return raw(name, localText(t, *z), {{"TZID", *z}});
}

EventText& EventText::zonedList(std::string_view name, const std::vector<domain::Interval>& times,
                                bool periods, std::string_view zone) {
  const bool local = std::all_of(times.begin(), times.end(), [&](const domain::Interval& i) {
    return localNames(i.start, zone) && (!periods || localNames(i.end, zone));
  });
  std::optional<std::string> z = local ? localZone(zone) : std::nullopt;
  std::string value;
  for (const domain::Interval& i : times) {
    if (!value.empty()) value += ",";
    value += z ? localText(i.start, *z) : utcText(i.start);
    if (periods) value += "/" + (z ? localText(i.end, *z) : utcText(i.end));
  }
  if (z && periods) return raw(name, value, {{"VALUE", "PERIOD"}, {"TZID", *z}});
  if (z) return raw(name, value, {{"TZID", *z}});
  if (periods) return raw(name, value, {{"VALUE", "PERIOD"}});
  return raw(name, value);
}

std::string EventText::finish() {
  std::string zones;
  for (const std::string& z : zones_) zones += ical::IcalZoneRules::instance().vtimezone(z);
  out_.insert(headerEnd_, zones);
  end("VCALENDAR");
  return std::move(out_);
}

}  // namespace bookdav::caldav
