#include "caldav/booking/EventText.h"

#include "caldav/ical/ContentLines.h"
#include "caldav/ical/IcalTime.h"
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

std::string EventText::finish() {
  end("VCALENDAR");
  return std::move(out_);
}

}  // namespace bookdav::caldav
