// The public booking pages under /book/ (README, "Public booking pages"): the page that books
// (services, times, details, confirmation), the manage page /book/manage/<token>, their CSS and
// JavaScript modules (embedded, server/web/Assets.h), and a guest booking as an .ics file. The pages
// render everything in the browser from the JSON API's guest endpoints, setting business text as
// text (never as markup), under a strict Content-Security-Policy. Only for a public business.
#pragma once

#include <string_view>

#include "caldav/webdav/Message.h"
#include "server/Backend.h"
#include "server/api/GuestThrottle.h"

namespace bookdav::server::web {

class BookingPages {
 public:
  BookingPages(Backend& backend, api::GuestThrottle& guests) : backend_(backend), guests_(guests) {}

  static bool owns(std::string_view path);  // "/book", "/book/..."
  // GET and HEAD only; 404 for everything when the business is not public.
  caldav::Response handle(const caldav::Request& request);

 private:
  caldav::Response bookingIcs(const caldav::Request& request, std::string_view token);

  Backend& backend_;
  api::GuestThrottle& guests_;
};

// The headers every page and asset carries: the Content-Security-Policy (nothing inline, nothing from
// elsewhere), no sniffing, no referrer (a manage link's token stays in the address bar), no framing.
void setPageHeaders(caldav::Response& response);
// A page or asset by file name (404 when there is none); HTML pages are not cached.
caldav::Response assetResponse(std::string_view name);
// A short HTML page saying what went wrong (404 and the like), escaped.
caldav::Response messagePage(int status, std::string_view message);

}  // namespace bookdav::server::web
