#include <map>

#include "caldav/calendar/ObjectIntake.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "caldav/webdav/Href.h"

namespace bookdav::caldav {
namespace {

using domain::CalendarWriter;
using domain::CollectionKind;
using domain::CollectionRecord;
using domain::ObjectRecord;

// Calendar objects parsed, checked and indexed for their destination before the write transaction,
// by source object id; the transaction only looks them up.
struct Prepared {
  std::string etag;  // of the source it was prepared from
  PreparedBody body;
};
using Preparations = std::map<std::int64_t, Prepared>;

void prepareObject(Preparations& out, const ObjectRecord& source, const CollectionRecord& target) {
  if (target.kind != CollectionKind::Calendar || !source.data) return;
  out.insert_or_assign(source.id, Prepared{source.etag, PreparedBody(*source.data, target)});
}

void copyDeadProperties(CalendarWriter& store, domain::ResourceRef from, domain::ResourceRef to) {
  for (const auto& p : store.deadProperties(from)) store.setDeadProperty(to, p);
}

// Stores a copy of `source` (with data) as `name` in `target`: calendar data as it was prepared
// for the target (PreparedForOtherCalendar when the source or the target changed since).
void copyObject(CalendarWriter& store, const ObjectRecord& source,
                const std::vector<domain::DeadProperty>& props, const CollectionRecord& target,
                const std::string& name, Preparations& prepared) {
  ObjectRecord copy = source;
  copy.id = 0;
  copy.collectionId = target.id;
  copy.name = name;
  domain::InstanceIndex index;
  if (target.kind == CollectionKind::Calendar) {
    auto it = prepared.find(source.id);
    if (it == prepared.end() || it->second.etag != source.etag || !it->second.body.fits(target))
      throw PreparedForOtherCalendar{};
    const PreparedObject& object = it->second.body.object();
    requireUniqueUid(store, object.uid, target, name);
    copy.uid = object.uid;
    copy.componentType = object.componentType;
    copy.contentType = "text/calendar; charset=utf-8";
    copy.data = object.text;
    copy.etag = contentETag(*copy.data);
    index = object.index;
  } else {
    copy.uid.clear();
    copy.componentType.clear();
  }
  ObjectRecord stored = store.putObject(std::move(copy), index);
  for (const auto& p : props) store.setDeadProperty({false, stored.id}, p);
}

void copyTree(CalendarWriter& store, const CollectionRecord& source, const std::string& destination,
              bool deep, Preparations& prepared) {
  std::vector<CollectionRecord> tree =
      deep ? store.subtree(source.path) : std::vector<CollectionRecord>{source};
  for (const CollectionRecord& c : tree) {
    CollectionRecord copy = c;
    copy.id = 0;
    copy.feedTokenDigest.clear();
    copy.newFeedToken.clear();
    copy.path = destination + c.path.substr(source.path.size());
    copy = store.createCollection(copy);
    copyDeadProperties(store, {true, c.id}, {true, copy.id});
    if (!deep) continue;
    for (const ObjectRecord& o : store.objects(c.id, true)) {
      copyObject(store, o, store.deadProperties({false, o.id}), copy, o.name, prepared);
    }
  }
}

}  // namespace

Response handleCopyMove(DavContext& ctx, const Request& request) {
  const bool move = request.method == "MOVE";
  auto destinationHeader = request.header("Destination");
  if (!destinationHeader) throw DavError::badRequest(request.method + " needs a Destination header");
  auto destination = destinationPath(*destinationHeader);
  if (!destination) throw DavError::badRequest("the Destination header is not a URL on this server");
  const std::string overwrite = request.header("Overwrite", "T");
  if (overwrite != "T" && overwrite != "F") throw DavError::badRequest("Overwrite must be T or F");
  const std::string depth = request.header("Depth", "infinity");
  if (depth != "0" && depth != "infinity") throw DavError::badRequest("Depth must be 0 or infinity here");

  if (lookUp(ctx, request, request.path).isComputed() || lookUp(ctx, request, *destination).isComputed()) {
    throw DavError::forbidden(
        xml::kDav, "need-privileges",
        "booking calendars are made by bookdav: book, reschedule and cancel there instead");
  }
  // Calendar data is parsed, checked and indexed for its destination first, from a read snapshot,
  // so that the write transaction never waits for it.
  Preparations prepared;
  auto prepare = [&] {
    prepared.clear();
    ctx.store.read([&](domain::CalendarReader& store) {
      Resource source = resolve(ctx, request, store, request.path);
      try {
        requireRead(request, source);
      } catch (const DavError&) {
        return;  // the transaction refuses it
      }
      if (source.kind == ResourceKind::Object) {
        auto parent = store.collection(parentPath(*destination));
        auto full = store.object(source.collection->id, source.object->name, true);
        if (parent && full) prepareObject(prepared, *full, *parent);
      } else if (source.isStoredCollection() && depth == "infinity" && !move) {
        for (const CollectionRecord& c : store.subtree(source.path))
          for (const ObjectRecord& o : store.objects(c.id, true)) prepareObject(prepared, o, c);
      }
    });
  };
  prepare();

  bool replaced = false;
  for (int attempt = 1;; ++attempt) {
    try {
      replaced = false;
      ctx.store.write([&](CalendarWriter& store) {
        Resource source = resolve(ctx, request, store, request.path);
        if (!source.exists()) throw DavError::notFound(request.path + " does not exist");
        if (move)
          requireWrite(request, source);
        else
          requireRead(request, source);
        // If-Match / If-None-Match name the source (RFC 9110 13.1), compared in this transaction.
        if (source.kind == ResourceKind::Object)
          checkWritePreconditions(request, source.object->etag);
        else if (source.isStoredCollection())
          checkWritePreconditions(request,
                                  collectionETag(*source.collection, store.syncSeq(*source.collection)));
        Resource target = resolve(ctx, request, store, *destination);
        requireWrite(request, target);
        if (source.kind != ResourceKind::Object &&
            !(source.kind == ResourceKind::Calendar || source.kind == ResourceKind::Collection)) {
          throw DavError::forbidden(xml::kDav, "need-privileges", source.path + " cannot be copied or moved");
        }
        const std::string targetPath = source.isCollection() ? asCollectionPath(*destination) : *destination;
        if (targetPath == source.path || asCollectionPath(targetPath) == asCollectionPath(source.path)) {
          throw DavError::forbidden(xml::kDav, "need-privileges", "the source and destination are the same");
        }
        if (source.isCollection() && targetPath.rfind(source.path, 0) == 0) {
          throw DavError::forbidden(xml::kDav, "need-privileges",
                                    "a collection cannot be copied into itself");
        }
        if (move && source.isCollection() && depth != "infinity") {
          throw DavError::badRequest("MOVE of a collection needs Depth: infinity");
        }
        auto parent = store.collection(parentPath(targetPath));
        if (!parent) throw DavError::conflict("the destination's parent collection does not exist");
        if (target.exists()) {
          if (overwrite == "F")
            throw DavError::preconditionFailed(*destination + " exists and Overwrite is F");
          if (target.kind == ResourceKind::Object)
            store.deleteObject(target.collection->id, target.object->name);
          else if (target.kind == ResourceKind::Calendar || target.kind == ResourceKind::Collection)
            store.deleteTree(target.path);
          else
            throw DavError::forbidden(xml::kDav, "need-privileges", target.path + " cannot be replaced");
          replaced = true;
          parent = store.collection(parent->path);
        }

        if (source.kind == ResourceKind::Object) {
          if (parent->kind == CollectionKind::Home) {
            throw DavError::forbidden(xml::kDav, "need-privileges", "a calendar home holds calendars only");
          }
          auto full = store.object(source.collection->id, source.object->name, true);
          auto props = store.deadProperties({false, full->id});
          // A move frees the source's name and UID first: moving within one calendar is no UID clash.
          if (move) store.deleteObject(source.collection->id, source.object->name);
          copyObject(store, *full, props, *parent, lastSegment(targetPath), prepared);
          return;
        }
        if (parent->kind == CollectionKind::Calendar) {
          throw DavError::forbidden(xml::kCalDav, "calendar-collection-location-ok",
                                    "collections cannot be placed inside a calendar");
        }
        if (move)
          store.moveTree(source.path, targetPath);
        else
          copyTree(store, *source.collection, targetPath, depth == "infinity", prepared);
      });
      break;
    } catch (const PreparedForOtherCalendar&) {
      if (attempt == 3) throw DavError::conflict("the source or destination keeps changing; try again");
      prepare();
    }
  }
  return Response::empty(replaced ? 204 : 201);
}

}  // namespace bookdav::caldav
