#include "caldav/calendar/CalendarExport.h"

namespace bookdav::caldav {

std::string exportCalendar(const domain::CollectionRecord& calendar, const std::vector<domain::ObjectRecord>& objects) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav//bookdav 0.1//EN\r\n";
  if (!calendar.displayName.empty()) out += "X-WR-CALNAME:" + calendar.displayName + "\r\n";
  for (const auto& o : objects) {
    if (!o.data) continue;
    const std::string& d = *o.data;
    size_t begin = d.find("\r\nBEGIN:V", d.find("BEGIN:VCALENDAR") + 15);
    size_t end = d.rfind("END:VCALENDAR");
    if (begin == std::string::npos || end == std::string::npos || end < begin) continue;
    out += d.substr(begin + 2, end - begin - 2);
  }
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace bookdav::caldav
