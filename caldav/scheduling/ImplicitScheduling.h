// Implicit scheduling (RFC 6638 §3.2) of events that invite a service: a PUT of the organizer's event
// into one of their own calendars books, reschedules or cancels through the booking desk in the same
// transaction that stores the event with the service's answer; a DELETE cancels. See README.md,
// "Booking by inviting a service".
#pragma once

#include <optional>

#include "caldav/calendar/ObjectIntake.h"
#include "caldav/dav/DavContext.h"

namespace bookdav::caldav {

// The PUT of a prepared object into a stored calendar of the user, when it invites a service or
// replaces an event whose booking is active; nullopt when implicit scheduling has nothing to do (the
// ordinary PUT then stores it).
std::optional<Response> putSchedulingObject(DavContext& ctx, const Request& request, const Resource& probe,
                                            const PreparedObject& prepared);

// The DELETE of a stored event whose booking is active: cancels it with the delete (a refused cancel
// answers 403 and keeps both); nullopt for every other resource.
std::optional<Response> deleteSchedulingObject(DavContext& ctx, const Request& request,
                                               const Resource& probe);

// 412 when If-Schedule-Tag-Match is sent and does not name the stored object's Schedule-Tag.
void checkScheduleTag(const Request& request, const std::optional<std::string>& current);

}  // namespace bookdav::caldav
