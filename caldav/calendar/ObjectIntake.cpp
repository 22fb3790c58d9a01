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

domain::InstanceIndex indexOf(const ical::Component& calendar, domain::Instant now,
                              ical::ExpansionBudget& budget) {
  ical::Expansion e = ical::expandForIndex(calendar, now + kAhead, budget, kMaxInstances);
  if (e.coveredUntil < now + kBehind) {
    e = ical::expandForIndex(calendar, now + kAhead, budget, kMaxInstances, now - kBehind);
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
    ical::ExpansionBudget budget = ical::ExpansionBudget::forWrite();
    ical::ParsedObject parsed = ical::parseObject(body, allowed, budget);
    PreparedObject out;
    out.index = indexOf(parsed.calendar, ical::systemClock().now(), budget);
    out.uid = std::move(parsed.uid);
    out.componentType = std::move(parsed.componentType);
    out.text = std::move(parsed.text);
    return out;
  } catch (const ical::CalendarDataError& e) {
    throw toDavError(e);
  } catch (const ical::ExpansionTooComplex& e) {
    throw toDavError(e);
  }
}

PreparedBody::PreparedBody(std::string_view body, const domain::CollectionRecord& calendar)
    : components_(calendar.components) {
  try {
    object_ = prepareCalendarObject(body, calendar);
  } catch (const DavError& e) {
    refusal_ = e;
  }
}

PreparedObject& PreparedBody::object() {
  if (refusal_) throw *refusal_;
  return *object_;
}

void requireUniqueUid(domain::CalendarReader& store, const std::string& uid,
                      const domain::CollectionRecord& calendar, const std::string& name) {
  if (auto other = store.objectByUid(calendar.id, uid); other && other->name != name) {
    throw DavError::forbidden(xml::kCalDav, "no-uid-conflict",
                              "the UID " + uid + " is already used by " + other->name)
        .withHref(memberHref(calendar, other->name));
  }
}

}  // namespace bookdav::caldav
