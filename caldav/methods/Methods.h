// One handler per HTTP method family, as Radicale lays them out. Each takes the request of a
// signed-in user (or an anonymous one, where allowed) and returns the response; refusals are
// thrown as DavError and rendered by DavService.
#pragma once

#include "caldav/dav/DavContext.h"
#include "caldav/webdav/Message.h"

namespace bookdav::caldav {

Response handleOptions(DavContext& ctx, const Request& request);
Response handlePropfind(DavContext& ctx, const Request& request);
Response handleProppatch(DavContext& ctx, const Request& request);
Response handleMkcol(DavContext& ctx, const Request& request);  // MKCOL and MKCALENDAR
Response handleGet(DavContext& ctx, const Request& request);    // GET and HEAD
Response handlePut(DavContext& ctx, const Request& request);
Response handleDelete(DavContext& ctx, const Request& request);
Response handleCopyMove(DavContext& ctx, const Request& request);
Response handleReport(DavContext& ctx, const Request& request);
Response handlePost(DavContext& ctx, const Request& request);

}  // namespace bookdav::caldav
