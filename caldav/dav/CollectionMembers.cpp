#include "caldav/dav/CollectionMembers.h"

#include <map>
#include <set>

#include "caldav/ical/ClientText.h"

namespace bookdav::caldav {
namespace {

class StoredMembers final : public CollectionMembers {
 public:
  StoredMembers(domain::CalendarReader& store, std::shared_ptr<const domain::CollectionRecord> collection)
      : store_(store), collection_(std::move(collection)) {}

  const std::shared_ptr<const domain::CollectionRecord>& collection() const override { return collection_; }
  ResourceKind container() const override {
    return collection_->kind == domain::CollectionKind::Calendar ? ResourceKind::Calendar
                                                                 : ResourceKind::Collection;
  }
  std::vector<domain::ObjectRecord> list(bool withData) override {
    return store_.objects(collection_->id, withData);
  }
  std::optional<domain::ObjectRecord> get(std::string_view name, bool withData) override {
    return store_.object(collection_->id, name, withData);
  }
  std::vector<domain::ObjectRecord> byIds(std::span<const std::int64_t> ids, bool withData) override {
    return store_.objectsById(ids, withData);
  }
  std::int64_t syncSeq() override { return store_.syncSeq(*collection_); }
  std::int64_t createdSeq() override { return collection_->createdSeq; }
  std::vector<domain::Change> changesSince(std::int64_t seq) override {
    return store_.changesSince(*collection_, seq);
  }
  std::string timezone() const override { return collection_->timezone; }

  std::vector<RangeCandidate> inRange(std::string_view componentType, domain::Interval range) override {
    struct Verdict {
      bool proven = false;     // an exact, non-floating instance overlaps the range
      bool uncertain = false;  // only parsing can tell
    };
    std::map<std::int64_t, Verdict> verdicts;
    for (const auto& c : store_.instancesNear(collection_->id, componentType, range)) {
      const auto& i = c.instance;
      Verdict& v = verdicts[c.objectId];
      if (!i.exact || i.floating)
        v.uncertain = true;
      else if (i.start < range.end && i.end > range.start)
        v.proven = true;
    }
    // Objects whose index stops before the range ends may have instances the index lacks.
    for (std::int64_t id : store_.objectsNotCovering(collection_->id, componentType, range)) {
      verdicts[id].uncertain = true;
    }
    std::vector<RangeCandidate> out;
    out.reserve(verdicts.size());
    for (const auto& [id, v] : verdicts) {
      if (v.proven || v.uncertain) out.push_back({id, v.proven});
    }
    return out;
  }

  std::vector<calendar::FreeBusyPeriod> freeBusy(domain::Interval range, const ical::TimeZoneContext& zone,
                                                 ical::ExpansionBudget& budget) override {
    std::vector<calendar::FreeBusyPeriod> out;
    std::set<std::int64_t> parse;  // objects only parsing can answer for
    std::map<std::int64_t, std::vector<calendar::FreeBusyPeriod>> indexed;
    for (const char* type : {"VEVENT", "VFREEBUSY"}) {
      for (const auto& c : store_.instancesNear(collection_->id, type, range)) {
        const auto& i = c.instance;
        if (!i.exact || i.floating) {
          parse.insert(c.objectId);
        } else if (i.busy != domain::BusyType::None && i.start < range.end && i.end > range.start) {
          indexed[c.objectId].push_back({{i.start, i.end}, fbType(i.busy)});
        }
      }
      for (std::int64_t id : store_.objectsNotCovering(collection_->id, type, range)) parse.insert(id);
    }
    for (auto& [id, periods] : indexed) {
      if (!parse.count(id)) out.insert(out.end(), periods.begin(), periods.end());
    }
    std::vector<std::int64_t> ids(parse.begin(), parse.end());
    for (const auto& o : store_.objectsById(ids, true)) {
      ical::Component cal = ical::parseStored(*o.data);
      if (!cal) continue;
      auto periods = calendar::busyFromCalendar(cal, range, zone, budget);
      out.insert(out.end(), periods.begin(), periods.end());
    }
    return out;
  }

 private:
  static calendar::FbType fbType(domain::BusyType b) {
    switch (b) {
      case domain::BusyType::BusyTentative:
        return calendar::FbType::BusyTentative;
      case domain::BusyType::BusyUnavailable:
        return calendar::FbType::BusyUnavailable;
      default:
        return calendar::FbType::Busy;
    }
  }

  domain::CalendarReader& store_;
  std::shared_ptr<const domain::CollectionRecord> collection_;
};

}  // namespace

std::unique_ptr<CollectionMembers> storedMembers(domain::CalendarReader& store, const Resource& collection) {
  if ((collection.kind == ResourceKind::Calendar || collection.kind == ResourceKind::Collection ||
       collection.kind == ResourceKind::Inbox) &&
      collection.collection) {
    return std::make_unique<StoredMembers>(store, collection.collection);
  }
  return nullptr;
}

}  // namespace bookdav::caldav
