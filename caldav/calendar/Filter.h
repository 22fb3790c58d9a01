// CALDAV:filter of a calendar-query REPORT (RFC 4791 §9.7), parsed and evaluated across recurrence
// with the one recurrence engine (caldav/ical/Recurrence.h).
//
// The whole grammar: comp-filter, prop-filter, param-filter, is-not-defined, text-match, time-range
// on VEVENT, VTODO, VJOURNAL, VFREEBUSY and VALARM (§9.9) and on date-valued properties.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "caldav/calendar/TextMatch.h"
#include "caldav/ical/Component.h"
#include "caldav/ical/ExpansionBudget.h"
#include "caldav/ical/TimeZoneContext.h"
#include "domain/time/Instant.h"

namespace bookdav::caldav::calendar {

using ical::TimeZoneContext;

class FilterError : public std::runtime_error {
 public:
  enum class Kind {
    InvalidFilter,         // 403 with CALDAV:valid-filter: the filter breaks the §9.7 grammar
    UnsupportedCollation,  // 403 with CALDAV:supported-collation
    InvalidTimeRange,      // 400 with CALDAV:valid-filter: a time-range start/end that is not UTC
  };
  FilterError(Kind which, std::string message)
      : std::runtime_error(message), which(which), message(std::move(message)) {}

  Kind which;
  std::string message;
};

struct ParamFilter {
  std::string name;  // upper-cased
  bool isNotDefined = false;
  std::optional<TextMatch> textMatch;
};

struct PropFilter {
  std::string name;  // upper-cased
  bool isNotDefined = false;
  std::optional<domain::Interval> timeRange;
  std::optional<TextMatch> textMatch;
  std::vector<ParamFilter> paramFilters;
};

struct CompFilter {
  std::string name;  // upper-cased
  bool isNotDefined = false;
  std::optional<domain::Interval> timeRange;
  std::vector<PropFilter> propFilters;
  std::vector<CompFilter> compFilters;
};

// What the index can pre-select: objects of this type whose instances meet the time range.
struct IndexHint {
  std::string componentType;                  // "VEVENT"
  std::optional<domain::Interval> timeRange;  // open ends are Instant::min()/max()
};

// A parsed filter is immutable: one may serve many objects and threads.
class Filter {
 public:
  // The CALDAV:filter element (namespaces resolved with caldav/xml). Throws FilterError.
  static Filter parse(pugi::xml_node filterElement);

  // Does this calendar object resource match? Floating times and DATEs are read in floatingZone.
  // Semantics: a comp-filter matches when some component of that name matches all its conditions;
  // for VEVENT, VTODO and VJOURNAL with a time-range (theirs or one on a VALARM inside) the
  // conditions are tested per instance (the instance's own component supplies the properties, and
  // its start/end the alarm times). A prop-filter matches when some property of that name meets
  // its time-range or text-match and all its param-filters; time-range on a property tests its
  // DATE-TIME (start <= value < end), DATE (the whole day) or PERIOD values as written.
  // Expanding instances is charged to budget (ExpansionTooComplex when it runs out).
  bool matches(const ical::Component& calendar, const TimeZoneContext& floatingZone,
               ical::ExpansionBudget& budget) const;

  // The top-level VCALENDAR > Vxxx comp-filter (the first one that is not is-not-defined), for
  // pre-selecting candidates; nullopt when there is none.
  std::optional<IndexHint> indexHint() const;
  // True when the filter is exactly VCALENDAR > one comp-filter (VEVENT, VTODO, VJOURNAL,
  // VFREEBUSY or VAVAILABILITY) holding at most a time-range: then the index answers it alone
  // (exact spans directly; inexact and floating ones after a re-check with matches()).
  bool isPlainTimeRange() const;

  const CompFilter& root() const { return root_; }

 private:
  CompFilter root_;
};

}  // namespace bookdav::caldav::calendar
