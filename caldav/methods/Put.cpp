#include "caldav/booking/BookingWrites.h"
#include "caldav/calendar/ObjectIntake.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/scheduling/ImplicitScheduling.h"
#include "caldav/scheduling/Invitation.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "caldav/webdav/Href.h"

namespace bookdav::caldav {
namespace {

constexpr std::string_view kCalendarType = "text/calendar; charset=utf-8";

bool isCalendarContentType(const Request& request) {
  auto type = request.header("Content-Type");
  if (!type) return true;  // many clients send none; the body decides
  std::string t = *type;
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t.rfind("text/calendar", 0) == 0 || t.rfind("application/octet-stream", 0) == 0 ||
         t.rfind("text/plain", 0) == 0;
}

}  // namespace

Response handlePut(DavContext& ctx, const Request& request) {
  Resource probe = lookUp(ctx, request, request.path);
  if (probe.isComputed()) return putIntoComputedCalendar(ctx, request, probe);
  // The body is parsed, checked and indexed here, before the write transaction: a slow body never
  // holds the write lock. The transaction prepares again only if the calendar changed meanwhile.
  auto prepare = [&](const Resource& seen) -> std::optional<PreparedBody> {
    if (seen.isCollection() || !seen.collection || seen.collection->kind != domain::CollectionKind::Calendar)
      return std::nullopt;
    if (static_cast<std::int64_t>(request.body.size()) > ctx.settings.maxResourceSize) return std::nullopt;
    if (!isCalendarContentType(request)) return std::nullopt;
    try {
      requireWrite(request, seen);  // no work for those the transaction refuses anyway
    } catch (const DavError&) {
      return std::nullopt;
    }
    return PreparedBody(request.body, *seen.collection);
  };
  std::optional<PreparedBody> prepared = prepare(probe);
  if (prepared) {
    // An event that invites a service (or held a booking) is stored with the booking it asks for.
    // A body that is refused is answered below, in the order the ordinary PUT checks things.
    const PreparedObject* object = nullptr;
    try {
      object = &prepared->object();
    } catch (const DavError&) {
    }
    if (object) {
      if (auto scheduled = putSchedulingObject(ctx, request, probe, *object)) return *scheduled;
    }
  }

  bool created = false;
  bool sameAsSent = false;
  std::string etag;
  for (int attempt = 1;; ++attempt) {
    try {
      ctx.store.write([&](domain::CalendarWriter& store) {
        Resource target = resolve(ctx, request, store, request.path);
        requireWrite(request, target);
        if (target.isCollection())
          throw DavError::methodNotAllowed("PUT cannot replace the collection " + target.path);
        if (!target.collection)
          throw DavError::conflict("the parent collection of " + request.path + " does not exist");
        const domain::CollectionRecord& parent = *target.collection;
        if (parent.path == inboxPath(parent.owner)) {
          throw DavError::forbidden(
              xml::kDav, "need-privileges",
              "the inbox receives scheduling messages from bookdav; read or delete them");
        }
        if (parent.kind == domain::CollectionKind::Home) {
          throw DavError::forbidden(xml::kDav, "need-privileges",
                                    "a calendar home holds calendars; store resources inside a calendar");
        }
        const bool calendar = parent.kind == domain::CollectionKind::Calendar;
        if (static_cast<std::int64_t>(request.body.size()) > ctx.settings.maxResourceSize) {
          throw DavError(413,
                         xml::QName{std::string(calendar ? xml::kCalDav : xml::kDav), "max-resource-size"},
                         "the body has " + std::to_string(request.body.size()) + " bytes; the limit is " +
                             std::to_string(ctx.settings.maxResourceSize));
        }
        std::optional<std::string> current;
        if (target.object) current = target.object->etag;
        checkWritePreconditions(request, current);
        if (request.header("If-Schedule-Tag-Match") && target.object) {
          auto stored = store.object(parent.id, target.object->name, true);
          checkScheduleTag(request, stored && stored->data ? scheduleTagOf(*stored->data) : std::nullopt);
        } else {
          checkScheduleTag(request, std::nullopt);
        }
        const std::string name = lastSegment(request.path);

        domain::ObjectRecord record;
        record.collectionId = parent.id;
        record.name = name;
        domain::InstanceIndex index;
        if (calendar) {
          if (!isCalendarContentType(request)) {
            throw DavError::forbidden(
                xml::kCalDav, "supported-calendar-data",
                "a calendar stores text/calendar, not " + request.header("Content-Type", ""));
          }
          if (!prepared || !prepared->fits(parent)) throw PreparedForOtherCalendar{};
          PreparedObject& object = prepared->object();
          requireUniqueUid(store, object.uid, parent, name);
          record.contentType = kCalendarType;
          record.uid = object.uid;
          record.componentType = object.componentType;
          sameAsSent = object.text == request.body;
          record.data = object.text;
          index = object.index;
        } else {
          record.contentType = request.header("Content-Type", "application/octet-stream");
          record.data = request.body;
          sameAsSent = true;
        }
        record.etag = contentETag(*record.data);
        etag = record.etag;
        created = !target.object;
        store.putObject(std::move(record), index);
      });
      break;
    } catch (const PreparedForOtherCalendar&) {
      if (attempt == 3)
        throw DavError::conflict("the calendar of " + request.path + " keeps changing; try again");
      prepared = prepare(lookUp(ctx, request, request.path));
    }
  }
  Response r = Response::empty(created ? 201 : 204);
  if (sameAsSent) r.set("ETag", etag);
  return r;
}

}  // namespace bookdav::caldav
