// The calendar part of an iMIP e-mail (RFC 6047) about a booking: the booking's event as bookdav
// serves it (its UID, ORGANIZER the business, ATTENDEE the customer) with the iTIP METHOD (RFC 5546)
// and the SEQUENCE of the change that the message tells of.
#pragma once

#include <string>
#include <string_view>

namespace bookdav::caldav {

// `eventText`: a VCALENDAR with one VEVENT as BookingEventSource::bookingText writes it. `method`:
// "REQUEST" or "CANCEL" (which also marks the event STATUS:CANCELLED).
std::string imipCalendar(std::string_view eventText, std::string_view method, int sequence);

}  // namespace bookdav::caldav
