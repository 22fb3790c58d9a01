#include "caldav/calendar/Feed.h"

#include <random>

#include "caldav/calendar/CalendarExport.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "caldav/webdav/Href.h"

namespace bookdav::caldav {

Response serveFeed(domain::CalendarStore& store, const Request& request) {
  try {
    if (request.method != "GET" && request.method != "HEAD") {
      throw DavError::methodNotAllowed("feeds are read-only: use GET");
    }
    std::string name = lastSegment(request.path);
    if (name.size() < 5 || name.substr(name.size() - 4) != ".ics") throw DavError::notFound("no such feed");
    std::string token = name.substr(0, name.size() - 4);
    Response response;
    store.read([&](domain::CalendarReader& reader) {
      auto calendar = token.empty() ? std::nullopt : reader.collectionByFeedToken(token);
      if (!calendar) throw DavError::notFound("no such feed (it may have been revoked)");
      const std::string etag = collectionETag(*calendar, reader.syncSeq(*calendar));
      if (notModified(request, etag)) {
        response = Response::empty(304);
      } else {
        response.status = 200;
        response.body = exportCalendar(*calendar, reader.objects(calendar->id, true));
        response.set("Content-Type", "text/calendar; charset=utf-8");
      }
      response.set("ETag", etag);
      response.set("Cache-Control", "private, max-age=300");
    });
    return response;
  } catch (const DavError& e) {
    return e.toResponse();
  }
}

std::string newFeedToken() {
  static const char* alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device rd;
  std::string out;
  for (int i = 0; i < 32; ++i) out += alphabet[rd() % 62];
  return out;
}

}  // namespace bookdav::caldav
