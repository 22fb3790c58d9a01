#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/methods/PropertyUpdate.h"
#include "caldav/scheduling/Availability.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

Response handleProppatch(DavContext& ctx, const Request& request) {
  xml::Document doc = xml::Document::parse(request.body);
  if (!xml::is(doc.root(), xml::kDav, "propertyupdate")) {
    throw DavError::badRequest("the body must be a DAV:propertyupdate element");
  }
  PropertyUpdate update(doc.root());
  update.checkValues();  // parses client data (calendar-timezone) before any write transaction
  Resource probe = lookUp(ctx, request, request.path);
  if (probe.kind == ResourceKind::ResourceInbox)
    return proppatchResourceInbox(ctx, request, probe, doc.root());
  if (probe.kind == ResourceKind::Inbox) return proppatchStaffInbox(ctx, request, probe, doc.root());
  if (isComputedCalendar(probe.kind)) {
    // A computed calendar keeps what users set on it (name, colour, order, dead properties, feed)
    // in a settings row, made on first use.
    requireWrite(request, probe);
    ctx.store.write([&](domain::CalendarWriter& store) {
      if (store.collection(probe.path)) return;
      domain::CollectionRecord row;
      row.path = probe.path;
      row.owner = probe.owner;
      row.kind = domain::CollectionKind::Calendar;
      row.computed = true;
      store.createCollection(row);
    });
  }
  std::string body;
  ctx.store.write([&](domain::CalendarWriter& store) {
    Resource target = resolve(ctx, request, store, request.path);
    if (!target.exists()) throw DavError::notFound(request.path + " does not exist");
    requireWrite(request, target);
    const bool computedCalendar = isComputedCalendar(target.kind);
    if ((!target.isStoredCollection() && target.kind != ResourceKind::Object && !computedCalendar) ||
        (target.kind == ResourceKind::Object && target.isComputed())) {
      throw DavError::forbidden(xml::kDav, "cannot-modify-protected-property",
                                "the properties of " + target.path + " are computed by the server");
    }
    std::optional<domain::CollectionRecord> record;
    if (target.isStoredCollection()) record = *target.collection;
    if (computedCalendar) record = store.collection(target.path);  // the settings row, not the looks
    PropStats report;
    bool ok = update.prepare(computedCalendar ? ResourceKind::Calendar : target.kind,
                             record ? &*record : nullptr, false, report, request.baseUrl);
    if (ok) {
      domain::ResourceRef ref{target.kind != ResourceKind::Object,
                              target.object ? target.object->id : record->id};
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
