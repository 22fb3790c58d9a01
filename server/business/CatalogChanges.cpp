#include "server/business/CatalogChanges.h"

namespace bookdav::server::business {
namespace {

std::optional<std::string> zoneProblem(const domain::ZoneRules& zones, const std::string& zone,
                                       const std::string& where) {
  if (zone.empty() || zones.knows(zone)) return std::nullopt;
  return "unknown time zone \"" + zone + "\" " + where + " (use an IANA name such as \"Europe/Madrid\")";
}

}  // namespace

std::string_view toString(Outcome outcome) {
  switch (outcome) {
    case Outcome::Created:
      return "created";
    case Outcome::Updated:
      return "updated";
    case Outcome::Unchanged:
      break;
  }
  return "unchanged";
}

std::optional<std::string> problemWith(const api::ServiceDefinition& d, const domain::ZoneRules& zones) {
  if (auto p = domain::validate(d.service)) return p;
  if (auto p = zoneProblem(zones, d.service.timeZone, "for service " + d.service.id)) return p;
  if (d.schedule.kind == api::ScheduleUpdate::Kind::Set) {
    if (auto p = domain::validate(d.schedule.schedule, d.service))
      return "schedule of " + d.service.id + ": " + *p;
    if (auto p = zoneProblem(zones, d.schedule.schedule.timeZone, "in the schedule of " + d.service.id))
      return p;
  }
  return std::nullopt;
}

std::optional<std::string> problemWith(const domain::Resource& r, const domain::ZoneRules& zones) {
  if (auto p = domain::validate(r)) return p;
  if (auto p = zoneProblem(zones, r.timeZone, "for resource " + r.id)) return p;
  return zoneProblem(zones, r.hours.timeZone, "in the working hours of " + r.id);
}

Outcome putService(domain::BookingEngine& engine, const api::ServiceDefinition& d) {
  return engine.store.writing([&](domain::BookingData& data) { return putService(engine, data, d); });
}

Outcome putResource(domain::BookingEngine& engine, const domain::Resource& r, bool force) {
  return engine.store.writing([&](domain::BookingData& data) { return putResource(engine, data, r, force); });
}

Outcome putService(domain::BookingEngine& engine, domain::BookingData& data,
                   const api::ServiceDefinition& d) {
  // The catalog and the timetable check the service and its schedule (zones, resources, rules).
  const std::string& id = d.service.id;
  const bool existed = data.service(id).has_value();
  bool changed = engine.catalog.putService(data, d.service, d.force);
  if (d.schedule.kind == api::ScheduleUpdate::Kind::Set) {
    std::optional<domain::StoredSchedule> stored = data.schedule(id);
    if (!stored || stored->schedule != d.schedule.schedule) {
      engine.timetable.putSchedule(data, d.schedule.schedule, d.force);
      changed = true;
    }
  } else if (d.schedule.kind == api::ScheduleUpdate::Kind::Remove && data.schedule(id)) {
    engine.timetable.removeSchedule(data, id);
    changed = true;
  }
  if (!existed) return Outcome::Created;
  return changed ? Outcome::Updated : Outcome::Unchanged;
}

Outcome putResource(domain::BookingEngine& engine, domain::BookingData& data, const domain::Resource& r,
                    bool force) {
  const bool existed = data.resource(r.id).has_value();
  const bool changed = engine.catalog.putResource(data, r, force);
  if (!existed) return Outcome::Created;
  return changed ? Outcome::Updated : Outcome::Unchanged;
}

}  // namespace bookdav::server::business
