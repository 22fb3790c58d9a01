#include "server/web/BookingPages.h"

#include "caldav/booking/BookingEventSource.h"
#include "server/HtmlText.h"
#include "server/api/ManageToken.h"
#include "server/web/Assets.h"

namespace bookdav::server::web {
namespace {

constexpr std::string_view kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

}  // namespace

void setPageHeaders(caldav::Response& r) {
  r.set("Content-Security-Policy", std::string(kCsp));
  r.set("X-Content-Type-Options", "nosniff");
  r.set("Referrer-Policy", "no-referrer");
  r.set("X-Frame-Options", "DENY");
}

caldav::Response assetResponse(std::string_view name) {
  const Asset* asset = findAsset(name);
  if (!asset) return messagePage(404, "There is no such page.");
  caldav::Response r;
  r.status = 200;
  r.body = std::string(asset->body);
  r.set("Content-Type", std::string(contentType(name)));
  r.set("Cache-Control", name.ends_with(".html") ? "no-store" : "no-cache");
  setPageHeaders(r);
  return r;
}

caldav::Response messagePage(int status, std::string_view message) {
  caldav::Response r;
  r.status = status;
  r.body =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>" +
      htmlEscape(message) +
      "</title><link rel=\"stylesheet\" href=\"/desk/assets/book.css\"></head>"
      "<body><main class=\"page\"><h1>" +
      htmlEscape(message) + "</h1></main></body></html>\n";
  r.set("Content-Type", "text/html; charset=utf-8");
  r.set("Cache-Control", "no-store");
  setPageHeaders(r);
  return r;
}

bool BookingPages::owns(std::string_view path) {
  return path == "/book" || path.starts_with("/book/");
}

caldav::Response BookingPages::handle(const caldav::Request& request) {
  const std::string& path = request.path;
  if (request.method != "GET" && request.method != "HEAD") {
    caldav::Response r = messagePage(405, "This page can only be read.");
    r.set("Allow", "GET, HEAD");
    return r;
  }
  if (!backend_.booking.desk.publicBooking())
    return messagePage(404, "This business does not take bookings online.");
  if (path == "/book") {
    caldav::Response r = caldav::Response::empty(301);
    r.set("Location", "/book/");
    return r;
  }
  if (path == "/book/") return assetResponse("book.html");
  constexpr std::string_view kAssets = "/book/assets/";
  if (path.starts_with(kAssets)) {
    std::string_view name = std::string_view(path).substr(kAssets.size());
    if (name.ends_with(".html")) return messagePage(404, "There is no such page.");
    return assetResponse(name);
  }
  constexpr std::string_view kManage = "/book/manage/";
  if (path.starts_with(kManage)) {
    std::string_view rest = std::string_view(path).substr(kManage.size());
    const size_t slash = rest.find('/');
    std::string_view token = rest.substr(0, slash);
    if (slash == std::string_view::npos) return assetResponse("manage.html");
    if (rest.substr(slash) == "/booking.ics") return bookingIcs(request, token);
  }
  return messagePage(404, "There is no such page.");
}

caldav::Response BookingPages::bookingIcs(const caldav::Request& request, std::string_view token) {
  if (auto wait = guests_.lookup(request.clientAddress)) {
    caldav::Response r = messagePage(429, "Too many links that find no booking; try again later.");
    r.set("Retry-After", std::to_string(wait->count()));
    return r;
  }
  std::optional<domain::Booking> booking;
  if (api::looksLikeManageToken(token)) booking = backend_.booking.desk.findByManageToken(token);
  if (!booking) {
    guests_.missed(request.clientAddress);
    return messagePage(404, "There is no booking with this link.");
  }
  std::optional<std::string> text;
  backend_.notifications.read([&](domain::notify::NotificationRows& reminders) {  // its VALARMs
    text = backend_.booking.store.reading([&](domain::BookingData& data) {
      caldav::BookingEventSource source(data, backend_.accounts, backend_.dav.settings(), &reminders);
      return source.bookingText(*booking);
    });
  });
  if (!text) return messagePage(404, "The service of this booking is no longer offered.");
  caldav::Response r;
  r.status = 200;
  r.body = std::move(*text);
  r.set("Content-Type", "text/calendar; charset=utf-8");
  r.set("Content-Disposition", "attachment; filename=\"booking.ics\"");
  r.set("Cache-Control", "no-store");
  setPageHeaders(r);
  return r;
}

}  // namespace bookdav::server::web
