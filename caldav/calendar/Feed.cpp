#include "caldav/calendar/Feed.h"

#include <random>

#include "caldav/booking/BookingCalendars.h"
#include "caldav/calendar/CalendarExport.h"
#include "caldav/dav/CollectionMembers.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "caldav/webdav/Href.h"

namespace bookdav::caldav {

Response serveFeed(DavContext& ctx, const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    throw DavError::methodNotAllowed("feeds are read-only: use GET");
  }
  std::string name = lastSegment(request.path);
  if (name.size() < 5 || name.substr(name.size() - 4) != ".ics") throw DavError::notFound("no such feed");
  std::string token = name.substr(0, name.size() - 4);
  Response response;
  ctx.store.read([&](domain::CalendarReader& store) {
    // Only the token's digest is stored.
    auto row = token.empty() ? std::nullopt : store.collectionByFeedToken(token);
    if (!row) throw DavError::notFound("no such feed (it may have been revoked)");
    // The feed shows the calendar as its owner sees it.
    auto account = ctx.accounts.find(row->owner);
    if (!account) throw DavError::notFound("no such feed (its owner is gone)");
    Request owner = request;
    owner.user = account->name;
    owner.role = account->role;
    Resource calendar = resolve(ctx, owner, store, row->path);
    auto members = membersOf(ctx, store, calendar);
    if (!members || !calendar.isCalendar()) throw DavError::notFound("no such feed (the calendar is gone)");
    const std::string etag = collectionETag(*calendar.collection, members->syncSeq(), members->timeVersion());
    if (notModified(request, etag)) {
      response = Response::empty(304);
    } else {
      response.status = 200;
      response.body = exportCalendar(*calendar.collection, members->list(true));
      response.set("Content-Type", "text/calendar; charset=utf-8");
    }
    response.set("ETag", etag);
    response.set("Cache-Control", "private, max-age=300");
  });
  return response;
}

std::string newFeedToken() {
  static const char* alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device rd;
  std::string out;
  for (int i = 0; i < 32; ++i) out += alphabet[rd() % 62];
  return out;
}

}  // namespace bookdav::caldav
