// A notification as the JSON API and `bookdav notifications list` show it (README, "Notifications").
#pragma once

#include "domain/notify/Notification.h"
#include "server/api/JsonOutput.h"

namespace bookdav::server::api {

// {"id", "channel", "audience", "recipient", "kind", "bookingId", "sequence", "subject", "state",
//  "attempts", "due", "lastError", "sentAt", "created"}.
JsonObject notificationJson(const domain::notify::Notification& n);

}  // namespace bookdav::server::api
