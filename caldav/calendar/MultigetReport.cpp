// RFC 4791 7.9 calendar-multiget: the named members with the requested properties.
#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/ReportSupport.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/Href.h"

namespace bookdav::caldav {

Response calendarMultigetReport(DavContext& ctx, const Request& request, pugi::xml_node root) {
  const ReportProperties props = ReportProperties::from(root);
  std::vector<std::string> hrefs;
  for (pugi::xml_node h : xml::elements(root)) {
    if (xml::is(h, xml::kDav, "href")) hrefs.push_back(xml::textOf(h));
  }
  if (hrefs.empty()) throw DavError::badRequest("calendar-multiget needs at least one DAV:href");
  std::string body;
  ctx.store.read([&](domain::CalendarReader& store) {
    auto [target, members] = reportTarget(ctx, store, request, ReportScope::Collections,
                                          "calendar-multiget works on calendar collections");
    const ical::TimeZoneContext zone = reportZone(root, *members);
    Multistatus ms;
    for (const std::string& href : hrefs) {
      auto path = destinationPath(href);
      if (!path) {
        ms.addStatus(href, 400);
        continue;
      }
      const std::string& base = members->collection()->path;
      if (path->size() <= base.size() || path->compare(0, base.size(), base) != 0 ||
          path->find('/', base.size()) != std::string::npos) {
        // Only members of the collection the report was sent to.
        ms.addStatus(encodePath(*path), ownerOfPath(*path) == request.user ? 404 : 403);
        continue;
      }
      auto o = members->get(path->substr(base.size()), props.needsData());
      if (!o) {
        ms.addStatus(encodePath(*path), 404);
        continue;
      }
      addMember(ms, ctx, request, store, *members, *o, props, zone);
    }
    body = ms.finish();
  });
  return Response::xml(207, std::move(body));
}

}  // namespace bookdav::caldav
