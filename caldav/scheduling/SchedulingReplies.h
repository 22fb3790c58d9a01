// The business's side reaching the organizer (RFC 6638 §3.2, RFC 5546): a consumer of booking events
// (domain/booking/BookingEvent.h) that brings the organizer's copy of each invitation in line with its
// booking (PARTSTAT, times, STATUS:CANCELLED) and drops an iTIP message in the organizer's inbox/ for
// every change the business made: REPLY when it approves, declines or promotes from the waitlist,
// REQUEST when it moves the booking, CANCEL when it cancels. Changes the organizer made themself
// update the copy only when it differs (a cancel through the JSON API) and send no message.
//
// Run after every request that may have appended events and at start-up: events are read and the
// new texts parsed and built outside any write transaction; one write transaction then stores them
// (if the copies are unchanged meanwhile), the messages, and the consumer's position, so each event
// is dealt with once even when several requests deliver at the same time.
#pragma once

#include <string_view>

#include "caldav/dav/DavContext.h"

namespace bookdav::caldav {

inline constexpr std::string_view kSchedulingConsumer = "scheduling";

// Deals with every booking event after the consumer's position; returns how many it dealt with.
int deliverSchedulingMessages(DavContext& ctx);

}  // namespace bookdav::caldav
