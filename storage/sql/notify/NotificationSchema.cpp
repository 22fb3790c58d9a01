#include "storage/sql/notify/NotificationSchema.h"

namespace bookdav::storage::sql {
namespace {

// Times are Unix seconds (UTC).
constexpr Migration kMigrations[] = {
    {1,
     "CREATE TABLE notifications ("
     " id INTEGER PRIMARY KEY AUTOINCREMENT,"
     " channel TEXT NOT NULL, audience TEXT NOT NULL, recipient TEXT NOT NULL, kind TEXT NOT NULL,"
     " booking_id INTEGER NOT NULL, event_seq INTEGER NOT NULL, sequence INTEGER NOT NULL, variant TEXT NOT NULL,"
     " subject TEXT NOT NULL, sender_name TEXT NOT NULL, body_text TEXT NOT NULL, body_html TEXT NOT NULL, calendar TEXT NOT NULL,"
     " calendar_method TEXT NOT NULL,"
     " state TEXT NOT NULL, due INTEGER NOT NULL, attempts INTEGER NOT NULL, last_error TEXT NOT NULL,"
     " sent_at INTEGER, created INTEGER NOT NULL);"
     // The delivery worker's lookup: queued rows by due time.
     "CREATE INDEX notifications_queued ON notifications (due, id) WHERE state = 'queued';"
     "CREATE INDEX notifications_by_state ON notifications (state, id);"
     // One message per event, channel and recipient: making an event's notifications twice stores one.
     "CREATE UNIQUE INDEX notifications_once ON notifications"
     " (event_seq, channel, audience, recipient, kind, variant)"
     " WHERE event_seq > 0;"
     "CREATE TABLE notify_business (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"},
    // Webhook endpoints; event_types is a comma-separated list ("booking.placed,booking.canceled" or "*").
    {2,
     "CREATE TABLE webhook_endpoints ("
     " id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL, event_types TEXT NOT NULL,"
     " secret TEXT NOT NULL, created INTEGER NOT NULL);"},
    // Reminders: each service's offsets (seconds before the start) and the users who want none.
    {3,
     "CREATE INDEX notifications_reminders ON notifications (booking_id) WHERE kind = 'reminder' AND state = 'queued';"
     "CREATE TABLE notify_reminder_offsets (service_id TEXT NOT NULL, offset_seconds INTEGER NOT NULL,"
     " PRIMARY KEY (service_id, offset_seconds)) WITHOUT ROWID;"
     "CREATE TABLE notify_reminder_opt_outs (user_name TEXT PRIMARY KEY) WITHOUT ROWID;"},
};

}  // namespace

std::span<const Migration> notificationMigrations() {
  return kMigrations;
}

}  // namespace bookdav::storage::sql
