#include "caldav/dav/UrlSpace.h"
#include "caldav/methods/Methods.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

Response handleReport(DavContext&, const Request& request) {
  xml::Document doc = xml::Document::parse(request.body);
  xml::QName name = xml::nameOf(doc.root());
  throw DavError::forbidden(xml::kDav, "supported-report", "the report " + name.clark() + " is not supported here");
}

Response handlePost(DavContext&, const Request& request) {
  throw DavError::methodNotAllowed("POST is not supported on " + request.path);
}

}  // namespace bookdav::caldav
