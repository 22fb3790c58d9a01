// /api/v1/notification-settings: what the signed-in user wants to be told. GET answers
// {"reminders": true|false}; PUT {"reminders": false} opts out of reminders before their bookings
// (the ones already queued are superseded), {"reminders": true} opts back in for changes to come.
#include "caldav/dav/LiveProperties.h"
#include "domain/notify/Reminders.h"
#include "server/api/ApiError.h"
#include "server/api/Endpoints.h"
#include "server/api/JsonOutput.h"

namespace bookdav::server::api {

caldav::Response notificationSettingsEndpoint(ApiCall& call) {
  if (!call.rest.empty()) throw ApiError::notFound("there is nothing at " + call.request.path);
  call.allow({"GET", "PUT"});
  call.finishQuery();
  const std::string& user = call.caller.user();
  if (call.is("PUT")) {
    JsonFields body = call.body();
    std::optional<bool> reminders = body.boolean("reminders");
    if (!reminders)
      body.fail("reminders", "is required: true to be reminded before your bookings, false not to");
    body.finish();
    std::string address;
    if (auto account = call.backend.accounts.find(user)) {
      address = caldav::calendarUserAddress(*account, call.backend.dav.settings());
      if (address.rfind("mailto:", 0) == 0) address.erase(0, 7);
    }
    call.backend.notifications.write([&](domain::BookingData& data, domain::notify::NotificationRows& rows) {
      domain::notify::setRemindersOff(data, rows, user, !*reminders, address);
    });
  }
  bool off = false;
  call.backend.notifications.read(
      [&](domain::notify::NotificationRows& rows) { off = rows.remindersOff(user); });
  JsonObject o = newObject();
  o->set("reminders", !off);
  return jsonResponse(200, o);
}

}  // namespace bookdav::server::api
