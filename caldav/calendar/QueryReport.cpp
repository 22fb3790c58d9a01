// RFC 4791 7.8 calendar-query and 7.10 free-busy-query (the filter engine comes with caldav/ical).
#include "caldav/methods/ReportSupport.h"
#include "caldav/webdav/DavError.h"

namespace bookdav::caldav {

Response calendarQueryReport(DavContext&, const Request&, pugi::xml_node) {
  throw DavError(501, std::nullopt, "calendar-query is not available yet");
}

Response freeBusyQueryReport(DavContext&, const Request&, pugi::xml_node) {
  throw DavError(501, std::nullopt, "free-busy-query is not available yet");
}

}  // namespace bookdav::caldav
