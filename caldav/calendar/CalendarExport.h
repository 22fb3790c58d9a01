// A whole calendar collection as one text/calendar document (GET on a calendar, feeds, export), its
// text repaired where stored objects hold characters iCalendar text cannot (domain::repairText).
#pragma once

#include <string>
#include <vector>

#include "domain/calendar/CalendarStore.h"

namespace bookdav::caldav {

std::string exportCalendar(const domain::CollectionRecord& calendar,
                           const std::vector<domain::ObjectRecord>& objects);

}  // namespace bookdav::caldav
