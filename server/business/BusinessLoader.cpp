#include "server/business/BusinessLoader.h"

#include <algorithm>
#include <set>

namespace bookdav::server::business {

int LoadReport::count(Outcome outcome) const {
  return static_cast<int>(
      std::count_if(items.begin(), items.end(), [&](const Item& i) { return i.outcome == outcome; }));
}

std::string LoadReport::summary() const {
  return std::to_string(items.size()) + " items: " + std::to_string(count(Outcome::Created)) + " created, " +
         std::to_string(count(Outcome::Updated)) + " updated, " + std::to_string(count(Outcome::Unchanged)) +
         " unchanged";
}

LoadReport loadBusiness(domain::BookingEngine& engine, const domain::ZoneRules& zones,
                        const BusinessFile& b) {
  std::set<std::string> known;
  for (const domain::Resource& r : b.resources) known.insert(r.id);
  // One transaction: a file that the catalog refuses half-way (a service that may not change its
  // kind, a schedule naming a missing room) leaves the business exactly as it was.
  return engine.store.writing([&](domain::BookingData& data) {
    auto require = [&](const std::string& id, const std::string& who) {
      if (!known.count(id) && !data.resource(id))
        throw domain::Refused(domain::Refusal::InvalidRequest,
                              who + " names resource " + id + ", which neither the file nor the catalog has");
    };
    for (const api::ServiceDefinition& d : b.services) {
      for (const std::string& id : d.service.resourceIds()) require(id, "service " + d.service.id);
      if (d.schedule.kind == api::ScheduleUpdate::Kind::Set)
        for (const std::string& id : d.schedule.schedule.resourceIds)
          require(id, "the schedule of " + d.service.id);
    }
    LoadReport report;
    for (const domain::Resource& r : b.resources)
      report.items.push_back({"resource " + r.id, putResource(engine, data, zones, r)});
    for (const api::ServiceDefinition& d : b.services)
      report.items.push_back({"service " + d.service.id, putService(engine, data, zones, d)});
    return report;
  });
}

}  // namespace bookdav::server::business
