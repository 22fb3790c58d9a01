#include "caldav/dav/PropertyRequest.h"
#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

Response handlePropfind(DavContext& ctx, const Request& request) {
  const std::string depth = request.header("Depth", "0");
  if (depth != "0" && depth != "1") {
    if (depth == "infinity") {
      throw DavError::forbidden(xml::kDav, "propfind-finite-depth",
                                "PROPFIND with Depth: infinity is not supported");
    }
    throw DavError::badRequest("Depth must be 0, 1 or infinity, not '" + depth + "'");
  }
  const PropertyRequest props = PropertyRequest::fromPropfind(request.body);
  std::string body;
  ctx.store.read([&](domain::CalendarReader& store) {
    Resource target = resolve(ctx, request, store, request.path);
    if (!target.exists()) throw DavError::notFound(request.path + " does not exist");
    requireRead(request, target);
    Multistatus ms;
    auto add = [&](const Resource& r) {
      PropStats stats;
      describe(PropertyContext{request, r, store, ctx.accounts, ctx.booking, ctx.settings}, props, stats);
      ms.add(hrefOf(r), stats);
    };
    add(target);
    if (depth == "1") {
      for (const Resource& child : childrenOf(ctx, store, request, target)) add(child);
    }
    body = ms.finish();
  });
  Response r = Response::xml(207, std::move(body));
  return r;
}

}  // namespace bookdav::caldav
