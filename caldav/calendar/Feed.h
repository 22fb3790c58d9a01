// Secret-token webcal feeds (/feeds/<token>.ics): a calendar's export without login, with an ETag
// so that subscribers polling for hours cost one index lookup per poll.
#pragma once

#include "caldav/dav/DavContext.h"
#include "caldav/webdav/Message.h"

namespace bookdav::caldav {

// Throws DavError (404 for unknown or revoked tokens).
Response serveFeed(DavContext& ctx, const Request& request);

// A new random feed token (URL-safe).
std::string newFeedToken();

}  // namespace bookdav::caldav
