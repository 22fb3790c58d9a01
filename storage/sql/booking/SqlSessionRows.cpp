// SqlBookingData: sessions, the resources they occupy and their occupancy.
#include <algorithm>
#include <chrono>

#include "storage/sql/booking/RowCodec.h"
#include "storage/sql/booking/SqlBookingData.h"

namespace bookdav::storage::sql {

using namespace bookdav::domain;

namespace {

const std::string kSessionColumns =
    "s.id, s.service_id, s.kind, s.status, s.start, s.end, s.resource_ids, s.capacity, s.locked, s.lock_note,"
    " s.title, s.origin, s.buffer_before, s.buffer_after, s.created, s.updated";
// Places held (CONFIRMED, PENDING) and waiting (WAITLISTED), as columns 16 and 17.
const std::string kOccupancyColumns =
    ", (SELECT COALESCE(SUM(b.participants), 0) FROM booking_booking_sessions bs JOIN booking_bookings b"
    " ON b.id = bs.booking_id WHERE bs.session_id = s.id AND b.status IN ('CONFIRMED', 'PENDING')),"
    " (SELECT COALESCE(SUM(b.participants), 0) FROM booking_booking_sessions bs JOIN booking_bookings b"
    " ON b.id = bs.booking_id WHERE bs.session_id = s.id AND b.status = 'WAITLISTED')";
const std::string kSelectWithOccupancy = "SELECT " + kSessionColumns + kOccupancyColumns;

}  // namespace

Session SqlBookingData::sessionRow(Statement& s, bool withOccupancy) {
  Session out;
  out.id = s.int64(0);
  out.serviceId = s.text(1);
  out.kind = parseSessionKind(s.text(2)).value_or(SessionKind::Class);
  out.status = parseSessionStatus(s.text(3)).value_or(SessionStatus::Canceled);
  out.time = Interval{fromUnix(s.int64(4)), fromUnix(s.int64(5))};
  out.resourceIds = splitIds(s.text(6));
  out.capacity = s.integer(7);
  out.locked = s.int64(8) != 0;
  out.lockNote = s.text(9);
  out.title = s.text(10);
  out.origin = s.optionalText(11);
  out.bufferBefore = Seconds{s.int64(12)};
  out.bufferAfter = Seconds{s.int64(13)};
  out.created = fromUnix(s.int64(14));
  out.updated = fromUnix(s.int64(15));
  if (withOccupancy) {
    out.taken = s.integer(16);
    out.waitlisted = s.integer(17);
  }
  return out;
}

std::vector<Session> SqlBookingData::sessionList(Statement& rows, bool withOccupancy) {
  std::vector<Session> out;
  out.reserve(64);
  while (rows.step()) out.push_back(sessionRow(rows, withOccupancy));
  return out;
}

std::optional<Session> SqlBookingData::session(SessionId id) {
  auto s = c_.prepare(kSelectWithOccupancy + " FROM booking_sessions s WHERE s.id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return sessionRow(s, true);
}

std::vector<Session> SqlBookingData::sessionsOfService(std::string_view serviceId, Interval range) {
  auto s = c_.prepare(kSelectWithOccupancy +
                      " FROM booking_sessions s WHERE s.service_id = ?1 AND s.start < ?3 AND s.end > ?2"
                      " ORDER BY s.start, s.id");
  s.bindAll(serviceId, toUnix(range.start), toUnix(range.end));
  return sessionList(s, true);
}

std::vector<Session> SqlBookingData::sessionsStartingAt(std::string_view serviceId, Instant start) {
  auto s = c_.prepare(
      kSelectWithOccupancy +
      " FROM booking_sessions s WHERE s.service_id = ?1 AND s.start = ?2 AND s.status = 'scheduled'"
      " ORDER BY s.id");
  s.bindAll(serviceId, toUnix(start));
  return sessionList(s, true);
}

std::vector<BusyTime> SqlBookingData::busyTimes(std::span<const std::string> resourceIds, Interval range) {
  std::vector<BusyTime> out;
  out.reserve(256);
  for (const std::string& id : resourceIds) {
    auto s = c_.prepare(
        "SELECT session_id, kind, busy_start, busy_end FROM booking_session_resources"
        " WHERE resource_id = ?1 AND active = 1 AND busy_end > ?2 AND busy_start < ?3");
    s.bindAll(id, toUnix(range.start), toUnix(range.end));
    while (s.step()) {
      BusyTime& busy = out.emplace_back();
      busy.sessionId = s.int64(0);
      busy.kind = parseSessionKind(s.text(1)).value_or(SessionKind::Class);
      busy.resourceId = id;
      busy.occupied = Interval{fromUnix(s.int64(2)), fromUnix(s.int64(3))};
    }
  }
  return out;
}

std::vector<Session> SqlBookingData::sessionsOnResource(std::string_view resourceId, Interval range) {
  auto s =
      c_.prepare(kSelectWithOccupancy +
                 " FROM booking_session_resources r JOIN booking_sessions s ON s.id = r.session_id"
                 " WHERE r.resource_id = ?1 AND r.active IN (0, 1) AND r.busy_end > ?2 AND r.busy_start < ?3"
                 " AND s.start < ?3 AND s.end > ?2 ORDER BY s.start, s.id");
  s.bindAll(resourceId, toUnix(range.start), toUnix(range.end));
  return sessionList(s, true);
}

void SqlBookingData::linkSessionResources(const Session& session) {
  c_.prepare("DELETE FROM booking_session_resources WHERE session_id = ?1").bind(1, session.id).run();
  const Interval occupied = session.occupied();
  for (const std::string& r : session.resourceIds) {
    c_.prepare(
          "INSERT INTO booking_session_resources (resource_id, session_id, kind, active, busy_start, busy_end)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
        .bindAll(r, session.id, toString(session.kind), session.active(), toUnix(occupied.start),
                 toUnix(occupied.end))
        .run();
  }
}

SessionId SqlBookingData::insertSession(const Session& v) {
  auto s = c_.prepare(
      "INSERT INTO booking_sessions (service_id, kind, status, start, \"end\", resource_ids, capacity, locked,"
      " lock_note, title, origin, buffer_before, buffer_after, created, updated)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id");
  s.bindAll(v.serviceId, toString(v.kind), toString(v.status), toUnix(v.time.start), toUnix(v.time.end),
            joinIds(v.resourceIds), v.capacity, v.locked, v.lockNote, v.title, v.origin,
            std::int64_t{v.bufferBefore.count()}, std::int64_t{v.bufferAfter.count()}, toUnix(v.created),
            toUnix(v.updated));
  s.step();
  Session stored = v;
  stored.id = s.int64(0);
  linkSessionResources(stored);
  return stored.id;
}

void SqlBookingData::updateSession(const Session& v) {
  c_.prepare(
        "UPDATE booking_sessions SET service_id = ?2, kind = ?3, status = ?4, start = ?5, \"end\" = ?6,"
        " resource_ids = ?7, capacity = ?8, locked = ?9, lock_note = ?10, title = ?11, origin = ?12,"
        " buffer_before = ?13, buffer_after = ?14, updated = ?15 WHERE id = ?1")
      .bindAll(v.id, v.serviceId, toString(v.kind), toString(v.status), toUnix(v.time.start),
               toUnix(v.time.end), joinIds(v.resourceIds), v.capacity, v.locked, v.lockNote, v.title,
               v.origin, std::int64_t{v.bufferBefore.count()}, std::int64_t{v.bufferAfter.count()},
               toUnix(v.updated))
      .run();
  linkSessionResources(v);
}

void SqlBookingData::deleteSession(SessionId id) {
  c_.prepare("DELETE FROM booking_sessions WHERE id = ?1").bind(1, id).run();
}

bool SqlBookingData::sessionHasBookings(SessionId id) {
  auto s = c_.prepare("SELECT 1 FROM booking_booking_sessions WHERE session_id = ?1 LIMIT 1");
  s.bind(1, id);
  return s.step();
}

}  // namespace bookdav::storage::sql
