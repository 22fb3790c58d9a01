#include "caldav/ical/Recurrence.h"

#include <libical/ical.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "caldav/ical/ComponentTiming.h"
#include "caldav/ical/IcalTime.h"
#include "caldav/ical/Occurrences.h"

namespace bookdav::caldav::ical {
namespace {

using domain::Instant;
using domain::Seconds;

constexpr Seconds kOneDay{86400};

// An instance that does not match the range because it lies after it.
bool beyond(const TimeWindow& w, domain::Interval range) {
  return !w.never && w.lo >= range.end;
}

bool instanceKind(icalcomponent_kind k) {
  return k == ICAL_VEVENT_COMPONENT || k == ICAL_VTODO_COMPONENT || k == ICAL_VJOURNAL_COMPONENT ||
         k == ICAL_VFREEBUSY_COMPONENT || k == ICAL_VAVAILABILITY_COMPONENT;
}

bool recurringKind(icalcomponent_kind k) {
  return k == ICAL_VEVENT_COMPONENT || k == ICAL_VTODO_COMPONENT || k == ICAL_VJOURNAL_COMPONENT;
}

BusyType busyOfFbtype(icalproperty* p) {
  icalparameter* a = icalproperty_get_first_parameter(p, ICAL_FBTYPE_PARAMETER);
  if (!a) return BusyType::Busy;
  switch (icalparameter_get_fbtype(a)) {
    case ICAL_FBTYPE_FREE:
      return BusyType::None;
    case ICAL_FBTYPE_BUSYTENTATIVE:
      return BusyType::BusyTentative;
    case ICAL_FBTYPE_BUSYUNAVAILABLE:
      return BusyType::BusyUnavailable;
    default:
      return BusyType::Busy;
  }
}

// VFREEBUSY: the DTSTART/DTEND envelope (if both are present) and each FREEBUSY period.
void freeBusyInstances(icalcomponent* comp, const icaltimezone* fz, std::vector<Instance>& out) {
  icalproperty* s = icalcomponent_get_first_property(comp, ICAL_DTSTART_PROPERTY);
  icalproperty* e = icalcomponent_get_first_property(comp, ICAL_DTEND_PROPERTY);
  if (s && e) {
    Instance in;
    in.source = comp;
    icaltimetype st = zonedValue(s, comp), et = zonedValue(e, comp);
    in.start = toInstant(st, fz);
    in.end = toInstant(et, fz);
    in.floating = isFloating(st) || isFloating(et);
    in.window = TimeWindow{in.start, in.end, false, true, false};  // start <= DTEND and end > DTSTART
    out.push_back(in);
  }
  for (icalproperty* p : properties(comp, "FREEBUSY")) {
    icalperiodtype period = icalproperty_get_freebusy(p);
    if (icaltime_is_null_time(period.start)) continue;
    Instance in;
    in.source = comp;
    icaltimetype st = withZone(period.start, p, comp);
    in.start = toInstant(st, fz);
    in.end = !icaltime_is_null_time(period.end) ? toInstant(withZone(period.end, p, comp), fz)
                                                : addNominal(st, in.start, nominal(period.duration), fz);
    in.floating = isFloating(st);
    in.busy = busyOfFbtype(p);
    in.window = TimeWindow{in.start, in.end, false, false, false};
    out.push_back(in);
  }
}

// VAVAILABILITY (RFC 7953): DTSTART (or the beginning of time) to DTEND / DTSTART+DURATION (or the
// end of time).
void availabilityInstance(icalcomponent* comp, const icaltimezone* fz, std::vector<Instance>& out) {
  Instance in;
  in.source = comp;
  in.start = Instant::min();
  in.end = Instant::max();
  icaltimetype st = icaltime_null_time();
  if (icalproperty* s = icalcomponent_get_first_property(comp, ICAL_DTSTART_PROPERTY)) {
    st = zonedValue(s, comp);
    in.start = toInstant(st, fz);
    in.floating = isFloating(st);
  }
  if (icalproperty* e = icalcomponent_get_first_property(comp, ICAL_DTEND_PROPERTY)) {
    in.end = toInstant(zonedValue(e, comp), fz);
  } else if (icalproperty* d = icalcomponent_get_first_property(comp, ICAL_DURATION_PROPERTY);
             d && !icaltime_is_null_time(st)) {
    in.end = addNominal(st, in.start, nominal(icalproperty_get_duration(d)), fz);
  }
  in.window = TimeWindow{in.start, in.end, false, false, false};
  out.push_back(in);
}

struct Override {
  Instant rid;
  icaltimetype ridLocal;
  icalcomponent* comp;
  bool thisAndFuture;
  ComponentTiming timing;
  Seconds shift{0};  // THISANDFUTURE: its DTSTART minus its RECURRENCE-ID
};

// A master (or nothing) and its overrides: the components sharing one UID.
struct RecurrenceSet {
  std::vector<icalcomponent*> masters;
  std::vector<icalcomponent*> overrides;
};

class SetExpander {
 public:
  SetExpander(domain::Interval range, const icaltimezone* fz, size_t maxInstances, ExpansionBudget& budget)
      : range_(range), fz_(fz), maxInstances_(maxInstances), budget_(budget) {}

  // Appends the matching instances of one set; returns how far they are complete.
  Instant expand(const RecurrenceSet& set, std::vector<Instance>& out) {
    covered_ = Instant::max();
    Instant covered = Instant::max();
    std::vector<Override> overrides = collectOverrides(set.overrides);
    bool first = true;
    for (icalcomponent* master : set.masters) {
      // Only the first master owns the overrides; further masters with the same UID are invalid
      // data, each counted on its own.
      std::vector<Override> none;
      covered = std::min(covered, expandMaster(master, first ? overrides : none, out));
      first = false;
    }
    for (const Override& o : overrides) {
      Instance in = o.timing.hasStart
                        ? o.timing.instanceAt(o.timing.start, o.timing.startAt, std::nullopt, fz_)
                        : o.timing.instanceAt(o.ridLocal, o.rid, std::nullopt, fz_);
      in.recurrenceId = o.rid;
      in.overridden = true;
      keep(in, out);
    }
    return std::min(covered, covered_);
  }

 private:
  std::vector<Override> collectOverrides(const std::vector<icalcomponent*>& comps) {
    std::vector<Override> out;
    for (icalcomponent* c : comps) {
      budget_.charge();
      icalproperty* p = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
      icaltimetype local = zonedValue(p, c);
      if (icaltime_is_null_time(local)) continue;
      Override o{toInstant(local, fz_), local, c, false, ComponentTiming::of(c, fz_)};
      if (icalparameter* r = icalproperty_get_first_parameter(p, ICAL_RANGE_PARAMETER))
        o.thisAndFuture = icalparameter_get_range(r) == ICAL_RANGE_THISANDFUTURE;
      if (o.thisAndFuture && o.timing.hasStart) o.shift = o.timing.startAt - o.rid;
      out.push_back(o);
    }
    std::sort(out.begin(), out.end(), [](const Override& a, const Override& b) { return a.rid < b.rid; });
    return out;
  }

  Instant expandMaster(icalcomponent* master, const std::vector<Override>& overrides,
                       std::vector<Instance>& out) {
    ComponentTiming mt = ComponentTiming::of(master, fz_);
    if (!mt.hasStart) {
      keep(mt.undatedInstance(), out);
      return Instant::max();
    }
    const bool recurring = recurs(master) || !overrides.empty();

    // Search window for recurrence ids: an occurrence can only match the range if it starts no
    // earlier than the longest instance before it, shifted by THISANDFUTURE overrides.
    std::int64_t longest = mt.length.maxSeconds() + kOneDay.count();
    Seconds maxShift{0}, minShift{0};
    for (const Override& o : overrides) {
      if (!o.thisAndFuture) continue;
      longest = std::max(longest, o.timing.length.maxSeconds() + kOneDay.count());
      maxShift = std::max(maxShift, o.shift);
      minShift = std::min(minShift, o.shift);
    }
    for (icalproperty* p : properties(master, "RDATE")) {
      icaldatetimeperiodtype v = icalproperty_get_rdate(p);
      if (icalperiodtype_is_null_period(v.period)) continue;
      if (!icaltime_is_null_time(v.period.end)) {
        longest = std::max<std::int64_t>(
            longest,
            (toInstant(v.period.end, fz_) - toInstant(v.period.start, fz_)).count() + 2 * kOneDay.count());
      } else {
        longest = std::max(longest, nominal(v.period.duration).maxSeconds() + kOneDay.count());
      }
    }
    Instant lower = addSaturating(range_.start, -(Seconds{longest} + maxShift + kOneDay));
    Instant upper = addSaturating(range_.end, kOneDay - minShift);

    OccurrenceList occ = occurrencesOf(mt, lower, upper, maxInstances_, fz_, budget_);
    // Overrides are sorted by RECURRENCE-ID: the exact one by search, the THISANDFUTURE one in
    // force is the last before the occurrence.
    std::vector<const Override*> futures;
    for (const Override& ov : overrides)
      if (ov.thisAndFuture) futures.push_back(&ov);
    for (const Occurrence& o : occ.items) {
      budget_.charge();
      auto exact = std::lower_bound(overrides.begin(), overrides.end(), o.at,
                                    [](const Override& ov, Instant at) { return ov.rid < at; });
      if (exact != overrides.end() && exact->rid == o.at) continue;  // the override stands for itself
      auto after = std::lower_bound(futures.begin(), futures.end(), o.at,
                                    [](const Override* ov, Instant at) { return ov->rid < at; });
      const Override* future = after == futures.begin() ? nullptr : *(after - 1);
      Instance in;
      if (future && future->timing.hasStart) {
        Instant start = o.at + future->shift;
        const icaltimezone* zone = future->timing.start.zone ? future->timing.start.zone : fz_;
        icaltimetype local = fromInstant(start, zone, future->timing.start.is_date != 0);
        if (!future->timing.start.is_date && !future->timing.start.zone) local.zone = nullptr;
        in = future->timing.instanceAt(local, start, std::nullopt, fz_);
        in.overridden = true;
      } else {
        in = mt.instanceAt(o.local, o.at, o.periodEnd, fz_);
      }
      if (recurring) in.recurrenceId = o.at;
      keep(in, out);
    }

    if (occ.coveredUntil == Instant::max()) return Instant::max();
    Instant inRange = addSaturating(range_.end, -Seconds{1});
    if (occ.coveredUntil >= upper) return inRange;
    return std::min(inRange, occ.coveredUntil + minShift);
  }

  void keep(const Instance& in, std::vector<Instance>& out) {
    if (in.window.matches(range_)) {
      out.push_back(in);
    } else if (beyond(in.window, range_)) {
      covered_ = std::min(covered_, addSaturating(range_.end, -Seconds{1}));
    }
  }

  domain::Interval range_;
  Instant covered_ = Instant::max();
  const icaltimezone* fz_;
  size_t maxInstances_;
  ExpansionBudget& budget_;
};

}  // namespace

bool TimeWindow::matches(domain::Interval range) const {
  if (never) return false;
  bool beforeHi = hiInclusive ? range.start <= hi : range.start < hi;
  bool afterLo = loInclusive ? range.end >= lo : range.end > lo;
  return beforeHi && afterLo;
}

InstanceScan forEachInstance(const icalcomponent* calendar, domain::Interval range,
                             const std::function<bool(const Instance&)>& visit, ExpansionBudget& budget,
                             const InstanceOptions& options) {
  InstanceScan scan;
  if (!calendar) return scan;
  const icaltimezone* fz = options.floatingZone ? options.floatingZone->zone() : nullptr;
  icalcomponent_kind only = ICAL_NO_COMPONENT;
  if (!options.componentType.empty()) {
    only = icalcomponent_string_to_kind(std::string(options.componentType).c_str());
    if (!instanceKind(only)) return scan;
  }

  std::vector<icalcomponent*> components;
  icalcomponent* root = const_cast<icalcomponent*>(calendar);
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
    components = childComponents(root);
  } else {
    components.push_back(root);
  }

  // Group by UID, keeping document order of first appearance.
  std::vector<std::string> order;
  std::map<std::string, RecurrenceSet> sets;
  std::vector<Instance> instances;
  SetExpander expander(range, fz, options.maxInstances, budget);
  for (icalcomponent* c : components) {
    budget.charge();
    icalcomponent_kind k = icalcomponent_isa(c);
    if (!instanceKind(k) || (only != ICAL_NO_COMPONENT && k != only)) continue;
    if (!recurringKind(k)) {
      std::vector<Instance> own;
      if (k == ICAL_VFREEBUSY_COMPONENT) {
        freeBusyInstances(c, fz, own);
      } else {
        availabilityInstance(c, fz, own);
      }
      for (Instance& in : own) {
        if (!in.window.matches(range)) {
          if (beyond(in.window, range))
            scan.coveredUntil = std::min(scan.coveredUntil, addSaturating(range.end, -Seconds{1}));
          continue;
        }
        if (!visit(in)) {
          scan.stopped = true;
          return scan;
        }
      }
      continue;
    }
    const char* uid = icalcomponent_get_uid(c);
    // Components without UID stand alone (a key no UID can have).
    std::string key =
        uid ? std::string("u:") + uid : "p:" + std::to_string(reinterpret_cast<std::uintptr_t>(c));
    key += ":" + std::to_string(static_cast<int>(k));
    auto [it, inserted] = sets.try_emplace(key);
    if (inserted) order.push_back(key);
    if (icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY)) {
      it->second.overrides.push_back(c);
    } else {
      it->second.masters.push_back(c);
    }
  }

  for (const std::string& key : order) {
    instances.clear();
    const RecurrenceSet& set = sets[key];
    try {
      budget.charge();
      scan.coveredUntil = std::min(scan.coveredUntil, expander.expand(set, instances));
    } catch (const ExpansionTooComplex& e) {
      throw e.about(componentLabel(set.masters.empty() ? set.overrides.front() : set.masters.front()));
    }
    std::sort(instances.begin(), instances.end(), [](const Instance& a, const Instance& b) {
      if (a.start != b.start) return a.start < b.start;
      return a.recurrenceId < b.recurrenceId;
    });
    for (const Instance& in : instances) {
      if (!visit(in)) {
        scan.stopped = true;
        return scan;
      }
    }
  }
  return scan;
}

}  // namespace bookdav::caldav::ical
