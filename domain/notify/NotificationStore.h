// The storage of notifications (implemented in storage/sql/notify): NotificationRows reads and
// writes them inside one transaction; NotificationStore runs such transactions, together with the
// booking data, so that turning booking events into notifications and advancing the consumer's
// position (BookingData::markConsumed) commit as one.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking/BookingStore.h"
#include "domain/notify/Notification.h"
#include "domain/notify/WebhookEndpoint.h"

namespace bookdav::domain::notify {

// The business as its messages name it: its name and its address (e-mail), which also receives
// what waits for its approval.
struct BusinessContact {
  std::string name;
  std::string email;
  bool operator==(const BusinessContact&) const = default;
};

class NotificationRows {
 public:
  virtual ~NotificationRows() = default;

  // Stores n (id, attempts and state as given) and returns its id; a second notification for the
  // same event, channel and recipient is not stored (0 is returned), so making them twice is harmless.
  virtual std::int64_t insert(const Notification& n) = 0;
  virtual std::optional<Notification> find(std::int64_t id) = 0;
  // Queued notifications due at `now`, earliest due first (then by id), at most `limit`.
  virtual std::vector<Notification> due(Instant now, std::size_t limit) = 0;
  // Newest first, of one state or any, at most `limit`.
  virtual std::vector<Notification> list(std::optional<NotificationState> state, std::size_t limit) = 0;
  virtual void markSent(std::int64_t id, Instant at) = 0;
  // A failed try: the attempts made so far and the error; queued again for `retryAt`, or dead without.
  virtual void markFailed(std::int64_t id, int attempts, std::string_view error,
                          std::optional<Instant> retryAt) = 0;
  // A dead notification queued again, due at `now`, with its tries counted afresh; false when it
  // is not dead.
  virtual bool requeue(std::int64_t id, Instant now) = 0;

  // How many events the booking had before the event `seq`: the SEQUENCE of its iCalendar
  // message, which grows with every change.
  virtual int changesBefore(BookingId booking, std::int64_t seq) = 0;

  virtual BusinessContact business() = 0;
  virtual void setBusiness(const BusinessContact& contact) = 0;

  // ---- reminders ----
  // How long before a booking of the service its customer is reminded (none: no reminders).
  virtual std::vector<Seconds> reminderOffsets(std::string_view serviceId) = 0;
  virtual void setReminderOffsets(std::string_view serviceId, const std::vector<Seconds>& offsets) = 0;
  // The booking's queued reminders superseded (it moved or ended); how many.
  virtual int supersedeReminders(BookingId booking) = 0;
  // Per-user opt-out of reminders; opting out supersedes the queued reminders to `address`.
  virtual bool remindersOff(std::string_view user) = 0;
  virtual void setRemindersOff(std::string_view user, bool off, std::string_view address) = 0;

  // ---- webhook endpoints ----
  virtual std::int64_t addEndpoint(const WebhookEndpoint& endpoint) = 0;  // returns its id
  virtual std::vector<WebhookEndpoint> endpoints() = 0;                   // in id order
  virtual std::optional<WebhookEndpoint> endpoint(std::int64_t id) = 0;
  virtual bool removeEndpoint(std::int64_t id) = 0;  // false when there is none
};

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;
  // One write transaction over the booking data and the notifications; an exception rolls back both.
  virtual void write(const std::function<void(BookingData&, NotificationRows&)>& f) = 0;
  virtual void read(const std::function<void(NotificationRows&)>& f) = 0;
};

}  // namespace bookdav::domain::notify
