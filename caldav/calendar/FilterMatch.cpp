// Filter::matches: evaluating a parsed CALDAV:filter against one calendar object resource.
#include <libical/ical.h>

#include <algorithm>

#include "caldav/calendar/Filter.h"
#include "caldav/ical/Alarms.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/ical/Recurrence.h"

namespace bookdav::caldav::calendar {
namespace {

using domain::Instant;
using domain::Interval;
using domain::Seconds;
using ical::Instance;

constexpr Seconds kOneDay{86400};

bool recurringKind(const std::string& name) {
  return name == "VEVENT" || name == "VTODO" || name == "VJOURNAL";
}

bool overlapsPoint(Instant at, Interval range) {
  return range.start <= at && at < range.end;
}

class Evaluation {
 public:
  Evaluation(const TimeZoneContext& zone, ical::ExpansionBudget& budget)
      : zone_(zone), fz_(zone.zone()), budget_(budget) {}

  bool calendar(const CompFilter& root, icalcomponent* cal) const {
    if (root.isNotDefined) return false;
    if (!props(root, cal)) return false;
    for (const CompFilter& child : root.compFilters)
      if (!topLevel(child, cal)) return false;
    return true;
  }

 private:
  // A comp-filter on the children of VCALENDAR.
  bool topLevel(const CompFilter& f, icalcomponent* cal) const {
    std::vector<icalcomponent*> candidates = ical::childComponents(cal, f.name);
    if (f.isNotDefined) return candidates.empty();
    if (candidates.empty()) return false;
    if (recurringKind(f.name) && needsInstances(f)) return byInstance(f, cal, candidates);
    for (icalcomponent* c : candidates) {
      if (f.timeRange && !componentInRange(c, f.name, *f.timeRange)) continue;
      if (props(f, c) && children(f, c, nullptr)) return true;
    }
    return false;
  }

  static bool needsInstances(const CompFilter& f) {
    if (f.timeRange) return true;
    return std::any_of(f.compFilters.begin(), f.compFilters.end(),
                       [](const CompFilter& c) { return c.name == "VALARM" && c.timeRange; });
  }

  // Per instance: the instance meets the time-range, its component the prop-filters, and its
  // alarms (at this instance's times) the nested comp-filters.
  bool byInstance(const CompFilter& f, icalcomponent* cal,
                  const std::vector<icalcomponent*>& candidates) const {
    Interval range;
    if (f.timeRange) {
      range = *f.timeRange;
    } else {
      // Only alarm time-ranges: visit the instances whose alarms can reach them.
      Seconds reach{0};
      Instant lo = Instant::max(), hi = Instant::min();
      for (const CompFilter& c : f.compFilters) {
        if (c.name != "VALARM" || !c.timeRange) continue;
        lo = std::min(lo, c.timeRange->start);
        hi = std::max(hi, c.timeRange->end);
      }
      for (icalcomponent* comp : candidates)
        for (icalcomponent* alarm : ical::childComponents(comp, "VALARM"))
          if (std::optional<Seconds> r = ical::triggerReach(alarm)) reach = std::max(reach, *r);
      range = Interval{ical::addSaturating(lo, -(reach + kOneDay)), ical::addSaturating(hi, reach + kOneDay)};
      // Absolute triggers do not depend on the instance: test each component once.
      for (icalcomponent* comp : candidates)
        if (props(f, comp) && children(f, comp, nullptr)) return true;
    }
    ical::InstanceOptions options;
    options.floatingZone = &zone_;
    options.componentType = f.name;
    bool found = false;
    ical::forEachInstance(
        cal, range,
        [&](const Instance& in) {
          if (f.timeRange && !in.window.matches(*f.timeRange)) return true;
          if (props(f, in.source) && children(f, in.source, &in)) found = true;
          return !found;
        },
        budget_, options);
    return found;
  }

  // time-range on a component that does not recur (VFREEBUSY, VAVAILABILITY) or, without an
  // instance, on a recurring one (never reached: those go by instance).
  bool componentInRange(icalcomponent* c, const std::string& name, Interval range) const {
    if (name == "VFREEBUSY") return freeBusyInRange(c, range);
    bool found = false;
    ical::InstanceOptions options;
    options.floatingZone = &zone_;
    options.componentType = name;
    ical::forEachInstance(
        c, range,
        [&](const Instance& in) {
          found = in.source == c;
          return !found;
        },
        budget_, options);
    return found;
  }

  // RFC 4791 §9.9 VFREEBUSY: DTSTART and DTEND decide if both are present, else the periods.
  bool freeBusyInRange(icalcomponent* c, Interval range) const {
    icalproperty* s = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
    icalproperty* e = icalcomponent_get_first_property(c, ICAL_DTEND_PROPERTY);
    if (s && e) {
      Instant start = ical::toInstant(ical::zonedValue(s, c), fz_);
      Instant end = ical::toInstant(ical::zonedValue(e, c), fz_);
      return range.start <= end && range.end > start;
    }
    for (icalproperty* p : ical::properties(c, "FREEBUSY")) {
      if (periodInRange(p, c, icalproperty_get_freebusy(p), range)) return true;
    }
    return false;
  }

  bool periodInRange(icalproperty* p, icalcomponent* c, const icalperiodtype& period, Interval range) const {
    if (icaltime_is_null_time(period.start)) return false;
    icaltimetype st = ical::withZone(period.start, p, c);
    Instant start = ical::toInstant(st, fz_);
    Instant end = !icaltime_is_null_time(period.end)
                      ? ical::toInstant(ical::withZone(period.end, p, c), fz_)
                      : start + Seconds{icaldurationtype_as_int(period.duration)};
    return range.start < end && range.end > start;
  }

  // The nested comp-filters of f, on the children of component c.
  bool children(const CompFilter& f, icalcomponent* c, const Instance* instance) const {
    for (const CompFilter& child : f.compFilters)
      if (!nested(child, c, instance)) return false;
    return true;
  }

  bool nested(const CompFilter& f, icalcomponent* parent, const Instance* instance) const {
    std::vector<icalcomponent*> candidates = ical::childComponents(parent, f.name);
    if (f.isNotDefined) return candidates.empty();
    for (icalcomponent* c : candidates) {
      if (f.timeRange && !nestedInRange(f, c, instance)) continue;
      if (props(f, c) && children(f, c, instance)) return true;
    }
    return false;
  }

  bool nestedInRange(const CompFilter& f, icalcomponent* c, const Instance* instance) const {
    if (f.name == "VALARM") {
      std::vector<Instant> triggers =
          instance ? ical::alarmTriggers(c, *instance) : ical::absoluteTriggers(c);
      return std::any_of(triggers.begin(), triggers.end(),
                         [&](Instant t) { return overlapsPoint(t, *f.timeRange); });
    }
    return componentInRange(c, f.name, *f.timeRange);
  }

  bool props(const CompFilter& f, icalcomponent* c) const {
    for (const PropFilter& p : f.propFilters)
      if (!prop(p, c)) return false;
    return true;
  }

  bool prop(const PropFilter& f, icalcomponent* c) const {
    std::vector<icalproperty*> found = ical::properties(c, f.name);
    if (f.isNotDefined) return found.empty();
    for (icalproperty* p : found) {
      if (f.timeRange && !propertyInRange(p, c, *f.timeRange)) continue;
      if (f.textMatch && !f.textMatch->matches(ical::valueText(p))) continue;
      bool params = std::all_of(f.paramFilters.begin(), f.paramFilters.end(),
                                [&](const ParamFilter& pf) { return param(pf, p); });
      if (params) return true;
    }
    return false;
  }

  static bool param(const ParamFilter& f, icalproperty* p) {
    std::vector<std::string> values = ical::parameterValues(p, f.name);
    if (f.isNotDefined) return values.empty();
    if (values.empty()) return false;
    if (!f.textMatch) return true;
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& v) { return f.textMatch->matches(v); });
  }

  bool propertyInRange(icalproperty* p, icalcomponent* c, Interval range) const {
    icalvalue* v = icalproperty_get_value(p);
    if (!v) return false;
    switch (icalvalue_isa(v)) {
      case ICAL_DATETIME_VALUE:
        return overlapsPoint(ical::toInstant(ical::zonedValue(p, c), fz_), range);
      case ICAL_DATE_VALUE: {
        icaltimetype day = ical::zonedValue(p, c);
        Instant start = ical::toInstant(day, fz_);
        icaltime_adjust(&day, 1, 0, 0, 0);
        return range.start < ical::toInstant(day, fz_) && range.end > start;
      }
      case ICAL_PERIOD_VALUE:
        return periodInRange(p, c, icalvalue_get_period(v), range);
      case ICAL_DATETIMEPERIOD_VALUE: {
        icaldatetimeperiodtype dp = icalvalue_get_datetimeperiod(v);
        if (!icaltime_is_null_time(dp.time)) {
          icaltimetype t = ical::withZone(dp.time, p, c);
          if (t.is_date) {
            Instant start = ical::toInstant(t, fz_);
            icaltime_adjust(&t, 1, 0, 0, 0);
            return range.start < ical::toInstant(t, fz_) && range.end > start;
          }
          return overlapsPoint(ical::toInstant(t, fz_), range);
        }
        return periodInRange(p, c, dp.period, range);
      }
      default:
        return false;
    }
  }

  const TimeZoneContext& zone_;
  icaltimezone* fz_;
  ical::ExpansionBudget& budget_;
};

}  // namespace

bool Filter::matches(const ical::Component& calendar, const TimeZoneContext& floatingZone,
                     ical::ExpansionBudget& budget) const {
  if (!calendar) return false;
  icalcomponent* root = calendar.get();
  if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) return false;
  return Evaluation(floatingZone, budget).calendar(root_, root);
}

}  // namespace bookdav::caldav::calendar
