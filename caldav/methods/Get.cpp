#include "caldav/calendar/CalendarExport.h"
#include "caldav/dav/CollectionMembers.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/scheduling/Invitation.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "caldav/webdav/Href.h"
#include "caldav/webdav/HttpDate.h"

namespace bookdav::caldav {
namespace {

Response textAnswer(std::string text) {
  Response r;
  r.status = 200;
  r.body = std::move(text);
  r.set("Content-Type", "text/plain; charset=utf-8");
  return r;
}

}  // namespace

Response handleGet(DavContext& ctx, const Request& request) {
  Response response;
  ctx.store.read([&](domain::CalendarReader& store) {
    Resource target = resolve(ctx, request, store, request.path);
    if (!target.exists()) throw DavError::notFound(request.path + " does not exist");
    requireRead(request, target);
    if (target.kind == ResourceKind::Object) {
      const domain::ObjectRecord& o = *target.object;
      if (notModified(request, o.etag)) {
        response = Response::empty(304);
      } else {
        response.status = 200;
        response.body = o.data ? *o.data : *store.object(o.collectionId, o.name, true)->data;
        response.set("Content-Type", o.contentType);
        if (auto tag = scheduleTagOf(response.body)) response.set("Schedule-Tag", "\"" + *tag + "\"");
      }
      response.set("ETag", o.etag);
      response.set("Last-Modified", httpDate(o.modified));
      return;
    }
    if (target.isCalendar()) {
      auto members = membersOf(ctx, store, target);
      const std::string etag = collectionETag(*target.collection, members->syncSeq(), members->timeVersion());
      if (notModified(request, etag)) {
        response = Response::empty(304);
      } else {
        response.status = 200;
        response.body = exportCalendar(*target.collection, members->list(true));
        response.set("Content-Type", "text/calendar; charset=utf-8");
        response.set("Content-Disposition", "inline; filename=\"" + lastSegment(target.path) + ".ics\"");
      }
      response.set("ETag", etag);
      return;
    }
    if (target.kind == ResourceKind::Collection || target.kind == ResourceKind::Home) {
      std::string listing = "Collection " + target.path + "\n";
      for (const auto& c : store.children(target.path)) listing += c.path + "\n";
      if (target.collection) {
        for (const auto& o : store.objects(target.collection->id, false))
          listing += target.path + o.name + "\n";
      }
      response = textAnswer(std::move(listing));
      return;
    }
    response =
        textAnswer("bookdav: point your calendar app at " + request.baseUrl + std::string(kDavRoot) + "\n");
  });
  return response;
}

}  // namespace bookdav::caldav
