#include "caldav/DavService.h"
#include "caldav/methods/Methods.h"

namespace bookdav::caldav {

Response handleOptions(DavContext&, const Request& request) {
  Response r = Response::empty(200);
  // Class 2 (locking) is not implemented and therefore not claimed.
  r.set("DAV", "1, 3, extended-mkcol, calendar-access, calendar-availability, calendar-auto-schedule");
  r.set("Allow", allowedMethods(request.path));
  r.set("Accept-Ranges", "none");
  return r;
}

}  // namespace bookdav::caldav
