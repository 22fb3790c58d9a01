#include "caldav/calendar/CalendarExport.h"

#include "caldav/ical/CalendarFile.h"

namespace bookdav::caldav {

std::string exportCalendar(const domain::CollectionRecord& calendar,
                           const std::vector<domain::ObjectRecord>& objects) {
  std::vector<std::string> texts;
  texts.reserve(objects.size());
  for (const auto& o : objects) {
    if (o.data && !o.componentType.empty()) texts.push_back(*o.data);
  }
  return ical::mergeForExport(texts, calendar.displayName);
}

}  // namespace bookdav::caldav
