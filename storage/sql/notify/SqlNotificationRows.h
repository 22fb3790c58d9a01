// domain::notify::NotificationRows on one SQLite connection inside the caller's transaction.
#pragma once

#include "domain/notify/NotificationStore.h"
#include "storage/sql/Sql.h"

namespace bookdav::storage::sql {

class SqlNotificationRows final : public domain::notify::NotificationRows {
 public:
  explicit SqlNotificationRows(Connection& conn) : c_(conn) {}

  std::int64_t insert(const domain::notify::Notification& n) override;
  std::optional<domain::notify::Notification> find(std::int64_t id) override;
  std::vector<domain::notify::Notification> due(domain::Instant now, std::size_t limit) override;
  std::vector<domain::notify::Notification> list(std::optional<domain::notify::NotificationState> state,
                                                 std::size_t limit) override;
  void markSent(std::int64_t id, domain::Instant at) override;
  void markFailed(std::int64_t id, int attempts, std::string_view error,
                  std::optional<domain::Instant> retryAt) override;
  bool requeue(std::int64_t id, domain::Instant now) override;
  int changesBefore(domain::BookingId booking, std::int64_t seq) override;
  domain::notify::BusinessContact business() override;
  void setBusiness(const domain::notify::BusinessContact& contact) override;
  std::vector<domain::Seconds> reminderOffsets(std::string_view serviceId) override;
  void setReminderOffsets(std::string_view serviceId, const std::vector<domain::Seconds>& offsets) override;
  int supersedeReminders(domain::BookingId booking) override;
  bool remindersOff(std::string_view user) override;
  void setRemindersOff(std::string_view user, bool off, std::string_view address) override;
  std::int64_t addEndpoint(const domain::notify::WebhookEndpoint& endpoint) override;
  std::vector<domain::notify::WebhookEndpoint> endpoints() override;
  std::optional<domain::notify::WebhookEndpoint> endpoint(std::int64_t id) override;
  bool removeEndpoint(std::int64_t id) override;

 private:
  std::vector<domain::notify::Notification> rows(Statement& s);
  std::vector<domain::notify::WebhookEndpoint> endpointRows(Statement& s);
  Connection& c_;
};

}  // namespace bookdav::storage::sql
