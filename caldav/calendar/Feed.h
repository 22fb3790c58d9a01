// Secret-token webcal feeds (/feeds/<token>.ics): a calendar's export without login, with an ETag
// so that subscribers polling for hours cost one index lookup per poll.
#pragma once

#include "caldav/webdav/Message.h"
#include "domain/calendar/CalendarStore.h"

namespace bookdav::caldav {

Response serveFeed(domain::CalendarStore& store, const Request& request);

// A new random feed token (URL-safe).
std::string newFeedToken();

}  // namespace bookdav::caldav
