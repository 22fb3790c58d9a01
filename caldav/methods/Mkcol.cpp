#include "caldav/booking/BookingNames.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/methods/PropertyUpdate.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/Href.h"

namespace bookdav::caldav {
namespace {

bool hasBody(const Request& r) {
  return r.body.find_first_not_of(" \t\r\n") != std::string::npos;
}

// Extended MKCOL (RFC 5689): does the body's DAV:resourcetype make a calendar?
bool asksForCalendar(pugi::xml_node root) {
  for (pugi::xml_node set : xml::elements(root)) {
    if (!xml::is(set, xml::kDav, "set")) continue;
    for (pugi::xml_node prop : xml::elements(set)) {
      if (pugi::xml_node rt = xml::child(prop, xml::kDav, "resourcetype")) {
        return static_cast<bool>(xml::child(rt, xml::kCalDav, "calendar"));
      }
    }
  }
  return false;
}

// Removes DAV:resourcetype from the instructions: it decided the kind and is not a property to set.
void dropResourcetype(pugi::xml_node root) {
  for (pugi::xml_node set : xml::elements(root)) {
    for (pugi::xml_node prop : xml::elements(set)) {
      if (pugi::xml_node rt = xml::child(prop, xml::kDav, "resourcetype")) prop.remove_child(rt);
    }
  }
}

}  // namespace

Response handleMkcol(DavContext& ctx, const Request& request) {
  const bool mkcalendar = request.method == "MKCALENDAR";
  std::optional<xml::Document> doc;
  bool calendar = mkcalendar;
  if (hasBody(request)) {
    try {
      doc.emplace(xml::Document::parse(request.body));
    } catch (const xml::XmlError& e) {
      if (mkcalendar) throw;
      throw DavError::status(415,
                             std::string("MKCOL bodies must be an extended-MKCOL XML document: ") + e.what());
    }
    const bool ok = mkcalendar ? xml::is(doc->root(), xml::kCalDav, "mkcalendar")
                               : xml::is(doc->root(), xml::kDav, "mkcol");
    if (!ok) {
      if (mkcalendar) throw DavError::badRequest("the body must be a CALDAV:mkcalendar element");
      throw DavError::status(415, "MKCOL bodies must be a DAV:mkcol element (RFC 5689)");
    }
    if (!mkcalendar) calendar = asksForCalendar(doc->root());
    dropResourcetype(doc->root());
  }

  if (Resource probe = lookUp(ctx, request, request.path);
      probe.isComputed() || probe.kind != ResourceKind::Missing) {
    requireWrite(request, probe);
    throw DavError(405, xml::QName{std::string(xml::kDav), "resource-must-be-null"},
                   request.path + " already exists");
  }
  if (request.path.rfind(homePath(ownerOfPath(request.path)), 0) == 0 &&
      parentPath(asCollectionPath(request.path)) == homePath(ownerOfPath(request.path)) &&
      isReservedCalendarName(lastSegment(request.path))) {
    throw DavError::forbidden(
        xml::kDav, "need-privileges",
        "'" + lastSegment(request.path) + "' is a name bookdav keeps for its own calendars");
  }
  std::optional<PropertyUpdate> update;
  if (doc) {
    update.emplace(doc->root());
    update->checkValues();  // parses client data (calendar-timezone) before the write transaction
  }
  int status = 201;
  std::string failureBody;
  ctx.store.write([&](domain::CalendarWriter& store) {
    Resource target = resolve(ctx, request, store, request.path);
    requireWrite(request, target);
    if (target.exists()) {
      throw DavError(405, xml::QName{std::string(xml::kDav), "resource-must-be-null"},
                     request.path + " already exists");
    }
    const std::string path = asCollectionPath(request.path);
    auto parent = store.collection(parentPath(path));
    if (!parent) throw DavError::conflict("the parent collection of " + path + " does not exist");
    if (parent->kind == domain::CollectionKind::Calendar) {
      throw DavError::forbidden(xml::kCalDav, "calendar-collection-location-ok",
                                "collections cannot be made inside the calendar " + parent->path);
    }
    domain::CollectionRecord record;
    record.path = path;
    record.owner = target.owner;
    record.kind = calendar ? domain::CollectionKind::Calendar : domain::CollectionKind::Plain;
    if (calendar) record.components = {"VEVENT", "VTODO", "VJOURNAL"};
    if (update) {
      PropStats report;
      if (!update->prepare(calendar ? ResourceKind::Calendar : ResourceKind::Collection, &record, true,
                           report)) {
        Multistatus ms;
        // RFC 4791 5.3.1 / RFC 5689 3: the failed properties, and nothing made.
        ms.add(encodePath(path), report);
        failureBody = ms.finish();
        status = 403;
        return;
      }
    }
    record = store.createCollection(record);
    if (update) update->writeDeadProperties(store, {true, record.id});
  });
  if (status != 201) return Response::xml(status, failureBody);
  Response r = Response::empty(201);
  r.set("Cache-Control", "no-cache");
  return r;
}

}  // namespace bookdav::caldav
