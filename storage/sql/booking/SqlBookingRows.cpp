// SqlBookingData: bookings and the sessions they hold.
#include <algorithm>

#include "storage/sql/booking/RowCodec.h"
#include "storage/sql/booking/SqlBookingData.h"

namespace bookdav::storage::sql {

using namespace bookdav::domain;

namespace {

const std::string kBookingColumns =
    "SELECT b.id, b.service_id, b.customer, b.contact_name, b.contact_email, b.contact_phone, b.participants,"
    " b.participant_names, b.status, b.price_minor, b.currency, b.min_notice, b.max_horizon, "
    "b.cancel_deadline,"
    " b.reschedule_deadline, b.created, b.updated, b.queue, b.client_uid, b.client_href, b.note";

std::string statusList(const std::vector<BookingStatus>& statuses) {
  if (statuses.empty()) return "";
  std::string out = ",";
  for (BookingStatus s : statuses) out += std::string(toString(s)) + ",";
  return out;
}

}  // namespace

Booking SqlBookingData::bookingRow(Statement& s) {
  Booking b;
  b.id = s.int64(0);
  b.serviceId = s.text(1);
  b.customer = s.text(2);
  b.contact = Contact{s.text(3), s.text(4), s.text(5)};
  b.participants = s.integer(6);
  b.participantNames = splitNames(s.text(7));
  b.status = parseBookingStatus(s.text(8)).value_or(BookingStatus::Canceled);
  b.price = Price{s.int64(9), s.text(10)};
  b.policy.minimumNotice = Seconds{s.int64(11)};
  if (!s.isNull(12)) b.policy.maximumHorizon = Seconds{s.int64(12)};
  b.policy.cancellationDeadline = Seconds{s.int64(13)};
  b.policy.rescheduleDeadline = Seconds{s.int64(14)};
  b.created = fromUnix(s.int64(15));
  b.updated = fromUnix(s.int64(16));
  b.queue = s.int64(17);
  b.clientUid = s.text(18);
  b.clientHref = s.text(19);
  b.note = s.text(20);

  // Time and resources come from the sessions: the first session's time, every session's resources.
  auto links = c_.prepare(
      "SELECT s.id, s.start, s.end, s.resource_ids, s.status FROM booking_booking_sessions bs"
      " JOIN booking_sessions s ON s.id = bs.session_id WHERE bs.booking_id = ?1 ORDER BY s.start, s.id");
  links.bind(1, b.id);
  while (links.step()) {
    b.sessionIds.push_back(links.int64(0));
    const Interval time{fromUnix(links.int64(1)), fromUnix(links.int64(2))};
    if (b.sessionIds.size() == 1) b.time = time;
    if (links.text(4) == toString(SessionStatus::Scheduled)) b.sessionTimes.push_back(time);
    for (std::string& r : splitIds(links.text(3)))
      if (std::find(b.resourceIds.begin(), b.resourceIds.end(), r) == b.resourceIds.end())
        b.resourceIds.push_back(std::move(r));
  }
  return b;
}

std::vector<Booking> SqlBookingData::bookingList(Statement& rows) {
  std::vector<Booking> out;
  while (rows.step()) out.push_back(bookingRow(rows));
  return out;
}

std::optional<Booking> SqlBookingData::booking(BookingId id) {
  auto s = c_.prepare(kBookingColumns + " FROM booking_bookings b WHERE b.id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return bookingRow(s);
}

std::vector<Booking> SqlBookingData::bookings(const BookingFilter& f) {
  // Only the conditions the filter sets are written, so that SQLite can use the indexes (a
  // "?1 IS NULL OR customer = ?1" condition makes it scan every booking).
  std::string sql = kBookingColumns + " FROM booking_bookings b WHERE 1 = 1";
  if (f.customer) sql += " AND b.customer = ?1";
  if (f.serviceId) sql += " AND b.service_id = ?2";
  if (f.resourceId)
    sql +=
        " AND EXISTS (SELECT 1 FROM booking_booking_sessions bs JOIN booking_session_resources r"
        "   ON r.session_id = bs.session_id WHERE bs.booking_id = b.id AND r.resource_id = ?3)";
  if (f.range)
    sql +=
        " AND EXISTS (SELECT 1 FROM booking_booking_sessions bs JOIN booking_sessions s"
        "   ON s.id = bs.session_id WHERE bs.booking_id = b.id AND s.start < ?5 AND s.end > ?4)";
  if (!f.statuses.empty()) sql += " AND ?6 LIKE '%,' || b.status || ',%'";
  sql +=
      " ORDER BY (SELECT MIN(s.start) FROM booking_booking_sessions bs JOIN booking_sessions s"
      "   ON s.id = bs.session_id WHERE bs.booking_id = b.id), b.id";
  auto s = c_.prepare(sql);
  if (f.customer) s.bind(1, *f.customer);
  if (f.serviceId) s.bind(2, *f.serviceId);
  if (f.resourceId) s.bind(3, *f.resourceId);
  if (f.range) s.bind(4, toUnix(f.range->start)).bind(5, toUnix(f.range->end));
  if (!f.statuses.empty()) s.bind(6, statusList(f.statuses));
  return bookingList(s);
}

std::vector<Booking> SqlBookingData::bookingsOfSession(SessionId id, BookingStatus status) {
  auto s = c_.prepare(kBookingColumns +
                      " FROM booking_booking_sessions bs JOIN booking_bookings b ON b.id = bs.booking_id"
                      " WHERE bs.session_id = ?1 AND b.status = ?2 ORDER BY b.queue, b.id");
  s.bindAll(id, toString(status));
  return bookingList(s);
}

std::optional<Booking> SqlBookingData::bookingByClientHref(std::string_view customer,
                                                           std::string_view serviceId,
                                                           std::string_view href) {
  auto s =
      c_.prepare(kBookingColumns +
                 " FROM booking_bookings b WHERE b.customer = ?1 AND b.client_href = ?2 AND b.service_id = ?3"
                 " ORDER BY b.id DESC LIMIT 1");
  s.bindAll(customer, href, serviceId);
  if (!s.step()) return std::nullopt;
  return bookingRow(s);
}

std::optional<Booking> SqlBookingData::bookingByClientUid(std::string_view customer, std::string_view uid) {
  auto s = c_.prepare(
      kBookingColumns +
      " FROM booking_bookings b WHERE b.customer = ?1 AND b.client_uid = ?2 ORDER BY b.id DESC LIMIT 1");
  s.bindAll(customer, uid);
  if (!s.step()) return std::nullopt;
  return bookingRow(s);
}

void SqlBookingData::linkBookingSessions(const Booking& b) {
  c_.prepare("DELETE FROM booking_booking_sessions WHERE booking_id = ?1").bind(1, b.id).run();
  for (SessionId id : b.sessionIds)
    c_.prepare(
          "INSERT INTO booking_booking_sessions (session_id, booking_id) VALUES (?1, ?2)"
          " ON CONFLICT DO NOTHING")
        .bindAll(id, b.id)
        .run();
}

BookingId SqlBookingData::insertBooking(const Booking& v) {
  auto s = c_.prepare(
      "INSERT INTO booking_bookings (service_id, customer, contact_name, contact_email, contact_phone,"
      " participants, participant_names, status, price_minor, currency, min_notice, max_horizon, "
      "cancel_deadline,"
      " reschedule_deadline, created, updated, queue, client_uid, client_href, note)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)"
      " RETURNING id");
  s.bindAll(v.serviceId, v.customer, v.contact.name, v.contact.email, v.contact.phone, v.participants,
            joinNames(v.participantNames), toString(v.status), v.price.amountMinor, v.price.currency,
            std::int64_t{v.policy.minimumNotice.count()}, secondsOrNull(v.policy.maximumHorizon),
            std::int64_t{v.policy.cancellationDeadline.count()},
            std::int64_t{v.policy.rescheduleDeadline.count()}, toUnix(v.created), toUnix(v.updated), v.queue,
            v.clientUid, v.clientHref, v.note);
  s.step();
  Booking stored = v;
  stored.id = s.int64(0);
  linkBookingSessions(stored);
  return stored.id;
}

void SqlBookingData::updateBooking(const Booking& v) {
  c_.prepare(
        "UPDATE booking_bookings SET service_id = ?2, customer = ?3, contact_name = ?4, contact_email = ?5,"
        " contact_phone = ?6, participants = ?7, participant_names = ?8, status = ?9, price_minor = ?10,"
        " currency = ?11, min_notice = ?12, max_horizon = ?13, cancel_deadline = ?14, reschedule_deadline = "
        "?15,"
        " updated = ?16, queue = ?17, client_uid = ?18, client_href = ?19, note = ?20 WHERE id = ?1")
      .bindAll(v.id, v.serviceId, v.customer, v.contact.name, v.contact.email, v.contact.phone,
               v.participants, joinNames(v.participantNames), toString(v.status), v.price.amountMinor,
               v.price.currency, std::int64_t{v.policy.minimumNotice.count()},
               secondsOrNull(v.policy.maximumHorizon), std::int64_t{v.policy.cancellationDeadline.count()},
               std::int64_t{v.policy.rescheduleDeadline.count()}, toUnix(v.updated), v.queue, v.clientUid,
               v.clientHref, v.note)
      .run();
  linkBookingSessions(v);
}

std::int64_t SqlBookingData::nextQueueNumber() {
  auto s = c_.prepare("SELECT COALESCE(MAX(queue), 0) + 1 FROM booking_bookings");
  s.step();
  return s.int64(0);
}

}  // namespace bookdav::storage::sql
