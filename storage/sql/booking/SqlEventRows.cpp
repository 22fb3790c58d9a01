// SqlBookingData: the booking events (the booking domain's outbox) and their consumers' positions.
#include "storage/sql/booking/SqlBookingData.h"

namespace bookdav::storage::sql {

using namespace bookdav::domain;

void SqlBookingData::appendEvent(const BookingEvent& e) {
  std::optional<std::int64_t> previousStart, previousEnd;
  if (e.previousTime) {
    previousStart = toUnix(e.previousTime->start);
    previousEnd = toUnix(e.previousTime->end);
  }
  c_.prepare(
        "INSERT INTO booking_events (booking_id, kind, status, party, reason, at, previous_start, previous_end)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bindAll(e.bookingId, toString(e.kind), toString(e.status), toString(e.by), e.reason, toUnix(e.at),
               previousStart, previousEnd)
      .run();
}

std::vector<BookingEvent> SqlBookingData::eventsAfter(std::int64_t after, std::size_t limit) {
  auto s = c_.prepare(
      "SELECT seq, booking_id, kind, status, party, reason, at, previous_start, previous_end"
      " FROM booking_events WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  s.bindAll(after, static_cast<std::int64_t>(limit));
  std::vector<BookingEvent> out;
  while (s.step()) {
    BookingEvent e;
    e.seq = s.int64(0);
    e.bookingId = s.int64(1);
    e.kind = parseBookingEventKind(s.text(2)).value_or(BookingEventKind::SessionChanged);
    e.status = parseBookingStatus(s.text(3)).value_or(BookingStatus::Canceled);
    e.by = parseParty(s.text(4)).value_or(Party::Business);
    e.reason = s.text(5);
    e.at = fromUnix(s.int64(6));
    if (!s.isNull(7) && !s.isNull(8)) e.previousTime = Interval{fromUnix(s.int64(7)), fromUnix(s.int64(8))};
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t SqlBookingData::consumed(std::string_view consumer) {
  auto s = c_.prepare("SELECT seq FROM booking_event_consumers WHERE consumer = ?1");
  s.bind(1, consumer);
  return s.step() ? s.int64(0) : 0;
}

void SqlBookingData::markConsumed(std::string_view consumer, std::int64_t seq) {
  c_.prepare(
        "INSERT INTO booking_event_consumers (consumer, seq) VALUES (?1, ?2)"
        " ON CONFLICT (consumer) DO UPDATE SET seq = CASE WHEN excluded.seq > booking_event_consumers.seq"
        " THEN excluded.seq ELSE booking_event_consumers.seq END")
      .bindAll(consumer, seq)
      .run();
}

}  // namespace bookdav::storage::sql
