#include "caldav/calendar/ObjectIntake.h"

#include "caldav/calendar/CalendarErrors.h"
#include "caldav/dav/DavContext.h"
#include "caldav/ical/CalendarObject.h"
#include "caldav/ical/Instances.h"

namespace bookdav::caldav {
namespace {

// The index keeps instances up to five years ahead; a recurrence with more than kMaxInstances
// before that is indexed from a year ago instead of from its start.
constexpr auto kAhead = std::chrono::hours(24 * 366 * 5);
constexpr auto kBehind = std::chrono::hours(24 * 366);
constexpr size_t kMaxInstances = 5000;

domain::BusyType toDomain(ical::BusyType b) {
  switch (b) {
    case ical::BusyType::Busy:
      return domain::BusyType::Busy;
    case ical::BusyType::BusyTentative:
      return domain::BusyType::BusyTentative;
    case ical::BusyType::BusyUnavailable:
      return domain::BusyType::BusyUnavailable;
    case ical::BusyType::None:
      break;
  }
  return domain::BusyType::None;
}

}  // namespace

domain::InstanceIndex indexOf(const ical::Component& calendar, domain::Instant now) {
  ical::Expansion e = ical::expandForIndex(calendar, now + kAhead, kMaxInstances);
  if (e.coveredUntil < now + kBehind) {
    e = ical::expandForIndex(calendar, now + kAhead, kMaxInstances, now - kBehind);
  }
  domain::InstanceIndex index;
  index.coveredUntil = e.coveredUntil;
  index.coveredFrom = e.coveredFrom;
  index.instances.reserve(e.spans.size());
  for (const ical::IndexedSpan& s : e.spans) {
    index.instances.push_back(domain::IndexedInstance{s.start, s.end, s.exact, s.floating, toDomain(s.busy)});
  }
  return index;
}

PreparedObject prepareCalendarObject(std::string_view body, const domain::CollectionRecord& calendar) {
  try {
    ical::AllowedComponents allowed = calendar.components.empty()
                                          ? ical::AllowedComponents::all()
                                          : ical::AllowedComponents(calendar.components);
    ical::ParsedObject parsed = ical::parseObject(body, allowed);
    PreparedObject out;
    out.index = indexOf(parsed.calendar, ical::systemClock().now());
    out.uid = std::move(parsed.uid);
    out.componentType = std::move(parsed.componentType);
    out.text = std::move(parsed.text);
    return out;
  } catch (const ical::CalendarDataError& e) {
    throw toDavError(e);
  }
}

PreparedObject prepareCalendarMember(domain::CalendarReader& store, std::string_view body,
                                     const domain::CollectionRecord& calendar, const std::string& name) {
  PreparedObject prepared = prepareCalendarObject(body, calendar);
  if (auto other = store.objectByUid(calendar.id, prepared.uid); other && other->name != name) {
    throw DavError::forbidden(xml::kCalDav, "no-uid-conflict",
                              "the UID " + prepared.uid + " is already used by " + other->name)
        .withHref(memberHref(calendar, other->name));
  }
  return prepared;
}

}  // namespace bookdav::caldav
