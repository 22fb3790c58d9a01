// SqlBookingStore::consistencyProblems: checks, straight on the tables, the invariants the booking
// engine must never break.
#include <string>

#include "domain/booking/Admission.h"
#include "storage/sql/booking/SqlBookingData.h"
#include "storage/sql/booking/SqlBookingStore.h"

namespace bookdav::storage::sql {

using namespace bookdav::domain;

std::vector<std::string> SqlBookingStore::consistencyProblems() {
  return db_.read([](Connection& c) {
    std::vector<std::string> problems;
    auto report = [&](const std::string& sql, auto describe) {
      auto s = c.prepare(sql);
      while (s.step()) problems.push_back(describe(s));
    };
    report(
        "SELECT s.id, s.capacity, SUM(b.participants) FROM booking_sessions s"
        " JOIN booking_booking_sessions bs ON bs.session_id = s.id JOIN booking_bookings b ON b.id = "
        "bs.booking_id"
        " WHERE b.status IN ('CONFIRMED', 'PENDING') AND s.status = 'scheduled'"
        " GROUP BY s.id HAVING SUM(b.participants) > s.capacity",
        [](Statement& s) {
          return "session " + std::to_string(s.int64(0)) + " holds " + std::to_string(s.int64(2)) +
                 " places but has " + std::to_string(s.int64(1));
        });
    report(
        "SELECT DISTINCT s.id, b.id FROM booking_sessions s"
        " JOIN booking_booking_sessions bs ON bs.session_id = s.id JOIN booking_bookings b ON b.id = "
        "bs.booking_id"
        " WHERE s.status = 'canceled' AND s.kind IN ('appointment', 'class')"
        " AND b.status IN ('CONFIRMED', 'PENDING', 'WAITLISTED')",
        [](Statement& s) {
          return "booking " + std::to_string(s.int64(1)) + " is active in canceled session " +
                 std::to_string(s.int64(0));
        });
    report(
        "SELECT a.resource_id, a.session_id, b.session_id FROM booking_session_resources a"
        " JOIN booking_session_resources b ON b.resource_id = a.resource_id AND a.session_id < b.session_id"
        " AND b.busy_start < a.busy_end AND a.busy_start < b.busy_end"
        " JOIN booking_sessions sa ON sa.id = a.session_id JOIN booking_sessions sb ON sb.id = b.session_id"
        " WHERE sa.status = 'scheduled' AND sb.status = 'scheduled' AND sa.kind = 'appointment'"
        " AND sb.kind = 'appointment'",
        [](Statement& s) {
          return "appointments " + std::to_string(s.int64(1)) + " and " + std::to_string(s.int64(2)) +
                 " overlap on resource " + s.text(0);
        });
    report(
        "SELECT r.session_id, r.resource_id FROM booking_session_resources r JOIN booking_sessions s"
        " ON s.id = r.session_id WHERE r.active <> CASE WHEN s.status = 'scheduled' THEN 1 ELSE 0 END OR r.kind <> s.kind"
        " OR r.busy_start <> s.start - s.buffer_before OR r.busy_end <> s.end + s.buffer_after",
        [](Statement& s) {
          return "the busy index of resource " + s.text(1) + " disagrees with session " +
                 std::to_string(s.int64(0));
        });
    report(
        "SELECT b.id FROM booking_bookings b WHERE NOT EXISTS"
        " (SELECT 1 FROM booking_booking_sessions bs WHERE bs.booking_id = b.id)",
        [](Statement& s) { return "booking " + std::to_string(s.int64(0)) + " has no session"; });
    report(
        "SELECT b.id, s.id FROM booking_bookings b JOIN booking_booking_sessions bs ON bs.booking_id = b.id"
        " JOIN booking_sessions s ON s.id = bs.session_id WHERE s.service_id <> b.service_id",
        [](Statement& s) {
          return "booking " + std::to_string(s.int64(0)) + " holds session " + std::to_string(s.int64(1)) +
                 " of another service";
        });
    report(
        "SELECT DISTINCT a.customer, a.id, b.id FROM booking_bookings a JOIN booking_bookings b"
        " ON b.customer = a.customer AND a.id < b.id AND a.customer <> ''"
        " JOIN booking_booking_sessions sa ON sa.booking_id = a.id"
        " JOIN booking_booking_sessions sb ON sb.booking_id = b.id AND sb.session_id = sa.session_id"
        " WHERE a.status IN ('CONFIRMED', 'PENDING', 'WAITLISTED')"
        " AND b.status IN ('CONFIRMED', 'PENDING', 'WAITLISTED')",
        [](Statement& s) {
          return s.text(0) + " holds bookings " + std::to_string(s.int64(1)) + " and " +
                 std::to_string(s.int64(2)) + " of one session";
        });
    report(
        "SELECT s.id, COUNT(*) FROM booking_sessions s JOIN booking_booking_sessions bs ON bs.session_id = "
        "s.id"
        " JOIN booking_bookings b ON b.id = bs.booking_id WHERE s.kind = 'appointment'"
        " AND b.status IN ('CONFIRMED', 'PENDING') GROUP BY s.id HAVING COUNT(*) > 1",
        [](Statement& s) {
          return "appointment session " + std::to_string(s.int64(0)) + " is held by " +
                 std::to_string(s.int64(1)) + " bookings";
        });

    // A waitlist whose head fits in the free places was not promoted.
    std::vector<SessionId> waiting;
    {
      auto s = c.prepare(
          "SELECT DISTINCT bs.session_id FROM booking_booking_sessions bs JOIN booking_bookings b"
          " ON b.id = bs.booking_id JOIN booking_sessions s ON s.id = bs.session_id"
          " WHERE b.status = 'WAITLISTED' AND s.status = 'scheduled'");
      while (s.step()) waiting.push_back(s.int64(0));
    }
    SqlBookingData data(c);
    for (SessionId id : waiting) {
      std::vector<Booking> line = data.bookingsOfSession(id, BookingStatus::Waitlisted);
      std::vector<Session> sessions;
      for (SessionId sid : line.front().sessionIds)
        if (auto session = data.session(sid); session && session->active()) sessions.push_back(*session);
      if (!sessions.empty() && fitsNow(sessions, line.front().participants))
        problems.push_back("booking " + std::to_string(line.front().id) +
                           " waits although its places are free");
    }
    return problems;
  });
}

}  // namespace bookdav::storage::sql
