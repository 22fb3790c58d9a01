#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/methods/PropertyUpdate.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

Response handleProppatch(DavContext& ctx, const Request& request) {
  xml::Document doc = xml::Document::parse(request.body);
  if (!xml::is(doc.root(), xml::kDav, "propertyupdate")) {
    throw DavError::badRequest("the body must be a DAV:propertyupdate element");
  }
  PropertyUpdate update(doc.root());
  std::string body;
  ctx.store.write([&](domain::CalendarWriter& store) {
    Resource target = resolve(store, request.path);
    if (!target.exists()) throw DavError::notFound(request.path + " does not exist");
    requireWrite(request, target);
    if (!target.isStoredCollection() && target.kind != ResourceKind::Object) {
      throw DavError::forbidden(xml::kDav, "cannot-modify-protected-property",
                                "the properties of " + target.path + " are computed by the server");
    }
    std::optional<domain::CollectionRecord> record;
    if (target.isStoredCollection()) record = *target.collection;
    PropStats report;
    bool ok = update.prepare(target.kind, record ? &*record : nullptr, false, report);
    if (ok) {
      domain::ResourceRef ref{target.kind != ResourceKind::Object,
                              target.object ? target.object->id : target.collection->id};
      if (record) store.updateCollection(*record);
      update.writeDeadProperties(store, ref);
    }
    Multistatus ms;
    ms.add(hrefOf(target), report);
    body = ms.finish();
  });
  return Response::xml(207, std::move(body));
}

}  // namespace bookdav::caldav
