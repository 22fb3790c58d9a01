#include "caldav/ical/Alarms.h"

#include <libical/ical.h>

#include <cstdlib>

#include "caldav/ical/IcalTime.h"

namespace bookdav::caldav::ical {
namespace {

using domain::Instant;
using domain::Seconds;

constexpr int kMaxRepeats = 1000;

struct Repetition {
  int count = 0;
  Seconds every{0};
};

Repetition repetitionOf(icalcomponent* valarm) {
  Repetition r;
  icalproperty* repeat = icalcomponent_get_first_property(valarm, ICAL_REPEAT_PROPERTY);
  icalproperty* duration = icalcomponent_get_first_property(valarm, ICAL_DURATION_PROPERTY);
  if (!repeat || !duration) return r;
  r.count = std::min(std::max(icalproperty_get_repeat(repeat), 0), kMaxRepeats);
  r.every = Seconds{std::abs(icaldurationtype_as_int(icalproperty_get_duration(duration)))};
  return r;
}

void addRepetitions(Instant first, const Repetition& r, std::vector<Instant>& out) {
  out.push_back(first);
  for (int i = 1; i <= r.count; ++i) out.push_back(first + r.every * i);
}

}  // namespace

std::vector<Instant> alarmTriggers(icalcomponent* valarm, const Instance& instance) {
  std::vector<Instant> out;
  icalproperty* p = icalcomponent_get_first_property(valarm, ICAL_TRIGGER_PROPERTY);
  if (!p) return out;
  icaltriggertype trigger = icalproperty_get_trigger(p);
  Repetition r = repetitionOf(valarm);
  if (!icaltime_is_null_time(trigger.time)) {
    addRepetitions(toInstant(withZone(trigger.time, p, valarm), nullptr), r, out);
    return out;
  }
  if (!instance.timed) return out;
  bool fromEnd = false;
  if (icalparameter* related = icalproperty_get_first_parameter(p, ICAL_RELATED_PARAMETER))
    fromEnd = icalparameter_get_related(related) == ICAL_RELATED_END;
  Instant base = fromEnd ? instance.end : instance.start;
  addRepetitions(base + Seconds{icaldurationtype_as_int(trigger.duration)}, r, out);
  return out;
}

std::vector<Instant> absoluteTriggers(icalcomponent* valarm) {
  std::vector<Instant> out;
  icalproperty* p = icalcomponent_get_first_property(valarm, ICAL_TRIGGER_PROPERTY);
  if (!p) return out;
  icaltriggertype trigger = icalproperty_get_trigger(p);
  if (icaltime_is_null_time(trigger.time)) return out;
  addRepetitions(toInstant(withZone(trigger.time, p, valarm), nullptr), repetitionOf(valarm), out);
  return out;
}

std::optional<Seconds> triggerReach(icalcomponent* valarm) {
  icalproperty* p = icalcomponent_get_first_property(valarm, ICAL_TRIGGER_PROPERTY);
  if (!p) return std::nullopt;
  icaltriggertype trigger = icalproperty_get_trigger(p);
  if (!icaltime_is_null_time(trigger.time)) return std::nullopt;
  Repetition r = repetitionOf(valarm);
  return Seconds{std::abs(icaldurationtype_as_int(trigger.duration))} + r.every * r.count;
}

}  // namespace bookdav::caldav::ical
