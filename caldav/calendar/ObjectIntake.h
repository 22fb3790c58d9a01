// Turning a PUT body into what a calendar collection stores: validated, normalised iCalendar text,
// its UID and component type, and its instance index.
#pragma once

#include <string>
#include <string_view>

#include "domain/calendar/CalendarStore.h"

namespace bookdav::caldav {

namespace ical {
class Component;
}

struct PreparedObject {
  std::string uid;
  std::string componentType;
  std::string text;  // what is stored and served
  domain::InstanceIndex index;
};

// Throws DavError 403 with CALDAV:valid-calendar-data, valid-calendar-object-resource or
// supported-calendar-component.
PreparedObject prepareCalendarObject(std::string_view body, const domain::CollectionRecord& calendar);

// prepareCalendarObject for the member `name` of `calendar`, refusing as well (403
// CALDAV:no-uid-conflict, naming the other member) when another member already has its UID.
PreparedObject prepareCalendarMember(domain::CalendarReader& store, std::string_view body,
                                     const domain::CollectionRecord& calendar, const std::string& name);

// The instance index of a parsed calendar object, computed at `now` (horizons are relative to it).
domain::InstanceIndex indexOf(const ical::Component& calendar, domain::Instant now);

}  // namespace bookdav::caldav
