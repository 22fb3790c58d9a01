// SqlBookingData: services, resources and working hours.
#include "domain/booking/LocalText.h"
#include "storage/sql/SqlChangeLog.h"
#include "storage/sql/booking/RowCodec.h"
#include "storage/sql/booking/SqlBookingData.h"

namespace bookdav::storage::sql {

using namespace bookdav::domain;

namespace {

constexpr std::string_view kServiceColumns =
    "SELECT id, kind, name, description, time_zone, duration, location_kind, location, price_minor, currency,"
    " capacity, resource_groups, min_notice, max_horizon, cancel_deadline, reschedule_deadline, "
    "max_participants,"
    " waitlist_capacity, manual_approval, late_join, buffer_before, buffer_after, granularity, email FROM "
    "booking_services";

Service serviceRow(Statement& s) {
  Service out;
  out.id = s.text(0);
  out.kind = parseServiceKind(s.text(1)).value_or(ServiceKind::Appointment);
  out.name = s.text(2);
  out.description = s.text(3);
  out.timeZone = s.text(4);
  out.duration = Seconds{s.int64(5)};
  out.location.kind = parseLocationKind(s.text(6)).value_or(Location::Kind::None);
  out.location.text = s.text(7);
  out.price = Price{s.int64(8), s.text(9)};
  out.capacity = s.integer(10);
  out.resources = splitGroups(s.text(11));
  BookingPolicy& p = out.policy;
  p.minimumNotice = Seconds{s.int64(12)};
  if (!s.isNull(13)) p.maximumHorizon = Seconds{s.int64(13)};
  p.cancellationDeadline = Seconds{s.int64(14)};
  p.rescheduleDeadline = Seconds{s.int64(15)};
  p.maxParticipantsPerBooking = s.integer(16);
  p.waitlistCapacity = s.integer(17);
  p.manualApproval = s.int64(18) != 0;
  p.lateJoin = s.int64(19) != 0;
  p.bufferBefore = Seconds{s.int64(20)};
  p.bufferAfter = Seconds{s.int64(21)};
  p.slotGranularity = Seconds{s.int64(22)};
  out.email = s.text(23);
  return out;
}

std::optional<std::string> dateOrNull(const std::optional<std::chrono::year_month_day>& d) {
  if (!d) return std::nullopt;
  return formatDate(*d);
}

}  // namespace

std::vector<Service> SqlBookingData::services() {
  auto s = c_.prepare(std::string(kServiceColumns) + " ORDER BY id");
  std::vector<Service> out;
  while (s.step()) out.push_back(serviceRow(s));
  return out;
}

std::optional<Service> SqlBookingData::service(std::string_view id) {
  auto s = c_.prepare(std::string(kServiceColumns) + " WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return serviceRow(s);
}

void SqlBookingData::putService(const Service& v) {
  const BookingPolicy& p = v.policy;
  c_.prepare(
        "INSERT INTO booking_services (id, kind, name, description, time_zone, duration, "
        "location_kind,"
        " location, price_minor, currency, capacity, resource_groups, min_notice, max_horizon, "
        "cancel_deadline,"
        " reschedule_deadline, max_participants, waitlist_capacity, manual_approval, late_join, "
        "buffer_before,"
        " buffer_after, granularity, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
        "?15, ?16,"
        " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"
        " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind,"
        " name = excluded.name,"
        " description = excluded.description,"
        " time_zone = excluded.time_zone,"
        " duration = excluded.duration,"
        " location_kind = excluded.location_kind,"
        " location = excluded.location,"
        " price_minor = excluded.price_minor,"
        " currency = excluded.currency,"
        " capacity = excluded.capacity,"
        " resource_groups = excluded.resource_groups,"
        " min_notice = excluded.min_notice,"
        " max_horizon = excluded.max_horizon,"
        " cancel_deadline = excluded.cancel_deadline,"
        " reschedule_deadline = excluded.reschedule_deadline,"
        " max_participants = excluded.max_participants,"
        " waitlist_capacity = excluded.waitlist_capacity,"
        " manual_approval = excluded.manual_approval,"
        " late_join = excluded.late_join,"
        " buffer_before = excluded.buffer_before,"
        " buffer_after = excluded.buffer_after,"
        " granularity = excluded.granularity,"
        " email = excluded.email")
      .bindAll(v.id, toString(v.kind), v.name, v.description, v.timeZone, std::int64_t{v.duration.count()},
               toString(v.location.kind), v.location.text, v.price.amountMinor, v.price.currency, v.capacity,
               joinGroups(v.resources), std::int64_t{p.minimumNotice.count()},
               secondsOrNull(p.maximumHorizon), std::int64_t{p.cancellationDeadline.count()},
               std::int64_t{p.rescheduleDeadline.count()}, p.maxParticipantsPerBooking, p.waitlistCapacity,
               p.manualApproval, p.lateJoin, std::int64_t{p.bufferBefore.count()},
               std::int64_t{p.bufferAfter.count()}, std::int64_t{p.slotGranularity.count()}, v.email)
      .run();
}

void SqlBookingData::deleteService(std::string_view id) {
  c_.prepare("DELETE FROM booking_services WHERE id = ?1").bind(1, id).run();
}

WorkingHours SqlBookingData::hoursOf(std::string_view resourceId) {
  WorkingHours h;
  auto s = c_.prepare(
      "SELECT kind, weekdays, start_time, end_time, date_from, date_until, local_start, local_end, note"
      " FROM booking_hours WHERE resource_id = ?1 ORDER BY position");
  s.bind(1, resourceId);
  while (s.step()) {
    std::string kind = s.text(0);
    if (kind == "weekly") {
      WeeklyHours w;
      w.days = Weekdays::fromBits(static_cast<std::uint8_t>(s.int64(1)));
      w.start = Seconds{s.int64(2)};
      w.end = Seconds{s.int64(3)};
      if (!s.isNull(4)) w.from = dateColumn(s.text(4));
      if (!s.isNull(5)) w.until = dateColumn(s.text(5));
      h.weekly.push_back(w);
    } else if (kind == "extra") {
      h.extra.push_back(ExtraHours{dateColumn(s.text(4)), Seconds{s.int64(2)}, Seconds{s.int64(3)}});
    } else if (kind == "closed") {
      h.closed.push_back(Closure{localColumn(s.text(6)), localColumn(s.text(7)), s.text(8)});
    }
  }
  return h;
}

std::vector<Resource> SqlBookingData::resources() {
  std::vector<std::string> ids;
  {
    auto s = c_.prepare("SELECT id FROM booking_resources ORDER BY id");
    while (s.step()) ids.push_back(s.text(0));
  }
  return resources(ids);
}

std::optional<Resource> SqlBookingData::resource(std::string_view id) {
  Resource r;
  {
    auto s = c_.prepare(
        "SELECT kind, name, time_zone, user_name, hours_zone, email FROM booking_resources WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    r.id = std::string(id);
    r.kind = parseResourceKind(s.text(0)).value_or(ResourceKind::Staff);
    r.name = s.text(1);
    r.timeZone = s.text(2);
    r.userName = s.text(3);
    r.hours.timeZone = s.text(4);
    r.email = s.text(5);
  }
  std::string zone = std::move(r.hours.timeZone);
  r.hours = hoursOf(id);
  r.hours.timeZone = std::move(zone);
  return r;
}

std::vector<Resource> SqlBookingData::resources(std::span<const std::string> ids) {
  std::vector<Resource> out;
  for (const std::string& id : ids)
    if (auto r = resource(id)) out.push_back(std::move(*r));
  return out;
}

void SqlBookingData::putResource(const Resource& r) {
  c_.prepare(
        "INSERT INTO booking_resources (id, kind, name, time_zone, user_name, hours_zone, email)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind,"
        " name = excluded.name, time_zone = excluded.time_zone, user_name = excluded.user_name,"
        " hours_zone = excluded.hours_zone, email = excluded.email")
      .bindAll(r.id, toString(r.kind), r.name, r.timeZone, r.userName, r.hours.timeZone, r.email)
      .run();
  c_.prepare("DELETE FROM booking_hours WHERE resource_id = ?1").bind(1, r.id).run();
  int position = 0;
  auto insert = [&](std::string_view kind) {
    auto s = c_.prepare(
        "INSERT INTO booking_hours (resource_id, position, kind, weekdays, start_time, end_time, date_from,"
        " date_until, local_start, local_end, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    s.bindAll(r.id, position++, kind);
    return s;
  };
  for (const WeeklyHours& w : r.hours.weekly) {
    auto s = insert("weekly");
    s.bind(4, static_cast<int>(w.days.bits()))
        .bind(5, std::int64_t{w.start.count()})
        .bind(6, std::int64_t{w.end.count()});
    s.bind(7, dateOrNull(w.from))
        .bind(8, dateOrNull(w.until))
        .bind(9, nullptr)
        .bind(10, nullptr)
        .bind(11, nullptr);
    s.run();
  }
  for (const ExtraHours& e : r.hours.extra) {
    auto s = insert("extra");
    s.bind(4, nullptr).bind(5, std::int64_t{e.start.count()}).bind(6, std::int64_t{e.end.count()});
    s.bind(7, formatDate(e.date)).bind(8, nullptr).bind(9, nullptr).bind(10, nullptr).bind(11, nullptr);
    s.run();
  }
  for (const Closure& c : r.hours.closed) {
    auto s = insert("closed");
    s.bind(4, nullptr).bind(5, nullptr).bind(6, nullptr).bind(7, nullptr).bind(8, nullptr);
    s.bind(9, formatLocal(c.start)).bind(10, formatLocal(c.end)).bind(11, c.note);
    s.run();
  }
}

void SqlBookingData::deleteResource(std::string_view id) {
  c_.prepare("DELETE FROM booking_resources WHERE id = ?1").bind(1, id).run();
}

void SqlBookingData::recordChange(std::string_view scope, std::string_view item, bool deleted) {
  sql::recordChange(c_, scope, item, deleted);
}

}  // namespace bookdav::storage::sql
