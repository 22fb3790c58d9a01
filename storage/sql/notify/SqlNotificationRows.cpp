#include "storage/sql/notify/SqlNotificationRows.h"

namespace bookdav::storage::sql {

using namespace bookdav::domain;
using namespace bookdav::domain::notify;

namespace {

constexpr const char* kColumns =
    "id, channel, audience, recipient, kind, booking_id, event_seq, sequence, subject, sender_name, body_text,"
    " body_html, calendar, calendar_method, state, due, attempts, last_error, sent_at, created, variant";

}  // namespace

std::int64_t SqlNotificationRows::insert(const Notification& n) {
  std::optional<std::int64_t> sentAt;
  if (n.sentAt) sentAt = toUnix(*n.sentAt);
  auto s = c_.prepare(
      "INSERT INTO notifications (channel, audience, recipient, kind, booking_id, event_seq, sequence,"
      " subject, sender_name, body_text, body_html, calendar, calendar_method, state, due, attempts, last_error,"
      " sent_at, created, variant) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
      " ?17, ?18, ?19, ?20) ON CONFLICT DO NOTHING RETURNING id");
  s.bindAll(toString(n.channel), toString(n.audience), n.recipient, toString(n.kind), n.bookingId, n.eventSeq,
            n.sequence, n.content.subject, n.content.senderName, n.content.text, n.content.html,
            n.content.calendar, toString(n.content.method), toString(n.state), toUnix(n.due), n.attempts,
            n.lastError, sentAt, toUnix(n.created), n.variant);
  return s.step() ? s.int64(0) : 0;
}

std::vector<Notification> SqlNotificationRows::rows(Statement& s) {
  std::vector<Notification> out;
  while (s.step()) {
    Notification n;
    n.id = s.int64(0);
    n.channel = parseChannel(s.text(1)).value_or(Channel::Email);
    n.audience = parseAudience(s.text(2)).value_or(Audience::Customer);
    n.recipient = s.text(3);
    n.kind = parseMessageKind(s.text(4)).value_or(MessageKind::Confirmed);
    n.bookingId = s.int64(5);
    n.eventSeq = s.int64(6);
    n.sequence = s.integer(7);
    n.content.subject = s.text(8);
    n.content.senderName = s.text(9);
    n.content.text = s.text(10);
    n.content.html = s.text(11);
    n.content.calendar = s.text(12);
    n.content.method = parseImipMethod(s.text(13)).value_or(ImipMethod::None);
    n.state = parseNotificationState(s.text(14)).value_or(NotificationState::Dead);
    n.due = fromUnix(s.int64(15));
    n.attempts = s.integer(16);
    n.lastError = s.text(17);
    if (auto t = s.optionalInt64(18)) n.sentAt = fromUnix(*t);
    n.created = fromUnix(s.int64(19));
    n.variant = s.text(20);
    out.push_back(std::move(n));
  }
  return out;
}

std::optional<Notification> SqlNotificationRows::find(std::int64_t id) {
  auto s = c_.prepare(std::string("SELECT ") + kColumns + " FROM notifications WHERE id = ?1");
  s.bindAll(id);
  auto found = rows(s);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Notification> SqlNotificationRows::due(Instant now, std::size_t limit) {
  auto s = c_.prepare(std::string("SELECT ") + kColumns +
                      " FROM notifications WHERE state = 'queued' AND due <= ?1 ORDER BY due, id LIMIT ?2");
  s.bindAll(toUnix(now), static_cast<std::int64_t>(limit));
  return rows(s);
}

std::vector<Notification> SqlNotificationRows::list(std::optional<NotificationState> state,
                                                    std::size_t limit) {
  if (state) {
    auto s = c_.prepare(std::string("SELECT ") + kColumns +
                        " FROM notifications WHERE state = ?1 ORDER BY id DESC LIMIT ?2");
    s.bindAll(toString(*state), static_cast<std::int64_t>(limit));
    return rows(s);
  }
  auto s = c_.prepare(std::string("SELECT ") + kColumns + " FROM notifications ORDER BY id DESC LIMIT ?1");
  s.bindAll(static_cast<std::int64_t>(limit));
  return rows(s);
}

void SqlNotificationRows::markSent(std::int64_t id, Instant at) {
  c_.prepare(
        "UPDATE notifications SET state = 'sent', sent_at = ?2, attempts = attempts + 1, last_error = ''"
        " WHERE id = ?1")
      .bindAll(id, toUnix(at))
      .run();
}

void SqlNotificationRows::markFailed(std::int64_t id, int attempts, std::string_view error,
                                     std::optional<Instant> retryAt) {
  if (retryAt) {
    c_.prepare("UPDATE notifications SET attempts = ?2, last_error = ?3, due = ?4 WHERE id = ?1")
        .bindAll(id, attempts, error, toUnix(*retryAt))
        .run();
  } else {
    c_.prepare("UPDATE notifications SET attempts = ?2, last_error = ?3, state = 'dead' WHERE id = ?1")
        .bindAll(id, attempts, error)
        .run();
  }
}

bool SqlNotificationRows::requeue(std::int64_t id, Instant now) {
  auto s = c_.prepare(
      "UPDATE notifications SET state = 'queued', attempts = 0, due = ?2 WHERE id = ?1 AND state = 'dead'");
  s.bindAll(id, toUnix(now));
  s.run();
  return s.changes() > 0;
}

int SqlNotificationRows::changesBefore(BookingId booking, std::int64_t seq) {
  auto s = c_.prepare("SELECT COUNT(*) FROM booking_events WHERE booking_id = ?1 AND seq < ?2");
  s.bindAll(booking, seq);
  return s.step() ? s.integer(0) : 0;
}

BusinessContact SqlNotificationRows::business() {
  BusinessContact b;
  auto s = c_.prepare("SELECT key, value FROM notify_business");
  while (s.step()) {
    const std::string key = s.text(0);
    if (key == "name") b.name = s.text(1);
    if (key == "email") b.email = s.text(1);
  }
  return b;
}

void SqlNotificationRows::setBusiness(const BusinessContact& contact) {
  const std::pair<const char*, const std::string*> values[] = {{"name", &contact.name},
                                                               {"email", &contact.email}};
  for (const auto& [key, value] : values) {
    c_.prepare(
          "INSERT INTO notify_business (key, value) VALUES (?1, ?2)"
          " ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bindAll(key, *value)
        .run();
  }
}

std::int64_t SqlNotificationRows::addEndpoint(const WebhookEndpoint& e) {
  std::string types;
  for (const auto& t : e.eventTypes) types += (types.empty() ? "" : ",") + t;
  auto s = c_.prepare(
      "INSERT INTO webhook_endpoints (url, event_types, secret, created) VALUES (?1, ?2, ?3, ?4) RETURNING id");
  s.bindAll(e.url, types, e.secret, toUnix(e.created)).step();
  return s.int64(0);
}

std::vector<WebhookEndpoint> SqlNotificationRows::endpointRows(Statement& s) {
  std::vector<WebhookEndpoint> out;
  while (s.step()) {
    WebhookEndpoint e;
    e.id = s.int64(0);
    e.url = s.text(1);
    const std::string types = s.text(2);
    for (std::size_t start = 0; start < types.size();) {
      std::size_t comma = types.find(',', start);
      if (comma == std::string::npos) comma = types.size();
      e.eventTypes.push_back(types.substr(start, comma - start));
      start = comma + 1;
    }
    e.secret = s.text(3);
    e.created = fromUnix(s.int64(4));
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<WebhookEndpoint> SqlNotificationRows::endpoints() {
  auto s = c_.prepare("SELECT id, url, event_types, secret, created FROM webhook_endpoints ORDER BY id");
  return endpointRows(s);
}

std::optional<WebhookEndpoint> SqlNotificationRows::endpoint(std::int64_t id) {
  auto s = c_.prepare("SELECT id, url, event_types, secret, created FROM webhook_endpoints WHERE id = ?1");
  s.bindAll(id);
  auto found = endpointRows(s);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

bool SqlNotificationRows::removeEndpoint(std::int64_t id) {
  auto s = c_.prepare("DELETE FROM webhook_endpoints WHERE id = ?1");
  s.bindAll(id);
  s.run();
  return s.changes() > 0;
}

std::vector<Seconds> SqlNotificationRows::reminderOffsets(std::string_view serviceId) {
  auto s = c_.prepare(
      "SELECT offset_seconds FROM notify_reminder_offsets WHERE service_id = ?1 ORDER BY offset_seconds DESC");
  s.bind(1, serviceId);
  std::vector<Seconds> out;
  while (s.step()) out.push_back(Seconds{s.int64(0)});
  return out;
}

void SqlNotificationRows::setReminderOffsets(std::string_view serviceId,
                                             const std::vector<Seconds>& offsets) {
  c_.prepare("DELETE FROM notify_reminder_offsets WHERE service_id = ?1").bindAll(serviceId).run();
  for (Seconds offset : offsets) {
    c_.prepare(
          "INSERT INTO notify_reminder_offsets (service_id, offset_seconds) VALUES (?1, ?2)"
          " ON CONFLICT DO NOTHING")
        .bindAll(serviceId, static_cast<std::int64_t>(offset.count()))
        .run();
  }
}

int SqlNotificationRows::supersedeReminders(BookingId booking) {
  auto s = c_.prepare(
      "UPDATE notifications SET state = 'superseded' WHERE booking_id = ?1 AND kind = 'reminder'"
      " AND state = 'queued'");
  s.bindAll(booking);
  s.run();
  return static_cast<int>(s.changes());
}

bool SqlNotificationRows::remindersOff(std::string_view user) {
  auto s = c_.prepare("SELECT 1 FROM notify_reminder_opt_outs WHERE user_name = ?1");
  s.bind(1, user);
  return s.step();
}

void SqlNotificationRows::setRemindersOff(std::string_view user, bool off, std::string_view address) {
  if (!off) {
    c_.prepare("DELETE FROM notify_reminder_opt_outs WHERE user_name = ?1").bindAll(user).run();
    return;
  }
  c_.prepare("INSERT INTO notify_reminder_opt_outs (user_name) VALUES (?1) ON CONFLICT DO NOTHING")
      .bindAll(user)
      .run();
  c_.prepare(
        "UPDATE notifications SET state = 'superseded' WHERE kind = 'reminder' AND state = 'queued'"
        " AND recipient = ?1")
      .bindAll(address)
      .run();
}

}  // namespace bookdav::storage::sql
