#include "caldav/methods/Methods.h"

namespace bookdav::caldav {

Response handleOptions(DavContext&, const Request&) {
  Response r = Response::empty(200);
  // Class 2 (locking) is not implemented and therefore not claimed.
  r.set("DAV", "1, 3, extended-mkcol, calendar-access, calendar-availability");
  r.set("Allow",
        "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, MKCOL, MKCALENDAR, COPY, MOVE, REPORT, POST");
  r.set("Accept-Ranges", "none");
  return r;
}

}  // namespace bookdav::caldav
