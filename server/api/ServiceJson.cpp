// Services and their bookings policy as JSON (see CatalogJson.h).
#include <algorithm>
#include <cmath>

#include "domain/booking/Ids.h"
#include "server/api/CatalogJson.h"

namespace bookdav::server::api {
namespace {

using domain::Seconds;
constexpr Seconds kDay = std::chrono::hours{24};
constexpr Seconds kTenYears = std::chrono::days{3660};

std::int64_t amountMinor(const JsonValue& v, const std::string& path) {
  if (v.isString()) {
    const std::string text = v.extract<std::string>();
    const size_t dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
    auto digits = [](const std::string& t) {
      return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || whole.size() > 12 || !digits(whole) || !digits(fraction) ||
        (dot != std::string::npos && (fraction.empty() || fraction.size() > 2)))
      throw InvalidInput(path, "\"" + text + "\" is not an amount such as \"35.00\"");
    while (fraction.size() < 2) fraction += '0';
    return std::stoll(whole) * 100 + std::stoll(fraction);
  }
  if (v.isNumeric() && v.type() != typeid(bool)) {
    const double d = v.convert<double>();
    const double minor = std::round(d * 100);
    if (!std::isfinite(d) || d < 0 || d > 1e12 || std::fabs(minor - d * 100) > 1e-6)
      throw InvalidInput(path, "must be an amount with at most two decimals, such as 35.00");
    return static_cast<std::int64_t>(minor);
  }
  throw InvalidInput(path, "must be an amount such as \"35.00\"");
}

domain::Price readPrice(JsonFields& f) {
  domain::Price p;
  p.amountMinor = amountMinor(f.value("amount"), f.pathOf("amount"));
  p.currency = f.string("currency").value_or("");
  if (p.amountMinor > 0 || !p.currency.empty()) {
    bool code = p.currency.size() == 3;
    for (char c : p.currency) code = code && c >= 'A' && c <= 'Z';
    if (!code) f.fail("currency", "must be an ISO 4217 code such as \"EUR\"");
  }
  f.finish();
  return p;
}

domain::Location readLocation(JsonFields& f) {
  domain::Location l;
  std::string kind = f.string("kind").value_or("address");
  auto k = domain::parseLocationKind(kind);
  if (!k) f.fail("kind", "\"" + kind + "\" is not one of none, address, online, customer-place");
  l.kind = *k;
  l.text = f.string("text").value_or("");
  if ((l.kind == domain::Location::Kind::Address || l.kind == domain::Location::Kind::Online) &&
      l.text.empty())
    f.fail("text", "is required for a location of kind " + kind);
  f.finish();
  return l;
}

std::vector<domain::ResourceGroup> readGroups(JsonFields& f, std::string_view name) {
  std::vector<domain::ResourceGroup> groups;
  std::optional<std::vector<JsonValue>> items = f.array(name);
  if (!items) return groups;
  for (size_t i = 0; i < items->size(); ++i) {
    const std::string path = elementPath(f.pathOf(name), i);
    domain::ResourceGroup g;
    if (isObject((*items)[i])) {
      JsonFields group((*items)[i], path);
      g.anyOf = group.strings("anyOf").value_or(std::vector<std::string>{});
      if (g.anyOf.empty()) group.fail("anyOf", "must name at least one resource");
      group.finish();
    } else {
      std::vector<JsonValue> ids = arrayValue((*items)[i], path);
      for (size_t j = 0; j < ids.size(); ++j) g.anyOf.push_back(stringValue(ids[j], elementPath(path, j)));
      if (g.anyOf.empty()) throw InvalidInput(path, "must name at least one resource");
    }
    for (size_t j = 0; j < g.anyOf.size(); ++j)
      if (!domain::isSlug(g.anyOf[j]))
        throw InvalidInput(path, "\"" + g.anyOf[j] + "\" is not a resource id");
    groups.push_back(std::move(g));
  }
  return groups;
}

void setDuration(JsonObject& o, const char* name, Seconds d) {
  o->set(name, domain::toIsoDuration(d));
}

}  // namespace

std::string amountText(std::int64_t minor) {
  std::string cents = std::to_string(minor % 100);
  if (cents.size() < 2) cents = "0" + cents;
  return std::to_string(minor / 100) + "." + cents;
}

domain::BookingPolicy readPolicy(JsonFields& f) {
  domain::BookingPolicy p;
  p.minimumNotice = f.duration("minimumNotice", Seconds{0}, kTenYears).value_or(Seconds{0});
  p.maximumHorizon = f.duration("maximumHorizon", Seconds{0}, kTenYears);
  p.cancellationDeadline = f.duration("cancellationDeadline", Seconds{0}, kTenYears).value_or(Seconds{0});
  p.rescheduleDeadline = f.duration("rescheduleDeadline", Seconds{0}, kTenYears).value_or(Seconds{0});
  p.maxParticipantsPerBooking =
      static_cast<int>(f.integer("maxParticipantsPerBooking", 1, 10000).value_or(1));
  p.waitlistCapacity = static_cast<int>(f.integer("waitlistCapacity", 0, 10000).value_or(0));
  p.manualApproval = f.boolean("manualApproval").value_or(false);
  p.lateJoin = f.boolean("lateJoin").value_or(false);
  p.bufferBefore = f.duration("bufferBefore", Seconds{0}, kDay).value_or(Seconds{0});
  p.bufferAfter = f.duration("bufferAfter", Seconds{0}, kDay).value_or(Seconds{0});
  p.slotGranularity = f.duration("slotGranularity", Seconds{0}, kDay).value_or(Seconds{0});
  if (p.slotGranularity.count() % 60) f.fail("slotGranularity", "must be whole minutes");
  if (p.maximumHorizon && *p.maximumHorizon < p.minimumNotice)
    f.fail("maximumHorizon", "must not be shorter than minimumNotice");
  f.finish();
  return p;
}

ServiceDefinition readService(JsonFields& f, const std::string& defaultZone, const std::string& id) {
  ServiceDefinition out;
  domain::Service& s = out.service;
  s.id = f.id("id", id, "haircut");
  std::string kind = f.requiredString("kind");
  auto k = domain::parseServiceKind(kind);
  if (!k) f.fail("kind", "\"" + kind + "\" is not one of appointment, class, course");
  s.kind = *k;
  s.name = f.nonEmptyString("name");
  s.description = f.text("description").value_or("");
  s.email = readCalendarEmail(f);
  s.timeZone = f.timeZone("timezone", defaultZone);
  std::optional<Seconds> duration = f.duration("duration", std::chrono::minutes{1}, kDay);
  if (!duration) f.fail("duration", "is required (e.g. \"PT30M\")");
  if (duration->count() % 60) f.fail("duration", "must be whole minutes");
  s.duration = *duration;
  if (auto l = f.object("location")) s.location = readLocation(*l);
  if (auto p = f.object("price")) s.price = readPrice(*p);
  s.capacity = static_cast<int>(f.integer("capacity", 1, 100000).value_or(1));
  if (s.kind == domain::ServiceKind::Appointment && s.capacity != 1)
    f.fail("capacity", "must be 1 for an appointment (one booking per resource at a time)");
  s.resources = readGroups(f, "resources");
  if (s.kind == domain::ServiceKind::Appointment && s.resources.empty())
    f.fail("resources",
           "is required for an appointment: the groups of resources it needs, e.g. [{\"anyOf\": [\"ana\", "
           "\"ben\"]}]");
  if (s.kind != domain::ServiceKind::Appointment && !s.resources.empty())
    f.fail("resources", "belongs to appointments; a class or course names its resources in its schedule");
  if (auto p = f.object("policy")) s.policy = readPolicy(*p);
  if (auto reminders = f.strings("reminders")) {
    out.reminders.emplace();
    for (const std::string& text : *reminders) {
      std::optional<domain::Seconds> d = domain::parseIsoDuration(text);
      if (!d || d->count() <= 0 || *d > std::chrono::days{60})
        f.fail("reminders",
               "lists ISO 8601 durations before the start, such as \"P1D\" or \"PT2H\" (at most "
               "P60D), not \"" +
                   text + "\"");
      out.reminders->push_back(*d);
    }
  }
  if (f.isNull("schedule")) {
    f.value("schedule");
    out.schedule.kind = ScheduleUpdate::Kind::Remove;
  } else if (auto sched = f.object("schedule")) {
    if (s.kind == domain::ServiceKind::Appointment)
      f.fail("schedule", "an appointment has no schedule: its sessions come from bookings");
    out.schedule.kind = ScheduleUpdate::Kind::Set;
    out.schedule.schedule = readSchedule(*sched, s.id);
  }
  f.finish();
  return out;
}

JsonObject policyJson(const domain::BookingPolicy& p) {
  JsonObject o = newObject();
  setDuration(o, "minimumNotice", p.minimumNotice);
  if (p.maximumHorizon)
    setDuration(o, "maximumHorizon", *p.maximumHorizon);
  else
    o->set("maximumHorizon", JsonValue());
  setDuration(o, "cancellationDeadline", p.cancellationDeadline);
  setDuration(o, "rescheduleDeadline", p.rescheduleDeadline);
  o->set("maxParticipantsPerBooking", p.maxParticipantsPerBooking);
  o->set("waitlistCapacity", p.waitlistCapacity);
  o->set("manualApproval", p.manualApproval);
  o->set("lateJoin", p.lateJoin);
  setDuration(o, "bufferBefore", p.bufferBefore);
  setDuration(o, "bufferAfter", p.bufferAfter);
  setDuration(o, "slotGranularity", p.slotGranularity);
  return o;
}

JsonObject serviceJson(const domain::Service& s, const std::optional<domain::Schedule>& schedule) {
  JsonObject o = newObject();
  o->set("id", s.id);
  o->set("kind", std::string(domain::toString(s.kind)));
  o->set("name", s.name);
  o->set("description", s.description);
  if (!s.email.empty()) o->set("email", s.email);
  o->set("timezone", s.timeZone);
  setDuration(o, "duration", s.duration);
  JsonObject location = newObject();
  location->set("kind", std::string(domain::toString(s.location.kind)));
  location->set("text", s.location.text);
  o->set("location", location);
  JsonObject price = newObject();
  price->set("amount", amountText(s.price.amountMinor));
  price->set("currency", s.price.currency);
  o->set("price", price);
  o->set("capacity", s.capacity);
  JsonArray groups = newArray();
  for (const domain::ResourceGroup& g : s.resources) {
    JsonObject group = newObject();
    group->set("anyOf", stringArray(g.anyOf));
    groups->add(group);
  }
  o->set("resources", groups);
  o->set("policy", policyJson(s.policy));
  if (s.kind != domain::ServiceKind::Appointment)
    o->set("schedule", schedule ? JsonValue(scheduleJson(*schedule)) : JsonValue());
  return o;
}

}  // namespace bookdav::server::api
