#include "caldav/webdav/DavError.h"

#include "caldav/xml/XmlWriter.h"

namespace bookdav::caldav {

Response DavError::toResponse() const {
  xml::XmlWriter w;
  w.open(xml::kDav, "error");
  if (precondition_ && hrefs_.empty()) w.empty(*precondition_);
  if (precondition_ && !hrefs_.empty()) {
    w.open(*precondition_);
    for (const std::string& href : hrefs_) w.leaf(xml::kDav, "href", href);
    w.close();
  }
  w.leaf(xml::kBookdav, "message", what());
  Response r = Response::xml(status_, w.finish());
  return r;
}

}  // namespace bookdav::caldav
