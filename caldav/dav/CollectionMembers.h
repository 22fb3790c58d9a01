// The members of one collection as the reports see them, whether stored (calendars, plain
// collections) or computed from the booking domain: list, fetch by name, sync position and
// changes, time-range candidates. Read inside one snapshot.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "caldav/calendar/FreeBusy.h"
#include "caldav/dav/Resource.h"
#include "caldav/ical/TimeZoneContext.h"
#include "domain/calendar/CalendarStore.h"

namespace bookdav::caldav {

// A member that may overlap a time range, and whether the index proves that it does.
struct RangeCandidate {
  std::int64_t objectId = 0;
  bool proven = false;  // the index shows an exact, non-floating instance inside the range
};

class CollectionMembers {
 public:
  virtual ~CollectionMembers() = default;
  virtual const std::shared_ptr<const domain::CollectionRecord>& collection() const = 0;
  // The kind of the collection (Calendar, Collection, or a computed calendar kind).
  virtual ResourceKind container() const = 0;
  virtual std::vector<domain::ObjectRecord> list(bool withData) = 0;
  virtual std::optional<domain::ObjectRecord> get(std::string_view name, bool withData) = 0;
  virtual std::vector<domain::ObjectRecord> byIds(std::span<const std::int64_t> ids, bool withData) = 0;
  // The change-log position; tokens older than createdSeq() cannot be served incrementally.
  virtual std::int64_t syncSeq() = 0;
  virtual std::int64_t createdSeq() = 0;
  // Changes after seq, as member names (item) in sequence order.
  virtual std::vector<domain::Change> changesSince(std::int64_t seq) = 0;
  // Members that also change with time (an appointment calendar's open windows): the time version
  // they have now (unix seconds; see domain::windowsTimeVersion), nullopt for all others.
  virtual std::optional<std::int64_t> timeVersion() { return std::nullopt; }
  // The members that may have changed with time since the time version `since` (an older token's),
  // as changes at sequence `seq`; throws DAV:valid-sync-token when that is too long ago to say.
  virtual std::vector<domain::Change> changedWithTimeSince(std::int64_t /*since*/, std::int64_t /*seq*/) {
    return {};
  }
  // Members of componentType that may have an instance in range (a superset).
  virtual std::vector<RangeCandidate> inRange(std::string_view componentType, domain::Interval range) = 0;
  // The calendar's own time zone (calendar-timezone text) for floating times, "" for UTC.
  virtual std::string timezone() const = 0;
  // The periods a free-busy-query reports for range (RFC 4791 7.10), not merged or clipped.
  // Expanding stored objects is charged to budget.
  virtual std::vector<calendar::FreeBusyPeriod> freeBusy(domain::Interval range,
                                                         const ical::TimeZoneContext& zone,
                                                         ical::ExpansionBudget& budget) = 0;
};

// Members of a stored collection (kind Calendar or Collection); nullptr for any other resource.
std::unique_ptr<CollectionMembers> storedMembers(domain::CalendarReader& store, const Resource& collection);

}  // namespace bookdav::caldav
