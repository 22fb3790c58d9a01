#include "caldav/booking/BookingWrites.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/scheduling/ImplicitScheduling.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"

namespace bookdav::caldav {

Response handleDelete(DavContext& ctx, const Request& request) {
  Resource probe = lookUp(ctx, request, request.path);
  if (probe.isComputed()) return deleteFromComputedCalendar(ctx, request, probe);
  // An event whose invitation booked a service cancels the booking with the delete.
  if (auto scheduled = deleteSchedulingObject(ctx, request, probe)) return *scheduled;
  ctx.store.write([&](domain::CalendarWriter& store) {
    Resource target = resolve(ctx, request, store, request.path);
    if (!target.exists()) {
      requireWrite(request, target);
      throw DavError::notFound(request.path + " does not exist");
    }
    requireWrite(request, target);
    if (target.kind == ResourceKind::Object) {
      checkWritePreconditions(request, target.object->etag);
      store.deleteObject(target.collection->id, target.object->name);
      return;
    }
    if (target.kind == ResourceKind::Calendar || target.kind == ResourceKind::Collection) {
      checkWritePreconditions(request, collectionETag(*target.collection, store.syncSeq(*target.collection)));
      store.deleteTree(target.path);
      return;
    }
    throw DavError::forbidden(xml::kDav, "need-privileges", target.path + " cannot be deleted");
  });
  return Response::empty(204);
}

}  // namespace bookdav::caldav
