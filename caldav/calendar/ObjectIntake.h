// Turning a PUT body into what a calendar collection stores: validated, normalised iCalendar text,
// its UID and component type, and its instance index. Parsing, checking and expanding all happen
// here, before the write transaction, which then only looks up (UID conflicts, If-Match) and writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caldav/webdav/DavError.h"
#include "domain/calendar/CalendarStore.h"

namespace bookdav::caldav {

namespace ical {
class Component;
class ExpansionBudget;
}  // namespace ical

struct PreparedObject {
  std::string uid;
  std::string componentType;
  std::string text;  // what is stored and served
  domain::InstanceIndex index;
};

// Throws DavError 403 with CALDAV:valid-calendar-data, valid-calendar-object-resource or
// supported-calendar-component, or {urn:bookdav:}too-complex when checking the object's rules or
// indexing its instances does not fit a write budget (ExpansionBudget::forWrite()). Reads no store.
PreparedObject prepareCalendarObject(std::string_view body, const domain::CollectionRecord& calendar);

// A body prepared before the write transaction for a calendar with a given component set: the
// object, or the refusal that stands for it. The transaction answers the refusal at the point
// where it used to validate, so that If-Match, privileges and sizes are still answered first.
class PreparedBody {
 public:
  PreparedBody(std::string_view body, const domain::CollectionRecord& calendar);
  // Was it prepared for a calendar like this one (the component set decides validity)?
  bool fits(const domain::CollectionRecord& calendar) const { return calendar.components == components_; }
  // The object; throws the refusal.
  PreparedObject& object();

 private:
  std::vector<std::string> components_;
  std::optional<PreparedObject> object_;
  std::optional<DavError> refusal_;
};

// The calendar changed between preparing a body and the write transaction (it was replaced by
// one with other components): the handler prepares again and retries.
struct PreparedForOtherCalendar {};

// Inside the write transaction: 403 CALDAV:no-uid-conflict (naming the other member) when another
// member of calendar than `name` already has this UID.
void requireUniqueUid(domain::CalendarReader& store, const std::string& uid,
                      const domain::CollectionRecord& calendar, const std::string& name);

// The instance index of a parsed calendar object, computed at `now` (horizons are relative to it).
domain::InstanceIndex indexOf(const ical::Component& calendar, domain::Instant now,
                              ical::ExpansionBudget& budget);

}  // namespace bookdav::caldav
