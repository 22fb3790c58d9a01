#include "caldav/ical/ComponentTiming.h"

#include <chrono>

#include "caldav/ical/IcalTime.h"

namespace bookdav::caldav::ical {
namespace {

using domain::Instant;
using domain::Seconds;

std::chrono::sys_days dateOf(const icaltimetype& t) {
  return std::chrono::sys_days{std::chrono::year{t.year} /
                               std::chrono::month{static_cast<unsigned>(t.month)} /
                               std::chrono::day{static_cast<unsigned>(t.day)}};
}

// The length from a start to an end value: whole days between two DATEs, else exact seconds.
NominalDuration lengthBetween(const icaltimetype& start, const icaltimetype& end, const icaltimezone* fz) {
  NominalDuration d;
  if (start.is_date && end.is_date) {
    d.days = static_cast<int>((dateOf(end) - dateOf(start)).count());
  } else {
    d.seconds = (toInstant(end, fz) - toInstant(start, fz)).count();
  }
  return d;
}

BusyType busyOf(icalcomponent* comp) {
  if (icalcomponent_isa(comp) != ICAL_VEVENT_COMPONENT) return BusyType::None;
  if (icalproperty* t = icalcomponent_get_first_property(comp, ICAL_TRANSP_PROPERTY)) {
    icalproperty_transp transp = icalproperty_get_transp(t);
    if (transp == ICAL_TRANSP_TRANSPARENT || transp == ICAL_TRANSP_TRANSPARENTNOCONFLICT)
      return BusyType::None;
  }
  if (icalproperty* s = icalcomponent_get_first_property(comp, ICAL_STATUS_PROPERTY)) {
    switch (icalproperty_get_status(s)) {
      case ICAL_STATUS_CANCELLED:
        return BusyType::None;
      case ICAL_STATUS_TENTATIVE:
        return BusyType::BusyTentative;
      default:
        break;
    }
  }
  return BusyType::Busy;
}

std::optional<Instant> instantOf(icalcomponent* comp, icalproperty_kind kind, const icaltimezone* fz) {
  icalproperty* p = icalcomponent_get_first_property(comp, kind);
  if (!p) return std::nullopt;
  icaltimetype t = zonedValue(p, comp);
  if (icaltime_is_null_time(t)) return std::nullopt;
  return toInstant(t, fz);
}

TimeWindow halfOpen(Instant lo, Instant hi) {
  return TimeWindow{lo, hi, false, false, false};
}
// qs <= at < qe.
TimeWindow point(Instant at) {
  return TimeWindow{at, at, false, true, false};
}

}  // namespace

NominalDuration nominal(const icaldurationtype& d) {
  NominalDuration n;
  n.days = static_cast<int>(d.weeks * 7 + d.days);
  n.seconds = static_cast<std::int64_t>(d.hours) * 3600 + d.minutes * 60 + d.seconds;
  if (d.is_neg) {
    n.days = -n.days;
    n.seconds = -n.seconds;
  }
  return n;
}

Instant addNominal(const icaltimetype& local, Instant at, NominalDuration d, const icaltimezone* fz) {
  if (d.days == 0) return at + Seconds{d.seconds};
  icaltimetype t = local;
  icaltime_adjust(&t, d.days, 0, 0, 0);
  return toInstant(t, fz) + Seconds{d.seconds};
}

ComponentTiming ComponentTiming::of(icalcomponent* comp, const icaltimezone* fz) {
  ComponentTiming t;
  t.comp = comp;
  t.kind = icalcomponent_isa(comp);
  t.busy = busyOf(comp);
  if (icalproperty* p = icalcomponent_get_first_property(comp, ICAL_DTSTART_PROPERTY)) {
    t.start = zonedValue(p, comp);
    t.hasStart = !icaltime_is_null_time(t.start);
    if (t.hasStart) t.startAt = toInstant(t.start, fz);
  }
  icalproperty_kind endKind = t.kind == ICAL_VTODO_COMPONENT ? ICAL_DUE_PROPERTY : ICAL_DTEND_PROPERTY;
  if (t.kind != ICAL_VJOURNAL_COMPONENT) {
    if (icalproperty* p = icalcomponent_get_first_property(comp, endKind)) {
      icaltimetype end = zonedValue(p, comp);
      if (!icaltime_is_null_time(end)) {
        t.endFloating = isFloating(end);
        if (t.kind == ICAL_VTODO_COMPONENT) t.due = toInstant(end, fz);
        if (t.hasStart) {
          t.endBy = t.kind == ICAL_VTODO_COMPONENT ? EndBy::Due : EndBy::DtEnd;
          t.length = lengthBetween(t.start, end, fz);
        }
      }
    } else if (icalproperty* d = icalcomponent_get_first_property(comp, ICAL_DURATION_PROPERTY);
               d && t.hasStart) {
      t.endBy = EndBy::Duration;
      t.length = nominal(icalproperty_get_duration(d));
    }
  }
  if (t.kind == ICAL_VTODO_COMPONENT) {
    t.completed = instantOf(comp, ICAL_COMPLETED_PROPERTY, fz);
    t.created = instantOf(comp, ICAL_CREATED_PROPERTY, fz);
  }
  return t;
}

Instance ComponentTiming::instanceAt(const icaltimetype& local, Instant s, std::optional<Instant> periodEnd,
                                     const icaltimezone* fz) const {
  Instance in;
  in.source = comp;
  in.busy = busy;
  in.allDay = local.is_date;
  in.floating = isFloating(local) || endFloating;
  in.start = s;
  auto endOf = [&] { return periodEnd ? *periodEnd : addNominal(local, s, length, fz); };

  switch (kind) {
    case ICAL_VEVENT_COMPONENT:
      if (periodEnd || endBy == EndBy::DtEnd) {
        in.end = endOf();
        in.window = halfOpen(s, in.end);
      } else if (endBy == EndBy::Duration) {
        in.end = endOf();
        in.window = in.end > s ? halfOpen(s, in.end) : point(s);
        if (in.end < s) in.end = s;
      } else if (local.is_date) {
        in.end = addNominal(local, s, NominalDuration{1, 0}, fz);
        in.window = halfOpen(s, in.end);
      } else {
        in.end = s;
        in.window = point(s);
      }
      break;

    case ICAL_VTODO_COMPONENT:
      if (periodEnd || endBy == EndBy::Due) {
        // (start < DUE or start <= DTSTART) and (end > DTSTART or end >= DUE)
        Instant due = endOf();
        in.end = due;
        if (due > s) {
          in.window = halfOpen(s, due);
        } else {
          in.window = TimeWindow{due, s, true, true, false};
        }
      } else if (endBy == EndBy::Duration) {
        // (start <= DTSTART+DURATION) and (end > DTSTART or end >= DTSTART+DURATION)
        Instant e = endOf();
        in.end = e;
        in.window = e > s ? TimeWindow{s, e, false, true, false} : TimeWindow{e, e, true, true, false};
      } else {
        in.end = s;
        in.window = point(s);  // (start <= DTSTART) and (end > DTSTART)
      }
      break;

    case ICAL_VJOURNAL_COMPONENT:
      if (local.is_date) {
        in.end = addNominal(local, s, NominalDuration{1, 0}, fz);
        in.window = halfOpen(s, in.end);
      } else {
        in.end = s;
        in.window = point(s);
      }
      break;

    default:
      in.end = s;
      in.window = point(s);
      break;
  }
  return in;
}

Instance ComponentTiming::undatedInstance() const {
  Instance in;
  in.source = comp;
  in.busy = BusyType::None;
  in.timed = false;
  if (kind == ICAL_VTODO_COMPONENT) {
    if (due) {
      // (start < DUE) and (end >= DUE)
      in.start = in.end = *due;
      in.timed = true;
      in.floating = endFloating;
      in.window = TimeWindow{*due, *due, true, false, false};
    } else if (completed && created) {
      // (start <= CREATED or start <= COMPLETED) and (end >= CREATED or end >= COMPLETED)
      in.window =
          TimeWindow{std::min(*completed, *created), std::max(*completed, *created), true, true, false};
    } else if (completed) {
      in.window = TimeWindow{*completed, *completed, true, true, false};
    } else if (created) {
      in.window = TimeWindow{*created, Instant::max(), false, false, false};  // end > CREATED
    } else {
      in.window = TimeWindow{};  // matches every time-range
    }
  } else {
    in.window.never = true;
  }
  return in;
}

}  // namespace bookdav::caldav::ical
