#include "caldav/calendar/FreeBusy.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "caldav/ical/IcalTime.h"
#include "caldav/ical/Recurrence.h"

namespace bookdav::caldav::calendar {
namespace {

using domain::Instant;
using domain::Interval;

const char* fbtypeParameter(FbType t) {
  switch (t) {
    case FbType::Free:
      return ";FBTYPE=FREE";
    case FbType::Busy:
      return "";
    case FbType::BusyTentative:
      return ";FBTYPE=BUSY-TENTATIVE";
    case FbType::BusyUnavailable:
      return ";FBTYPE=BUSY-UNAVAILABLE";
  }
  return "";
}

std::optional<FbType> fbtypeOf(ical::BusyType b) {
  switch (b) {
    case ical::BusyType::Busy:
      return FbType::Busy;
    case ical::BusyType::BusyTentative:
      return FbType::BusyTentative;
    case ical::BusyType::BusyUnavailable:
      return FbType::BusyUnavailable;
    case ical::BusyType::None:
      break;
  }
  return std::nullopt;
}

std::optional<Interval> clip(Interval i, Interval range) {
  Interval c{std::max(i.start, range.start), std::min(i.end, range.end)};
  if (c.end <= c.start) return std::nullopt;
  return c;
}

}  // namespace

std::string renderFreeBusy(std::span<const FreeBusyPeriod> periods, Interval range,
                           const FreeBusyOptions& options) {
  if (range.start == Instant::min() || range.end == Instant::max() || range.end < range.start)
    throw std::invalid_argument("a VFREEBUSY needs a finite range");
  std::vector<FreeBusyPeriod> out;
  out.reserve(periods.size());
  for (const FreeBusyPeriod& p : periods)
    if (std::optional<Interval> c = clip(p.interval, range)) out.push_back({*c, p.type});
  std::sort(out.begin(), out.end(), [](const FreeBusyPeriod& a, const FreeBusyPeriod& b) {
    if (a.type != b.type) return a.type < b.type;
    if (a.interval.start != b.interval.start) return a.interval.start < b.interval.start;
    return a.interval.end < b.interval.end;
  });
  std::vector<FreeBusyPeriod> merged;
  for (const FreeBusyPeriod& p : out) {
    bool mergeable = p.type != FbType::Free || options.mergeFree;
    if (mergeable && !merged.empty() && merged.back().type == p.type &&
        merged.back().interval.end >= p.interval.start) {
      merged.back().interval.end = std::max(merged.back().interval.end, p.interval.end);
    } else {
      merged.push_back(p);
    }
  }
  std::stable_sort(merged.begin(), merged.end(), [](const FreeBusyPeriod& a, const FreeBusyPeriod& b) {
    return a.interval.start < b.interval.start;
  });

  Instant stamp = options.dtstamp.value_or(
      std::chrono::time_point_cast<domain::Seconds>(std::chrono::system_clock::now()));
  std::string text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav//bookdav//EN\r\nBEGIN:VFREEBUSY\r\n";
  if (!options.uid.empty()) text += "UID:" + options.uid + "\r\n";  // callers pass plain ids
  text += "DTSTAMP:" + ical::formatUtc(stamp) + "\r\n";
  text += "DTSTART:" + ical::formatUtc(range.start) + "\r\n";
  text += "DTEND:" + ical::formatUtc(range.end) + "\r\n";
  for (const FreeBusyPeriod& p : merged) {
    text += "FREEBUSY";
    text += fbtypeParameter(p.type);
    text += ":" + ical::formatUtc(p.interval.start) + "/" + ical::formatUtc(p.interval.end) + "\r\n";
  }
  text += "END:VFREEBUSY\r\nEND:VCALENDAR\r\n";
  return text;
}

std::vector<FreeBusyPeriod> busyFromCalendar(const ical::Component& calendar, Interval range,
                                             const TimeZoneContext& floatingZone,
                                             ical::ExpansionBudget& budget) {
  std::vector<FreeBusyPeriod> out;
  ical::InstanceOptions options;
  options.floatingZone = &floatingZone;
  ical::forEachInstance(
      calendar, range,
      [&](const ical::Instance& in) {
        std::optional<FbType> type = fbtypeOf(in.busy);
        if (!type) return true;
        if (std::optional<Interval> c = clip(Interval{in.start, in.end}, range)) out.push_back({*c, *type});
        return true;
      },
      budget, options);
  return out;
}

}  // namespace bookdav::caldav::calendar
