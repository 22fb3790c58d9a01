// SqlBookingData: class and course schedules.
#include "domain/booking/LocalText.h"
#include "storage/sql/booking/RowCodec.h"
#include "storage/sql/booking/SqlBookingData.h"

namespace bookdav::storage::sql {

using namespace bookdav::domain;

std::optional<StoredSchedule> SqlBookingData::schedule(std::string_view serviceId) {
  StoredSchedule out;
  Schedule& sch = out.schedule;
  {
    auto s = c_.prepare(
        "SELECT time_zone, duration, capacity, resource_ids, materialised_until FROM booking_schedules"
        " WHERE service_id = ?1");
    s.bind(1, serviceId);
    if (!s.step()) return std::nullopt;
    sch.serviceId = std::string(serviceId);
    sch.timeZone = s.text(0);
    sch.duration = Seconds{s.int64(1)};
    sch.capacity = s.integer(2);
    sch.resourceIds = splitIds(s.text(3));
    out.materialisedUntil = fromUnix(s.int64(4));
  }
  auto s = c_.prepare(
      "SELECT kind, weekdays, start_time, first_date, until_date, count, local_start, new_start, duration,"
      " capacity, resource_ids FROM booking_schedule_parts WHERE service_id = ?1 ORDER BY position");
  s.bind(1, serviceId);
  while (s.step()) {
    std::string kind = s.text(0);
    if (kind == "rule") {
      WeeklyRecurrence r;
      r.days = Weekdays::fromBits(static_cast<std::uint8_t>(s.int64(1)));
      r.startTime = Seconds{s.int64(2)};
      r.firstDate = dateColumn(s.text(3));
      if (!s.isNull(4)) r.until = dateColumn(s.text(4));
      if (!s.isNull(5)) r.count = s.integer(5);
      sch.rules.push_back(r);
    } else if (kind == "date") {
      sch.dates.push_back(localColumn(s.text(6)));
    } else if (kind == "exclude") {
      sch.excluded.push_back(localColumn(s.text(6)));
    } else if (kind == "override") {
      SessionOverride o;
      o.origin = localColumn(s.text(6));
      if (!s.isNull(7)) o.start = localColumn(s.text(7));
      if (!s.isNull(8)) o.duration = Seconds{s.int64(8)};
      if (!s.isNull(9)) o.capacity = s.integer(9);
      if (!s.isNull(10)) o.resourceIds = splitIds(s.text(10));
      sch.overrides.push_back(o);
    }
  }
  return out;
}

void SqlBookingData::putSchedule(const Schedule& sch, Instant materialisedUntil) {
  c_.prepare(
        "INSERT INTO booking_schedules (service_id, time_zone, duration, capacity, resource_ids, "
        "materialised_until)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (service_id) DO UPDATE SET time_zone = "
        "excluded.time_zone,"
        " duration = excluded.duration, capacity = excluded.capacity, resource_ids = excluded.resource_ids,"
        " materialised_until = excluded.materialised_until")
      .bindAll(sch.serviceId, sch.timeZone, std::int64_t{sch.duration.count()}, sch.capacity,
               joinIds(sch.resourceIds), toUnix(materialisedUntil))
      .run();
  c_.prepare("DELETE FROM booking_schedule_parts WHERE service_id = ?1").bind(1, sch.serviceId).run();
  int position = 0;
  auto insert = [&](std::string_view kind) {
    auto s = c_.prepare(
        "INSERT INTO booking_schedule_parts (service_id, position, kind, weekdays, start_time, first_date,"
        " until_date, count, local_start, new_start, duration, capacity, resource_ids)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    s.bindAll(sch.serviceId, position++, kind);
    for (int i = 4; i <= 13; ++i) s.bind(i, nullptr);
    return s;
  };
  for (const WeeklyRecurrence& r : sch.rules) {
    auto s = insert("rule");
    s.bind(4, static_cast<int>(r.days.bits()))
        .bind(5, std::int64_t{r.startTime.count()})
        .bind(6, formatDate(r.firstDate));
    if (r.until) s.bind(7, formatDate(*r.until));
    if (r.count) s.bind(8, *r.count);
    s.run();
  }
  for (const LocalDateTime& d : sch.dates) insert("date").bind(9, formatLocal(d)).run();
  for (const LocalDateTime& d : sch.excluded) insert("exclude").bind(9, formatLocal(d)).run();
  for (const SessionOverride& o : sch.overrides) {
    auto s = insert("override");
    s.bind(9, formatLocal(o.origin));
    if (o.start) s.bind(10, formatLocal(*o.start));
    if (o.duration) s.bind(11, std::int64_t{o.duration->count()});
    if (o.capacity) s.bind(12, *o.capacity);
    if (o.resourceIds) s.bind(13, joinIds(*o.resourceIds));
    s.run();
  }
}

void SqlBookingData::deleteSchedule(std::string_view serviceId) {
  c_.prepare("DELETE FROM booking_schedules WHERE service_id = ?1").bind(1, serviceId).run();
}

}  // namespace bookdav::storage::sql
