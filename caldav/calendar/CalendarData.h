// CALDAV:calendar-data as a REPORT or PROPFIND asks for it (RFC 4791 §9.6), and render(), which
// applies such a request (comp/prop selection, expand, limit-*-set) to a stored calendar object.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "caldav/ical/ExpansionBudget.h"
#include "caldav/ical/TimeZoneContext.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav::calendar {

using ical::TimeZoneContext;

class CalendarDataRequestError : public std::runtime_error {
 public:
  enum class Kind {
    UnsupportedCalendarData,  // 403 with CALDAV:supported-calendar-data: content-type/version
    InvalidRequest,           // 400: malformed selection, expand without start/end, bad dates
  };
  CalendarDataRequestError(Kind which, std::string message)
      : std::runtime_error(message), which(which), message(std::move(message)) {}

  Kind which;
  std::string message;
};

struct PropSelection {
  std::string name;  // upper-cased
  bool noValue = false;
};

// A CALDAV:comp element: no prop children and no allprop means no properties; likewise for
// components (RFC 4791 §9.6.1).
struct CompSelection {
  std::string name;  // upper-cased
  bool allProperties = false;
  std::vector<PropSelection> properties;
  bool allComponents = false;
  std::vector<CompSelection> components;
};

struct CalendarDataRequest {
  // The CALDAV:calendar-data element (in a REPORT's DAV:prop, or a PROPFIND). Throws
  // CalendarDataRequestError.
  static CalendarDataRequest parse(pugi::xml_node calendarDataElement);

  // nullopt: every component and property (also for <comp name="VCALENDAR"><allprop/><allcomp/>).
  std::optional<CompSelection> selection;
  // Every instance meeting the range as its own component, in UTC (§9.6.5).
  std::optional<domain::Interval> expand;
  // The master and only the overrides meeting the range (§9.6.6).
  std::optional<domain::Interval> limitRecurrenceSet;
  // Only the FREEBUSY periods meeting the range (§9.6.7).
  std::optional<domain::Interval> limitFreeBusySet;

  // True when render() returns the stored text unchanged, without parsing it.
  bool selectsEverything() const { return !selection && !expand && !limitRecurrenceSet && !limitFreeBusySet; }
};

// The calendar-data to send for one stored object (text as parseObject produced it). With
// selectsEverything() the stored text itself. Otherwise CRLF, folded iCalendar.
// expand: each instance (overrides applied, STATUS:CANCELLED ones included) as its own VEVENT/
// VTODO/VJOURNAL with RECURRENCE-ID, DTSTART and DTEND/DUE in UTC (floating times read in
// floatingZone; DATE values stay DATEs), without RRULE/RDATE/EXDATE/EXRULE; VTIMEZONEs are dropped.
// Expanding is charged to budget (ExpansionTooComplex when it runs out).
std::string render(std::string_view storedText, const CalendarDataRequest& request,
                   const TimeZoneContext& floatingZone, ical::ExpansionBudget& budget);

}  // namespace bookdav::caldav::calendar
