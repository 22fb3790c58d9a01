#include "caldav/calendar/RecurrenceSetViews.h"

#include <libical/ical.h>

#include <set>

#include "caldav/ical/IcalTime.h"
#include "caldav/ical/Recurrence.h"

namespace bookdav::caldav::calendar {
namespace {

using domain::Instant;
using ical::Instance;

bool recurringKind(icalcomponent_kind k) {
  return k == ICAL_VEVENT_COMPONENT || k == ICAL_VTODO_COMPONENT || k == ICAL_VJOURNAL_COMPONENT;
}

// A DATE-TIME in UTC, or the DATE of the instant in the floating zone.
icaltimetype timeFor(Instant t, bool asDate, const ical::TimeZoneContext& zone) {
  return asDate ? ical::fromInstant(t, zone.zone(), true) : ical::fromInstant(t, nullptr, false);
}

// Sets the first property of that kind in place (keeping its position), or adds one.
void setTime(icalcomponent* c, icalproperty_kind kind, const icaltimetype& t) {
  icalvalue* v = t.is_date ? icalvalue_new_date(t) : icalvalue_new_datetime(t);
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  if (!p) {
    p = icalproperty_new(kind);
    icalcomponent_add_property(c, p);
  }
  icalproperty_set_value(p, v);
  icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER);
  icalproperty_remove_parameter_by_kind(p, ICAL_RANGE_PARAMETER);
  icalproperty_remove_parameter_by_kind(p, ICAL_VALUE_PARAMETER);
}

// Remaining date-times that point at a VTIMEZONE (which expand drops) are rewritten in UTC.
void toUtc(icalcomponent* c, const ical::TimeZoneContext& zone) {
  for (icalproperty* p : ical::properties(c)) {
    icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    if (!tzid) continue;
    icalvalue* v = icalproperty_get_value(p);
    if (v && icalvalue_isa(v) == ICAL_DATETIME_VALUE) {
      icaltimetype t = ical::zonedValue(p, c);
      icalvalue_set_datetime(v, ical::fromInstant(ical::toInstant(t, zone.zone()), nullptr, false));
    }
    icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER);
  }
  for (icalcomponent* child : ical::childComponents(c)) toUtc(child, zone);
}

ical::Component instanceComponent(const Instance& in, const ical::TimeZoneContext& zone) {
  ical::Component c(icalcomponent_new_clone(in.source));
  icalcomponent* comp = c.get();
  for (const char* name : {"RRULE", "RDATE", "EXDATE", "EXRULE"}) ical::removeProperties(comp, name);
  const bool todo = icalcomponent_isa(comp) == ICAL_VTODO_COMPONENT;
  const icalproperty_kind endKind = todo ? ICAL_DUE_PROPERTY : ICAL_DTEND_PROPERTY;
  const bool hadEnd = icalcomponent_get_first_property(comp, endKind) != nullptr;
  icalproperty* duration = icalcomponent_get_first_property(comp, ICAL_DURATION_PROPERTY);

  if (in.timed && icalcomponent_get_first_property(comp, ICAL_DTSTART_PROPERTY))
    setTime(comp, ICAL_DTSTART_PROPERTY, timeFor(in.start, in.allDay, zone));
  bool durationStillRight =
      duration &&
      in.end - in.start == domain::Seconds{icaldurationtype_as_int(icalproperty_get_duration(duration))};
  if (hadEnd || (duration && !durationStillRight)) {
    if (duration && !durationStillRight) ical::removeProperty(comp, duration);
    setTime(comp, endKind, timeFor(in.end, in.allDay, zone));
  }
  if (in.recurrenceId) {
    setTime(comp, ICAL_RECURRENCEID_PROPERTY, timeFor(*in.recurrenceId, in.allDay, zone));
  } else {
    ical::removeProperties(comp, "RECURRENCE-ID");
  }
  toUtc(comp, zone);
  return c;
}

}  // namespace

ical::Component expandInstances(const ical::Component& calendar, domain::Interval range,
                                const ical::TimeZoneContext& zone, ical::ExpansionBudget& budget) {
  ical::Component out(icalcomponent_new_vcalendar());
  icalcomponent* root = calendar.get();
  for (icalproperty* p : ical::properties(root))
    icalcomponent_add_property(out.get(), icalproperty_new_clone(p));
  for (icalcomponent* c : ical::childComponents(root)) {
    icalcomponent_kind k = icalcomponent_isa(c);
    if (k == ICAL_VTIMEZONE_COMPONENT || recurringKind(k)) continue;
    icalcomponent_add_component(out.get(), icalcomponent_new_clone(c));
  }
  ical::InstanceOptions options;
  options.floatingZone = &zone;
  ical::forEachInstance(
      calendar, range,
      [&](const Instance& in) {
        if (recurringKind(icalcomponent_isa(in.source)))
          icalcomponent_add_component(out.get(), instanceComponent(in, zone).release());
        return true;
      },
      budget, options);
  return out;
}

void limitRecurrenceSet(ical::Component& calendar, domain::Interval range, const ical::TimeZoneContext& zone,
                        ical::ExpansionBudget& budget) {
  std::set<icalcomponent*> keep;
  ical::InstanceOptions options;
  options.floatingZone = &zone;
  ical::forEachInstance(
      calendar, range,
      [&](const Instance& in) {
        if (in.overridden) keep.insert(in.source);
        return true;
      },
      budget, options);
  for (icalcomponent* c : ical::childComponents(calendar.get())) {
    if (!recurringKind(icalcomponent_isa(c))) continue;
    if (!icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY)) continue;  // a master stays
    if (!keep.count(c)) ical::removeComponent(calendar.get(), c);
  }
}

void limitFreeBusySet(ical::Component& calendar, domain::Interval range, const ical::TimeZoneContext& zone) {
  for (icalcomponent* fb : ical::childComponents(calendar.get(), "VFREEBUSY")) {
    for (icalproperty* p : ical::properties(fb, "FREEBUSY")) {
      icalperiodtype period = icalproperty_get_freebusy(p);
      Instant start = ical::toInstant(ical::withZone(period.start, p, fb), zone.zone());
      Instant end = !icaltime_is_null_time(period.end)
                        ? ical::toInstant(ical::withZone(period.end, p, fb), zone.zone())
                        : start + domain::Seconds{icaldurationtype_as_int(period.duration)};
      if (!(range.start < end && range.end > start)) ical::removeProperty(fb, p);
    }
  }
}

}  // namespace bookdav::caldav::calendar
