// The header values bookdav reads as text (Content-Type, Depth, Destination, If-Match,
// If-None-Match, Overwrite) must be one line of valid text: RFC 9110 5.5 field values hold no control
// character but TAB, and bookdav reads bytes beyond ASCII as UTF-8. Other headers are not read.
#pragma once

#include "caldav/webdav/Message.h"

namespace bookdav::caldav {

// Throws DavError 400 naming the first header that is not.
void checkHeaderText(const Request& request);

}  // namespace bookdav::caldav
