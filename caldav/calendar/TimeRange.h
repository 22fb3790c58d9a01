// The start/end attributes of CALDAV:time-range, expand, limit-recurrence-set and
// limit-freebusy-set (RFC 4791 §9.9, §9.6.5-7): UTC date-times, open ends as Instant::min()/max().
#pragma once

#include <stdexcept>
#include <string>

#include <pugixml.hpp>

#include "domain/time/Instant.h"

namespace bookdav::caldav::calendar {

// A start or end that is missing where required, not "YYYYMMDDTHHMMSSZ", or an end before the start.
class TimeRangeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Bounds { AtLeastOne, Both };

domain::Interval parseTimeRange(pugi::xml_node element, Bounds required);

}  // namespace bookdav::caldav::calendar
