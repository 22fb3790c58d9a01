#include "domain/booking/Catalog.h"

#include <algorithm>

#include "domain/booking/ChangeScopes.h"
#include "domain/booking/Conflicts.h"
#include "domain/booking/Required.h"
#include "domain/booking/SessionSync.h"

namespace bookdav::domain {
namespace {

// How far back the computed calendars show sessions (caldav/booking/ComputedMembers: 90 days).
constexpr Seconds kEventsShownPast{90 * 24 * 3600};

std::string serviceItem(std::string_view id) {
  return "service:" + std::string(id);
}
std::string resourceItem(std::string_view id) {
  return "resource:" + std::string(id);
}

bool named(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

std::vector<Service> Catalog::services() {
  return store_.reading([](BookingData& data) { return data.services(); });
}

std::optional<Service> Catalog::service(std::string_view id) {
  return store_.reading([&](BookingData& data) { return data.service(id); });
}

bool Catalog::putService(const Service& service, bool force) {
  return store_.writing([&](BookingData& data) { return putService(data, service, force); });
}

bool Catalog::putService(BookingData& data, const Service& service, bool force) {
  if (auto problem = validate(service)) invalidRequest(*problem);
  if (!zones_.knows(service.timeZone))
    invalidRequest("unknown time zone \"" + service.timeZone + "\" for " + service.id);
  const Instant now = clock_.now();
  std::optional<Service> old = data.service(service.id);
  if (old && *old == service) return false;
  for (const std::string& id : service.resourceIds())
    if (!data.resource(id))
      invalidRequest("service " + service.id + " needs resource " + id + ", which does not exist");
  if (old && old->kind != service.kind && !data.sessionsOfService(service.id, kAllTime).empty())
    invalidRequest("service " + service.id + " has sessions; it cannot change from " +
                   std::string(toString(old->kind)) + " to " + std::string(toString(service.kind)));
  data.putService(service);
  recordCatalogChange(data, serviceItem(service.id));
  // The calendars showing its bookings and sessions move with the new text (README, "Open windows").
  if (old && changesEventText(*old, service))
    recordServiceEventsChanged(data, service.id, now - kEventsShownPast);
  if (service.kind != ServiceKind::Appointment) {
    if (std::optional<StoredSchedule> stored = data.schedule(service.id)) {
      LocalDays days(zones_);
      applySchedule(data, service, stored->schedule, days, now, force ? Overlaps::Force : Overlaps::Refuse);
    }
  }
  return true;
}

void Catalog::removeService(std::string_view id) {
  const Instant now = clock_.now();
  store_.write([&](BookingData& data) {
    std::optional<Service> service = data.service(id);
    if (!service) throw Refused(Refusal::NotFound, "there is no service " + std::string(id));
    BookingFilter future;
    future.serviceId = std::string(id);
    future.range = Interval{now, kAllTime.end};
    future.statuses = {BookingStatus::Confirmed, BookingStatus::Pending, BookingStatus::Waitlisted};
    if (!data.bookings(future).empty())
      invalidRequest("service " + service->name + " still has bookings to come; cancel them first");
    for (Session& s : data.sessionsOfService(id, kAllTime)) {
      if (!data.sessionHasBookings(s.id)) {
        data.deleteSession(s.id);
        recordSessionChange(data, s, true);
      } else if (s.active() && s.time.start > now) {  // only canceled bookings: it no longer takes place
        s.status = SessionStatus::Canceled;
        s.updated = now;
        data.updateSession(s);
        recordSessionChange(data, s);
      }  // past sessions stay with the bookings that held them
    }
    data.deleteSchedule(id);
    data.deleteService(id);
    recordCatalogChange(data, serviceItem(id), true);
  });
}

std::vector<Resource> Catalog::resources() {
  return store_.reading([](BookingData& data) { return data.resources(); });
}

std::optional<Resource> Catalog::resource(std::string_view id) {
  return store_.reading([&](BookingData& data) { return data.resource(id); });
}

std::vector<Resource> Catalog::resourcesOf(std::string_view userName) {
  std::vector<Resource> all = resources();
  std::erase_if(all, [&](const Resource& r) { return r.userName.empty() || r.userName != userName; });
  return all;
}

Actor Catalog::actor(const std::string& user, Role role) {
  Actor a{user, role, {}};
  if (role == Role::Staff)
    for (const Resource& r : resourcesOf(user)) a.resources.push_back(r.id);
  return a;
}

void Catalog::check(const Resource& resource) const {
  if (auto problem = validate(resource)) invalidRequest(*problem);
  if (!zones_.knows(resource.timeZone))
    invalidRequest("unknown time zone \"" + resource.timeZone + "\" for " + resource.id);
  if (!resource.hours.timeZone.empty() && !zones_.knows(resource.hours.timeZone))
    invalidRequest("unknown time zone \"" + resource.hours.timeZone + "\" in the working hours of " +
                   resource.id);
}

bool Catalog::putResource(const Resource& resource, bool force) {
  return store_.writing([&](BookingData& data) { return putResource(data, resource, force); });
}

bool Catalog::putResource(BookingData& data, const Resource& resource, bool force) {
  check(resource);
  std::optional<Resource> old = data.resource(resource.id);
  if (old && *old == resource) return false;
  const Instant now = clock_.now();
  LocalDays days(zones_);
  const bool newHours = old && (old->hours != resource.hours || old->hoursZone() != resource.hoursZone());
  if (newHours) {
    Resource before = *old;
    before.hours.timeZone = old->hoursZone();  // the new resource's zone must not reread the old hours
    WorkingHours next = resource.hours;
    next.timeZone = resource.hoursZone();
    settleConflicts(data, bookingsClosedBy(data, before, next, days, now), force, InTheWay::Closed,
                    "the new working hours of " + resource.id, zones_, now);
  }
  data.putResource(resource);
  recordCatalogChange(data, resourceItem(resource.id));
  if (old && changesEventText(*old, resource))
    recordResourceEventsChanged(data, resource.id, now - kEventsShownPast);
  if (newHours) applyClosures(data, std::vector<std::string>{resource.id}, days, now);
  return true;
}

void Catalog::removeResource(std::string_view id) {
  const Instant now = clock_.now();
  store_.write([&](BookingData& data) {
    if (!data.resource(id)) throw Refused(Refusal::NotFound, "there is no resource " + std::string(id));
    for (const Service& s : data.services()) {
      if (named(s.resourceIds(), id))
        invalidRequest("service " + s.id + " needs resource " + std::string(id));
      if (std::optional<StoredSchedule> stored = data.schedule(s.id)) {
        bool inSchedule = named(stored->schedule.resourceIds, id);
        for (const SessionOverride& o : stored->schedule.overrides)
          inSchedule = inSchedule || (o.resourceIds && named(*o.resourceIds, id));
        if (inSchedule) invalidRequest("the schedule of " + s.id + " uses resource " + std::string(id));
      }
    }
    for (const Session& s : data.sessionsOnResource(id, Interval{now, kAllTime.end}))
      if (s.active()) invalidRequest("resource " + std::string(id) + " has sessions to come");
    data.deleteResource(id);
    recordCatalogChange(data, resourceItem(id), true);
  });
}

std::optional<WorkingHours> Catalog::workingHours(std::string_view resourceId) {
  std::optional<Resource> r = resource(resourceId);
  if (!r) return std::nullopt;
  return r->hours;
}

bool Catalog::setWorkingHours(std::string_view resourceId, const WorkingHours& hours, bool force) {
  return store_.writing([&](BookingData& data) {
    std::optional<Resource> r = data.resource(resourceId);
    if (!r) throw Refused(Refusal::NotFound, "there is no resource " + std::string(resourceId));
    if (r->hours == hours) return false;
    r->hours = hours;
    return putResource(data, *r, force);
  });
}

}  // namespace bookdav::domain
