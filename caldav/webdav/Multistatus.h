// Builds a 207 Multi-Status body (RFC 4918 13): one <response> per href, properties grouped into
// one <propstat> per status, optional sync-token (RFC 6578).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "caldav/xml/XmlWriter.h"

namespace bookdav::caldav {

// The properties of one resource, sorted by the status they are reported with.
class PropStats {
 public:
  // The writer for properties found (200); write each property element into it.
  xml::XmlWriter& found() { return writerFor(200); }
  // Appends an empty element of a property reported with status (404, 403, 424, ...).
  void add(int status, const xml::QName& name);
  xml::XmlWriter& writerFor(int status);
  bool empty() const { return byStatus_.empty(); }

 private:
  friend class Multistatus;
  std::map<int, xml::XmlWriter> byStatus_;
};

class Multistatus {
 public:
  Multistatus();
  // href must already be percent-encoded (see encodePath).
  void add(std::string_view href, PropStats& props);
  void addStatus(std::string_view href, int status);
  // A <response> with a status and a precondition <error>.
  void addError(std::string_view href, int status, const xml::QName& precondition);
  void setSyncToken(std::string token) { syncToken_ = std::move(token); }
  std::string finish();

 private:
  xml::XmlWriter out_;
  std::string syncToken_;
};

}  // namespace bookdav::caldav
