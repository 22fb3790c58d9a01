// The endpoint families of the JSON API, one file each; JsonApi picks one by the path segment after
// /api/v1/. Each throws ApiError, InvalidInput or domain::Refused for refusals.
#pragma once

#include "caldav/webdav/Message.h"
#include "server/api/ApiCall.h"

namespace bookdav::server::api {

caldav::Response servicesEndpoint(ApiCall& call);      // /services[/{id}[/schedule]]
caldav::Response resourcesEndpoint(ApiCall& call);     // /resources[/{id}[/working-hours]]
caldav::Response sessionsEndpoint(ApiCall& call);      // /sessions[/{id}]
caldav::Response availabilityEndpoint(ApiCall& call);  // /availability/query
caldav::Response bookingsEndpoint(ApiCall& call);      // /bookings[/{id}[/cancel|confirm|decline|reschedule]]
caldav::Response calendarEndpoint(ApiCall& call);      // /calendar
caldav::Response meEndpoint(ApiCall& call);            // /me
caldav::Response notificationsEndpoint(ApiCall& call);         // /notifications[/{id}[/retry]]
caldav::Response webhooksEndpoint(ApiCall& call);              // /webhooks[/{id}[/ping]]
caldav::Response notificationSettingsEndpoint(ApiCall& call);  // /notification-settings

}  // namespace bookdav::server::api
