// The RFC 6638 properties of principals (users, services, resources) and of scheduling object
// resources: calendar-user-address-set, calendar-user-type, CalendarServer's email-address-set,
// schedule-inbox-URL, schedule-outbox-URL and schedule-tag. Listed in LiveProperties' table.
#pragma once

#include "caldav/dav/LiveProperties.h"
#include "caldav/xml/XmlWriter.h"

namespace bookdav::caldav {

bool getCalendarUserAddressSet(const PropertyContext& c, xml::XmlWriter& w);
bool getCalendarUserType(const PropertyContext& c, xml::XmlWriter& w);
bool getEmailAddressSet(const PropertyContext& c, xml::XmlWriter& w);
bool getScheduleInboxUrl(const PropertyContext& c, xml::XmlWriter& w);
bool getScheduleOutboxUrl(const PropertyContext& c, xml::XmlWriter& w);
bool getScheduleTag(const PropertyContext& c, xml::XmlWriter& w);

}  // namespace bookdav::caldav
