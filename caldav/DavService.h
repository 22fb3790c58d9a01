// The CalDAV/WebDAV face of bookdav: takes a signed-in user's request, dispatches it to the
// handler of its method, and turns every refusal into its status and DAV:error body.
#pragma once

#include <functional>

#include "caldav/dav/DavContext.h"
#include "caldav/webdav/Message.h"

namespace bookdav::caldav {

// The methods the Allow header names for a path (POST only on scheduling outboxes).
std::string allowedMethods(std::string_view path);

class DavService {
 public:
  DavService(domain::CalendarStore& store, domain::AccountRepository& accounts,
             domain::BookingEngine& booking, domain::ChangeLog& changes, const domain::Clock& clock,
             DavSettings settings, domain::Transactions& transactions,
             domain::notify::NotificationStore* notifications = nullptr);

  // Never throws for protocol errors; storage failures propagate as exceptions. After a request
  // that may have changed bookings, delivers the scheduling messages (SchedulingReplies.h).
  Response handle(const Request& request);

  // Brings organizers' copies in line with booking changes and drops iTIP messages in their inboxes
  // (caldav/scheduling/SchedulingReplies.h); the JSON API calls it after its writes, serve at start-up.
  // Throws on storage failures; the events then wait for the next call.
  int deliverSchedulingMessages();
  // What to do after a request that may have appended booking events: the server pokes its delivery
  // thread (server/SchedulingDelivery.h), so that no request waits for the delivery; without a hook
  // (tools, tests) the messages are delivered at once. Set before requests are served.
  void setAfterBookingWrite(std::function<void()> hook) { afterBookingWrite_ = std::move(hook); }
  void afterBookingWrite();

  // Makes the account's calendar home and its default calendar if they are missing.
  void provision(const std::string& user);

  // GET/HEAD /feeds/<token>.ics: a calendar's export without login.
  Response serveFeed(const Request& request);

  const DavSettings& settings() const { return settings_; }

 private:
  DavContext context(ical::ExpansionBudget& budget);
  Response answer(const Request& request);

  domain::CalendarStore& store_;
  domain::AccountRepository& accounts_;
  domain::BookingEngine& booking_;
  domain::ChangeLog& changes_;
  const domain::Clock& clock_;
  DavSettings settings_;
  domain::Transactions& transactions_;
  domain::notify::NotificationStore* notifications_;
  std::function<void()> afterBookingWrite_;
};

}  // namespace bookdav::caldav
