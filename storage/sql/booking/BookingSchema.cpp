#include "storage/sql/booking/BookingSchema.h"

namespace bookdav::storage::sql {
namespace {

// Times are Unix seconds (UTC); durations seconds; local dates "YYYY-MM-DD"; local date-times
// "YYYY-MM-DDTHH:MM:SS"; id lists comma-separated slugs (see RowCodec.h).
constexpr Migration kMigrations[] = {
    {1,
     "CREATE TABLE booking_services ("
     " id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,"
     " time_zone TEXT NOT NULL, duration INTEGER NOT NULL, location_kind TEXT NOT NULL, location TEXT NOT "
     "NULL,"
     " price_minor INTEGER NOT NULL, currency TEXT NOT NULL, capacity INTEGER NOT NULL,"
     " resource_groups TEXT NOT NULL,"
     " min_notice INTEGER NOT NULL, max_horizon INTEGER, cancel_deadline INTEGER NOT NULL,"
     " reschedule_deadline INTEGER NOT NULL, max_participants INTEGER NOT NULL, waitlist_capacity INTEGER "
     "NOT NULL,"
     " manual_approval INTEGER NOT NULL, late_join INTEGER NOT NULL, buffer_before INTEGER NOT NULL,"
     " buffer_after INTEGER NOT NULL, granularity INTEGER NOT NULL);"

     "CREATE TABLE booking_resources ("
     " id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, time_zone TEXT NOT NULL,"
     " user_name TEXT NOT NULL, hours_zone TEXT NOT NULL);"
     "CREATE INDEX booking_resources_by_user ON booking_resources (user_name);"

     // One row per working-hours part: kind 'weekly' (weekdays, start/end time, date_from/date_until),
     // 'extra' (date_from = the date, start/end time), 'closed' (local_start/local_end, note).
     "CREATE TABLE booking_hours ("
     " resource_id TEXT NOT NULL REFERENCES booking_resources (id) ON DELETE CASCADE,"
     " position INTEGER NOT NULL, kind TEXT NOT NULL, weekdays INTEGER, start_time INTEGER, end_time INTEGER,"
     " date_from TEXT, date_until TEXT, local_start TEXT, local_end TEXT, note TEXT,"
     " PRIMARY KEY (resource_id, position));"

     "CREATE TABLE booking_schedules ("
     " service_id TEXT PRIMARY KEY, time_zone TEXT NOT NULL, duration INTEGER NOT NULL,"
     " capacity INTEGER NOT NULL, resource_ids TEXT NOT NULL, materialised_until INTEGER NOT NULL);"
     // kind 'rule' (weekdays, start_time, first_date, until_date, count), 'date' (local_start),
     // 'exclude' (local_start), 'override' (local_start = origin, new_start, duration, capacity,
     // resource_ids).
     "CREATE TABLE booking_schedule_parts ("
     " service_id TEXT NOT NULL REFERENCES booking_schedules (service_id) ON DELETE CASCADE,"
     " position INTEGER NOT NULL, kind TEXT NOT NULL, weekdays INTEGER, start_time INTEGER, first_date TEXT,"
     " until_date TEXT, count INTEGER, local_start TEXT, new_start TEXT, duration INTEGER, capacity INTEGER,"
     " resource_ids TEXT, PRIMARY KEY (service_id, position));"

     "CREATE TABLE booking_sessions ("
     " id INTEGER PRIMARY KEY AUTOINCREMENT, service_id TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT "
     "NULL,"
     " start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, resource_ids TEXT NOT NULL, capacity INTEGER NOT NULL,"
     " locked INTEGER NOT NULL, lock_note TEXT NOT NULL, title TEXT NOT NULL, origin TEXT,"
     " buffer_before INTEGER NOT NULL, buffer_after INTEGER NOT NULL, created INTEGER NOT NULL,"
     " updated INTEGER NOT NULL);"
     "CREATE UNIQUE INDEX booking_sessions_by_origin ON booking_sessions (service_id, origin)"
     " WHERE origin IS NOT NULL;"
     "CREATE INDEX booking_sessions_by_service ON booking_sessions (service_id, start);"
     // Which resources a session occupies, with its occupied span (buffers included) for busy lookups.
     "CREATE TABLE booking_session_resources ("
     " resource_id TEXT NOT NULL, busy_start INTEGER NOT NULL, busy_end INTEGER NOT NULL,"
     " session_id INTEGER NOT NULL REFERENCES booking_sessions (id) ON DELETE CASCADE,"
     " PRIMARY KEY (resource_id, busy_start, session_id)) WITHOUT ROWID;"
     "CREATE INDEX booking_session_resources_by_session ON booking_session_resources (session_id);"

     "CREATE TABLE booking_bookings ("
     " id INTEGER PRIMARY KEY AUTOINCREMENT, service_id TEXT NOT NULL, customer TEXT NOT NULL,"
     " contact_name TEXT NOT NULL, contact_email TEXT NOT NULL, contact_phone TEXT NOT NULL,"
     " participants INTEGER NOT NULL, participant_names TEXT NOT NULL, status TEXT NOT NULL,"
     " price_minor INTEGER NOT NULL, currency TEXT NOT NULL, min_notice INTEGER NOT NULL, max_horizon "
     "INTEGER,"
     " cancel_deadline INTEGER NOT NULL, reschedule_deadline INTEGER NOT NULL, created INTEGER NOT NULL,"
     " updated INTEGER NOT NULL, queue INTEGER NOT NULL, client_uid TEXT NOT NULL, client_href TEXT NOT NULL,"
     " note TEXT NOT NULL);"
     "CREATE INDEX booking_bookings_by_customer ON booking_bookings (customer, service_id);"
     "CREATE INDEX booking_bookings_by_href ON booking_bookings (customer, client_href);"
     "CREATE INDEX booking_bookings_by_uid ON booking_bookings (customer, client_uid);"
     "CREATE INDEX booking_bookings_by_queue ON booking_bookings (queue);"
     // A customer's active bookings have distinct hrefs: the CalDAV face maps each href to one booking.
     "CREATE UNIQUE INDEX booking_bookings_active_href ON booking_bookings (customer, client_href)"
     " WHERE client_href <> '' AND status IN ('CONFIRMED', 'PENDING', 'WAITLISTED');"
     "CREATE TABLE booking_booking_sessions ("
     " session_id INTEGER NOT NULL REFERENCES booking_sessions (id),"
     " booking_id INTEGER NOT NULL REFERENCES booking_bookings (id) ON DELETE CASCADE,"
     " PRIMARY KEY (session_id, booking_id)) WITHOUT ROWID;"
     "CREATE INDEX booking_booking_sessions_by_booking ON booking_booking_sessions (booking_id);"},
    // An href names a booking within one service's calendar: the same name may be used in two.
    {2,
     "DROP INDEX booking_bookings_active_href;"
     "CREATE UNIQUE INDEX booking_bookings_active_href ON booking_bookings (customer, service_id, client_href)"
     " WHERE client_href <> '' AND status IN ('CONFIRMED', 'PENDING', 'WAITLISTED');"},
    // Migration 1 as first released kept no kind or state per row: the table is rebuilt with them from
    // booking_sessions (derived data: nothing is lost), splitting each session's resource_ids list.
    {3,
     "DROP TABLE booking_session_resources;"
     // Which resources a session occupies, with its kind, whether it is scheduled (active) and its
     // occupied span (buffers included). Busy lookups read only the covering index: the rows of one
     // resource that are active and end after the range starts (the present and future, not history).
     "CREATE TABLE booking_session_resources ("
     " resource_id TEXT NOT NULL,"
     " session_id INTEGER NOT NULL REFERENCES booking_sessions (id) ON DELETE CASCADE,"
     " kind TEXT NOT NULL, active INTEGER NOT NULL, busy_start INTEGER NOT NULL, busy_end INTEGER NOT NULL,"
     " PRIMARY KEY (resource_id, session_id)) WITHOUT ROWID;"
     "CREATE INDEX booking_session_resources_by_end ON booking_session_resources"
     " (resource_id, active, busy_end, busy_start, session_id, kind);"
     "CREATE INDEX booking_session_resources_by_session ON booking_session_resources (session_id);"
     "INSERT OR IGNORE INTO booking_session_resources"
     " (resource_id, session_id, kind, active, busy_start, busy_end)"
     " WITH RECURSIVE ids (session_id, id, rest) AS ("
     "  SELECT id, '', resource_ids || ',' FROM booking_sessions"
     "  UNION ALL SELECT session_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)"
     "  FROM ids WHERE rest <> '')"
     " SELECT ids.id, s.id, s.kind, s.status = 'scheduled', s.start - s.buffer_before, s.end + s.buffer_after"
     " FROM ids JOIN booking_sessions s ON s.id = ids.session_id WHERE ids.id <> '';",
     nullptr,
     // PostgreSQL databases start after this migration was first released: nothing to rebuild from.
     "DROP TABLE booking_session_resources;"
     "CREATE TABLE booking_session_resources ("
     " resource_id TEXT NOT NULL,"
     " session_id BIGINT NOT NULL REFERENCES booking_sessions (id) ON DELETE CASCADE,"
     " kind TEXT NOT NULL, active BIGINT NOT NULL, busy_start BIGINT NOT NULL, busy_end BIGINT NOT NULL,"
     " PRIMARY KEY (resource_id, session_id));"
     "CREATE INDEX booking_session_resources_by_end ON booking_session_resources"
     " (resource_id, active, busy_end, busy_start, session_id, kind);"
     "CREATE INDEX booking_session_resources_by_session ON booking_session_resources (session_id);"},
    // The booking domain's outbox (domain/booking/BookingEvent.h): what happened to each booking, in
    // commit order, and how far each consumer (scheduling messages, notifications) has dealt with it.
    {4,
     "CREATE TABLE booking_events ("
     " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
     " booking_id INTEGER NOT NULL,"
     " kind TEXT NOT NULL, status TEXT NOT NULL, party TEXT NOT NULL, reason TEXT NOT NULL,"
     " at INTEGER NOT NULL, previous_start INTEGER, previous_end INTEGER);"
     "CREATE INDEX booking_events_by_booking ON booking_events (booking_id, seq);"
     "CREATE TABLE booking_event_consumers ("
     " consumer TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;"},
    // The calendar user address a business file gives a service or resource ('' = derived).
    {5,
     "ALTER TABLE booking_services ADD COLUMN email TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE booking_resources ADD COLUMN email TEXT NOT NULL DEFAULT '';"},
};

}  // namespace

std::span<const Migration> bookingMigrations() {
  return kMigrations;
}

}  // namespace bookdav::storage::sql
