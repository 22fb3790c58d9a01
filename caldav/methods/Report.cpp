#include "caldav/methods/Methods.h"
#include "caldav/methods/ReportSupport.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

Response handleReport(DavContext& ctx, const Request& request) {
  xml::Document doc = xml::Document::parse(request.body);
  pugi::xml_node root = doc.root();
  if (xml::is(root, xml::kDav, "sync-collection")) return syncCollectionReport(ctx, request, root);
  if (xml::is(root, xml::kCalDav, "calendar-multiget")) return calendarMultigetReport(ctx, request, root);
  if (xml::is(root, xml::kCalDav, "calendar-query")) return calendarQueryReport(ctx, request, root);
  if (xml::is(root, xml::kCalDav, "free-busy-query")) return freeBusyQueryReport(ctx, request, root);
  if (xml::is(root, xml::kDav, "principal-property-search"))
    return principalPropertySearchReport(ctx, request, root);
  if (xml::is(root, xml::kDav, "principal-search-property-set"))
    return principalSearchPropertySetReport(ctx, request, root);
  if (xml::is(root, xml::kCalendarServer, "calendarserver-principal-search"))
    return calendarServerPrincipalSearchReport(ctx, request, root);
  throw DavError::forbidden(xml::kDav, "supported-report",
                            "the report " + xml::nameOf(root).clark() + " is not supported here");
}

}  // namespace bookdav::caldav
