#include "caldav/calendar/CalendarExport.h"

#include "caldav/ical/CalendarFile.h"
#include "domain/text/ValidText.h"

namespace bookdav::caldav {

std::string exportCalendar(const domain::CollectionRecord& calendar,
                           const std::vector<domain::ObjectRecord>& objects) {
  std::vector<std::string> texts;
  texts.reserve(objects.size());
  for (const auto& o : objects) {
    if (o.data && !o.componentType.empty()) texts.push_back(*o.data);
  }
  // Objects stored before bookdav refused control characters in iCalendar text may hold some.
  std::string merged = ical::mergeForExport(texts, calendar.displayName);
  if (!domain::isValidText(merged, domain::Controls::TabAndNewlines))
    merged = domain::repairText(merged, domain::Controls::TabAndNewlines);
  return merged;
}

}  // namespace bookdav::caldav
