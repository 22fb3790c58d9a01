// The members of the computed calendars, generated from sessions and bookings, with the change
// log mapped onto their names and free/busy computed from the same slots the booking desk admits.
#include <map>
#include <set>

#include "caldav/booking/BookingCalendars.h"
#include "caldav/booking/BookingEvents.h"
#include "caldav/booking/BookingNames.h"
#include "caldav/dav/LiveProperties.h"
#include "caldav/webdav/ETag.h"
#include "domain/booking/ChangeScopes.h"
#include "domain/booking/Intervals.h"

namespace bookdav::caldav {
namespace {

using domain::Booking;
using domain::BookingStatus;
using domain::Session;

constexpr auto kPast = std::chrono::hours(24 * 90);
constexpr auto kAhead = std::chrono::hours(24 * 366);

const std::vector<BookingStatus> kActive = {BookingStatus::Confirmed, BookingStatus::Pending,
                                            BookingStatus::Waitlisted};

std::optional<std::int64_t> numberAfter(std::string_view item, std::string_view prefix) {
  if (item.substr(0, prefix.size()) != prefix) return std::nullopt;
  try {
    return std::stoll(std::string(item.substr(prefix.size())));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

class ComputedMembers final : public CollectionMembers {
 public:
  ComputedMembers(DavContext& ctx, Resource calendar) : ctx_(ctx), calendar_(std::move(calendar)) {
    const std::string& owner = calendar_.owner;
    switch (calendar_.kind) {
      case ResourceKind::ServiceCalendar:
        scopes_ = domain::serviceCollectionScopes(calendar_.service->id, owner);
        break;
      case ResourceKind::BookingsCalendar:
        scopes_ = domain::customerCollectionScopes(owner);
        break;
      default:
        scopes_ = domain::resourceCollectionScopes(calendar_.resourceId);
    }
    const domain::Instant now = ctx_.clock.now();
    window_ = {now - kPast, now + kAhead};
  }

  const std::shared_ptr<const domain::CollectionRecord>& collection() const override {
    return calendar_.collection;
  }
  ResourceKind container() const override { return calendar_.kind; }

  std::vector<domain::ObjectRecord> list(bool) override {
    generate();
    return members_;
  }

  std::optional<domain::ObjectRecord> get(std::string_view name, bool) override {
    generate();
    for (const auto& m : members_) {
      if (m.name == name) return m;
    }
    return std::nullopt;
  }

  std::vector<domain::ObjectRecord> byIds(std::span<const std::int64_t> ids, bool) override {
    generate();
    std::vector<domain::ObjectRecord> out;
    for (std::int64_t id : ids) {
      for (const auto& m : members_) {
        if (m.id == id) out.push_back(m);
      }
    }
    return out;
  }

  std::int64_t syncSeq() override { return ctx_.changes.latest(scopes_); }
  std::int64_t createdSeq() override { return 0; }

  std::vector<domain::Change> changesSince(std::int64_t seq) override {
    std::vector<domain::Change> out;
    for (domain::Change c : ctx_.changes.since(scopes_, seq)) {
      for (std::string& name : namesOf(c.item)) {
        domain::Change mapped = c;
        mapped.item = std::move(name);
        out.push_back(std::move(mapped));
      }
    }
    return out;
  }

  std::vector<RangeCandidate> inRange(std::string_view componentType, domain::Interval) override {
    std::vector<RangeCandidate> out;
    if (componentType != "VEVENT") return out;
    generate();
    for (const auto& m : members_) out.push_back({m.id, false});  // the filter checks each one
    return out;
  }

  std::string timezone() const override { return {}; }

  std::vector<calendar::FreeBusyPeriod> freeBusy(domain::Interval range, const ical::TimeZoneContext&,
                                                 ical::ExpansionBudget&) override {
    using calendar::FbType;
    std::vector<calendar::FreeBusyPeriod> out;
    auto add = [&](const domain::Intervals& set, FbType type) {
      for (const auto& i : set) out.push_back({i, type});
    };
    auto& engine = ctx_.booking;
    switch (calendar_.kind) {
      case ResourceKind::ServiceCalendar: {
        const domain::Service& service = *calendar_.service;
        domain::SlotQuery query;
        query.serviceId = service.id;
        query.range = range;
        domain::Intervals slots;
        for (const auto& slot : engine.desk.slots(query)) {
          // One FREE period per slot with a place to give, never merged (DESIGN.md); a full session
          // that only has waitlist room is taken, so it stays BUSY.
          if (!slot.bookable || slot.waitlist) continue;
          out.push_back({slot.time, FbType::Free});
          slots.push_back(slot.time);
        }
        // Open time: the working hours of the service's resources (appointments) or its sessions.
        domain::Intervals open;
        if (service.kind == domain::ServiceKind::Appointment) {
          for (const std::string& id : service.resourceIds()) {
            auto unavailable = engine.timetable.busy(id, range).unavailable;
            auto working = domain::complement(unavailable, range);
            open.insert(open.end(), working.begin(), working.end());
          }
        } else {
          for (const Session& s : engine.timetable.sessions(service.id, range)) {
            if (s.active()) open.push_back(s.time);
          }
        }
        open = domain::clip(domain::normalized(open), range);
        add(domain::subtract(open, domain::normalized(slots)), FbType::Busy);
        add(domain::complement(open, range), FbType::BusyUnavailable);
        break;
      }
      case ResourceKind::ResourceCalendar: {
        auto busy = engine.timetable.busy(calendar_.resourceId, range);
        add(busy.busy, FbType::Busy);
        add(busy.unavailable, FbType::BusyUnavailable);
        break;
      }
      default: {
        domain::BookingFilter filter;
        filter.customer = calendar_.owner;
        filter.range = range;
        filter.statuses = kActive;
        for (const Booking& b : engine.desk.bookings(filter)) {
          for (domain::SessionId id : b.sessionIds) {
            if (auto s = engine.timetable.session(id); s && s->active()) {
              out.push_back(
                  {s->time, b.status == BookingStatus::Confirmed ? FbType::Busy : FbType::BusyTentative});
            }
          }
        }
      }
    }
    return out;
  }

 private:
  // The member names a change-log item stands for in this calendar.
  std::vector<std::string> namesOf(const std::string& item) {
    if (auto sid = numberAfter(item, "session:")) return {sessionMemberName(*sid)};
    auto bid = numberAfter(item, "booking:");
    if (!bid) return {};
    auto booking = ctx_.booking.desk.booking(*bid);
    if (!booking) return {bookingMemberName(*bid)};
    switch (calendar_.kind) {
      case ResourceKind::ServiceCalendar:
        return {hrefInService(*booking)};
      case ResourceKind::BookingsCalendar:
        return {bookingMemberName(*bid)};
      default: {
        std::vector<std::string> names;
        for (domain::SessionId sid : booking->sessionIds) names.push_back(sessionMemberName(sid));
        return names;
      }
    }
  }

  static std::string hrefInService(const Booking& b) {
    return b.clientHref.empty() ? bookingMemberName(b.id) : b.clientHref;
  }

  void add(std::string name, std::string text, std::int64_t id, domain::Instant modified, std::string uid) {
    domain::ObjectRecord r;
    r.id = id;
    r.collectionId = calendar_.collection->id;
    r.name = std::move(name);
    r.contentType = "text/calendar; charset=utf-8";
    r.etag = contentETag(text);
    r.uid = std::move(uid);
    r.componentType = "VEVENT";
    r.size = static_cast<std::int64_t>(text.size());
    r.modified = modified;
    r.data = std::move(text);
    members_.push_back(std::move(r));
  }

  const domain::Service* serviceOf(const std::string& id) {
    auto it = services_.find(id);
    if (it == services_.end()) it = services_.emplace(id, ctx_.booking.catalog.service(id)).first;
    return it->second ? &*it->second : nullptr;
  }

  const domain::Resource* resourceOf(const std::string& id) {
    auto it = resources_.find(id);
    if (it == resources_.end()) it = resources_.emplace(id, ctx_.booking.catalog.resource(id)).first;
    return it->second ? &*it->second : nullptr;
  }

  std::vector<domain::Resource> resourcesOf(const std::vector<std::string>& ids) {
    std::vector<domain::Resource> out;
    for (const auto& id : ids) {
      if (const auto* r = resourceOf(id)) out.push_back(*r);
    }
    return out;
  }

  Participant participantOf(const Booking& b) {
    Participant p;
    std::optional<domain::Account> account;
    if (!b.customer.empty()) {
      auto it = accounts_.find(b.customer);
      if (it == accounts_.end()) it = accounts_.emplace(b.customer, ctx_.accounts.find(b.customer)).first;
      account = it->second;
    }
    if (account) {
      p.address = calendarUserAddress(*account, ctx_.settings);
      p.name = !b.contact.name.empty()         ? b.contact.name
               : !account->displayName.empty() ? account->displayName
                                               : account->name;
    } else {
      p.address = b.contact.email.empty() ? "urn:bookdav:booking:" + std::to_string(b.id)
                                          : "mailto:" + b.contact.email;
      p.name = b.contact.name.empty() ? "Guest" : b.contact.name;
    }
    return p;
  }

  void addBooking(const Booking& b, std::string name) {
    const domain::Service* service = serviceOf(b.serviceId);
    if (!service) return;
    std::vector<Session> sessions;
    for (domain::SessionId id : b.sessionIds) {
      if (auto s = ctx_.booking.timetable.session(id)) sessions.push_back(*s);
    }
    std::vector<domain::Resource> resources = resourcesOf(b.resourceIds);
    int position = b.status == BookingStatus::Waitlisted ? ctx_.booking.desk.waitlistPosition(b.id) : 0;
    BookingEventData data{*service, b, sessions, resources, participantOf(b), position};
    std::string uid = b.clientUid.empty() ? "booking-" + std::to_string(b.id) + "@bookdav" : b.clientUid;
    add(std::move(name), bookingEvent(data, ctx_.settings), -b.id, b.updated, std::move(uid));
  }

  void generate() {
    if (generated_) return;
    generated_ = true;
    auto& engine = ctx_.booking;
    const std::string& owner = calendar_.owner;
    if (calendar_.kind == ResourceKind::ServiceCalendar) {
      const domain::Service& service = *calendar_.service;
      if (service.kind != domain::ServiceKind::Appointment) {
        for (const Session& s : engine.timetable.sessions(service.id, window_)) {
          if (s.kind != domain::SessionKind::Class && s.kind != domain::SessionKind::Course) continue;
          add(sessionMemberName(s.id), sessionEventForCustomers(service, s, ctx_.settings), s.id, s.updated,
              "session-" + std::to_string(s.id) + "@bookdav");
        }
      }
      domain::BookingFilter filter;
      filter.customer = owner;
      filter.serviceId = service.id;
      filter.statuses = kActive;
      for (const Booking& b : engine.desk.bookings(filter)) addBooking(b, hrefInService(b));
    } else if (calendar_.kind == ResourceKind::BookingsCalendar) {
      domain::BookingFilter filter;
      filter.customer = owner;
      filter.statuses = kActive;
      for (const Booking& b : engine.desk.bookings(filter)) addBooking(b, bookingMemberName(b.id));
    } else {
      domain::BookingFilter filter;
      filter.resourceId = calendar_.resourceId;
      filter.range = window_;
      filter.statuses = kActive;
      std::map<domain::SessionId, std::vector<Booking>> bySession;
      for (Booking& b : engine.desk.bookings(filter)) {
        for (domain::SessionId sid : b.sessionIds) bySession[sid].push_back(b);
      }
      for (const Session& s : engine.timetable.sessionsOn(calendar_.resourceId, window_)) {
        if (!s.active()) continue;
        const std::vector<Booking>& bookings = bySession[s.id];
        std::vector<Participant> customers;
        for (const Booking& b : bookings) customers.push_back(participantOf(b));
        std::vector<domain::Resource> resources = resourcesOf(s.resourceIds);
        StaffSessionData data{s, s.serviceId.empty() ? nullptr : serviceOf(s.serviceId), resources, bookings,
                              customers};
        add(sessionMemberName(s.id), sessionEventForStaff(data, ctx_.settings), s.id, s.updated,
            "session-" + std::to_string(s.id) + "@bookdav");
      }
    }
  }

  DavContext& ctx_;
  Resource calendar_;
  std::vector<std::string> scopes_;
  domain::Interval window_;
  bool generated_ = false;
  std::vector<domain::ObjectRecord> members_;
  std::map<std::string, std::optional<domain::Service>> services_;
  std::map<std::string, std::optional<domain::Resource>> resources_;
  std::map<std::string, std::optional<domain::Account>> accounts_;
};

}  // namespace

std::unique_ptr<CollectionMembers> computedMembers(DavContext& ctx, domain::CalendarReader&,
                                                   const Resource& calendar) {
  if (!isComputedCalendar(calendar.kind) || !calendar.collection) return nullptr;
  return std::make_unique<ComputedMembers>(ctx, calendar);
}

}  // namespace bookdav::caldav
