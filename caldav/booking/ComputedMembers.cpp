#include "caldav/booking/ComputedMembers.h"

#include <algorithm>
#include <functional>
#include <map>

#include <set>

#include "caldav/booking/BookingEventSource.h"
#include "caldav/booking/BookingEvents.h"
#include "caldav/booking/BookingNames.h"
#include "caldav/booking/CalendarAddresses.h"
#include "caldav/ical/IcalZoneRules.h"
#include "caldav/webdav/DavError.h"
#include "caldav/webdav/ETag.h"
#include "domain/booking/ChangeScopes.h"
#include "domain/booking/Intervals.h"
#include "domain/booking/OpenWindows.h"

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

// Which sessions and bookings a computed calendar shows, and under which names: one rule for the
// listing, the lookup of one member and the ETag of a member inside a write.
class CalendarView {
 public:
  CalendarView(const Resource& calendar, domain::Instant now)
      : calendar_(calendar), window_{now - kPast, now + kAhead} {}

  domain::Interval window() const { return window_; }

  bool shows(const Booking& b) const {
    if (!domain::isActive(b.status)) return false;
    switch (calendar_.kind) {
      case ResourceKind::ServiceCalendar:
        return b.customer == calendar_.owner && b.serviceId == calendar_.service->id;
      case ResourceKind::BookingsCalendar:
        return b.customer == calendar_.owner;
      default:
        return false;  // resource calendars show sessions, with their bookings inside
    }
  }

  bool shows(const Session& s) const {
    if (!s.time.overlaps(window_)) return false;
    switch (calendar_.kind) {
      case ResourceKind::ServiceCalendar:
        return s.serviceId == calendar_.service->id &&
               (s.kind == domain::SessionKind::Class || s.kind == domain::SessionKind::Course);
      case ResourceKind::ResourceCalendar:
        return s.active() && std::find(s.resourceIds.begin(), s.resourceIds.end(), calendar_.resourceId) !=
                                 s.resourceIds.end();
      default:
        return false;
    }
  }

  std::string nameOf(const Booking& b) const {
    if (calendar_.kind == ResourceKind::ServiceCalendar && !b.clientHref.empty()) return b.clientHref;
    return bookingMemberName(b.id);
  }

  // What `name` would stand for in this calendar, if anything shows under it.
  std::optional<ComputedMember> identify(domain::BookingData& data, std::string_view name) const {
    using Kind = ComputedMember::Kind;
    if (calendar_.kind == ResourceKind::ServiceCalendar) {
      if (auto b = data.bookingByClientHref(calendar_.owner, calendar_.service->id, name); b && shows(*b))
        return ComputedMember{Kind::Booking, b->id};
    }
    if (calendar_.kind != ResourceKind::ResourceCalendar) {
      if (auto id = bookingIdOfMember(name)) return ComputedMember{Kind::Booking, *id};
    }
    if (calendar_.kind != ResourceKind::BookingsCalendar) {
      if (auto id = sessionIdOfMember(name)) return ComputedMember{Kind::Session, *id};
    }
    if (showsOpenWindows(calendar_)) {
      if (auto start = windowStartOfMember(name))
        return ComputedMember{Kind::Window, start->time_since_epoch().count()};
    }
    return std::nullopt;
  }

  const Resource& calendar() const { return calendar_; }

 private:
  const Resource& calendar_;
  domain::Interval window_;
};

// Runs f with the rows that say which reminders booking events carry (null without notifications),
// read in a snapshot of their own: a booking write asks inside its transaction.
void withReminders(DavContext& ctx, const std::function<void(domain::notify::NotificationRows*)>& f) {
  if (!ctx.notifications) return f(nullptr);
  ctx.notifications->read([&](domain::notify::NotificationRows& rows) { f(&rows); });
}

// The active bookings of a session shown in a resource calendar.
std::vector<Booking> activeBookingsOf(domain::BookingData& data, const Session& s) {
  std::vector<Booking> out;
  for (BookingStatus status : kActive) {
    for (Booking& b : data.bookingsOfSession(s.id, status)) out.push_back(std::move(b));
  }
  return out;
}

domain::ObjectRecord record(const Resource& calendar, std::string name, std::string text, std::int64_t id,
                            domain::Instant modified, std::string uid) {
  domain::ObjectRecord r;
  r.id = id;
  r.collectionId = calendar.collection->id;
  r.name = std::move(name);
  r.contentType = "text/calendar; charset=utf-8";
  r.etag = contentETag(text);
  r.uid = std::move(uid);
  r.componentType = "VEVENT";
  r.size = static_cast<std::int64_t>(text.size());
  r.modified = modified;
  r.data = std::move(text);
  return r;
}

// The member `identity` of the calendar with its text, read from data; nullopt when not shown.
std::optional<domain::ObjectRecord> renderMember(const CalendarView& view, BookingEventSource& source,
                                                 domain::BookingData& data, ComputedMember identity,
                                                 std::int64_t recordId) {
  const Resource& calendar = view.calendar();
  if (identity.kind == ComputedMember::Kind::Window) return std::nullopt;  // see windowRecord()
  if (identity.kind == ComputedMember::Kind::Booking) {
    std::optional<Booking> b = data.booking(identity.id);
    if (!b || !view.shows(*b)) return std::nullopt;
    std::optional<std::string> text = source.bookingText(*b);
    if (!text) return std::nullopt;
    return record(calendar, view.nameOf(*b), std::move(*text), recordId, b->updated,
                  BookingEventSource::bookingUid(*b));
  }
  std::optional<Session> s = data.session(identity.id);
  if (!s || !view.shows(*s)) return std::nullopt;
  std::string text = calendar.kind == ResourceKind::ServiceCalendar
                         ? source.customerSessionText(*calendar.service, *s)
                         : source.staffSessionText(*s, activeBookingsOf(data, *s));
  return record(calendar, sessionMemberName(s->id), std::move(text), recordId, s->updated,
                BookingEventSource::sessionUid(s->id));
}

// The open windows of the calendar's appointment service whose start lies in `starts`, read now.
std::vector<domain::Interval> windowsStarting(DavContext& ctx, const domain::Service& service,
                                              domain::Interval starts) {
  domain::SlotQuery query;
  query.serviceId = service.id;
  // Slots that began before `starts` but reach into it make part of a window starting at its start.
  query.range = {starts.start - service.duration, starts.end};
  std::vector<domain::Slot> slots = ctx.booking.desk.slots(query);
  domain::LocalDays days(ical::IcalZoneRules::instance());
  std::vector<domain::Interval> out;
  for (const domain::Interval& w : domain::openWindows(slots, days, service.timeZone)) {
    if (starts.contains(w.start)) out.push_back(w);
  }
  return out;
}

// Every day of the open windows: from now to the booking horizon.
domain::Interval windowReach(const domain::Service& service, domain::Instant now) {
  return {now, now + domain::openWindowsReach(service) + domain::Seconds{1}};
}

// The local day of the service's zone that `t` falls on, as an interval.
domain::Interval dayOf(domain::LocalDays& days, const domain::Service& service, domain::Instant t) {
  const domain::LocalDays::Day d = days.day(service.timeZone, days.dateOf(service.timeZone, t));
  return {d.start, d.next};
}

std::string serviceAddressOf(DavContext& ctx, const domain::Service& service) {
  return CalendarAddresses::of(ctx.booking, ctx.accounts, ctx.settings).ofService(service);
}

// `address`: the service's calendar user address.
domain::ObjectRecord windowRecord(DavContext& ctx, const Resource& calendar, domain::Interval window,
                                  std::int64_t recordId, const std::string& address) {
  const domain::Service& service = *calendar.service;
  return record(calendar, windowMemberName(window.start),
                openWindowEvent(service, window, address, ctx.settings), recordId, window.start,
                openWindowUid(service, window.start));
}

class ComputedMembers final : public CollectionMembers {
 public:
  ComputedMembers(DavContext& ctx, Resource calendar)
      : ctx_(ctx), calendar_(std::move(calendar)), view_(calendar_, ctx_.clock.now()) {
    scopes_ = computedCalendarScopes(calendar_);
    if (calendar_.kind == ResourceKind::ServiceCalendar)
      ownScopes_ = domain::serviceCollectionScopes(calendar_.service->id, calendar_.owner);
    else
      ownScopes_ = scopes_;
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
    if (auto found = computedMember(ctx_, calendar_, name)) return std::move(found->record);
    return std::nullopt;
  }

  // Record ids are positions in the listing (1-based): unique within this calendar, for this request.
  std::vector<domain::ObjectRecord> byIds(std::span<const std::int64_t> ids, bool) override {
    generate();
    std::vector<domain::ObjectRecord> out;
    for (std::int64_t id : ids) {
      if (id >= 1 && id <= static_cast<std::int64_t>(members_.size())) out.push_back(members_[id - 1]);
    }
    return out;
  }

  std::int64_t syncSeq() override { return ctx_.changes.latest(scopes_); }
  std::optional<std::int64_t> timeVersion() override { return openWindowsTimeVersion(ctx_, calendar_); }

  // The windows time may have changed between the time versions `since` and now: at the front those
  // that reach into [since, now + minimum notice + one grid step] (started later or gone: every start
  // of the grid there is reported removed unless a window starts there now), at the end those that
  // reach into what the reach gained (new, or longer). A token older than the reach is refused.
  std::vector<domain::Change> changedWithTimeSince(std::int64_t since, std::int64_t seq) override {
    std::vector<domain::Change> out;
    if (!showsOpenWindows(calendar_)) return out;
    const domain::Service& service = *calendar_.service;
    const domain::Instant now = ctx_.clock.now();
    const domain::Instant then = domain::fromUnix(since);
    const domain::Seconds reach = domain::openWindowsReach(service);
    if (now - then > reach) {
      throw DavError::forbidden(
          xml::kDav, "valid-sync-token",
          "this token is older than " + service.name + "'s booking horizon: sync again from scratch");
    }
    const domain::Seconds step = service.policy.slotGranularity > domain::Seconds{0}
                                     ? service.policy.slotGranularity
                                     : service.duration;
    const domain::Interval front{then, now + service.policy.minimumNotice + step + domain::Seconds{1}};
    const domain::Interval end{then + reach, now + reach + domain::Seconds{1}};
    domain::LocalDays days(ical::IcalZoneRules::instance());
    std::set<domain::Instant> touched;
    for (domain::Interval span : {front, end}) {
      for (domain::Instant t = span.start; t < span.end;) {
        const domain::Interval day = dayOf(days, service, t);
        touched.insert(day.start);
        t = day.end;
      }
    }
    const domain::Interval reachNow = windowReach(service, now);
    std::set<domain::Instant> present;
    for (domain::Instant dayStart : touched) {
      for (const domain::Interval& w : windowsStarting(ctx_, service, dayOf(days, service, dayStart))) {
        if (!reachNow.contains(w.start)) continue;
        present.insert(w.start);
        if (w.overlaps(front) || w.overlaps(end) || front.contains(w.start))
          out.push_back({seq, {}, windowMemberName(w.start), false});
      }
      for (domain::Instant start :
           domain::windowStartsOfDay(service, days, days.dateOf(service.timeZone, dayStart))) {
        if (front.contains(start) && !present.count(start))
          out.push_back({seq, {}, windowMemberName(start), true});
      }
    }
    return out;
  }
  std::int64_t createdSeq() override { return 0; }

  std::vector<domain::Change> changesSince(std::int64_t seq) override {
    std::vector<domain::Change> out;
    for (domain::Change c : ctx_.changes.since(ownScopes_, seq)) {
      for (std::string& name : namesOf(c.item)) {
        domain::Change mapped = c;
        mapped.item = std::move(name);
        out.push_back(std::move(mapped));
      }
    }
    if (showsOpenWindows(calendar_)) windowChangesSince(seq, out);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
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
    if (calendar_.kind == ResourceKind::ResourceCalendar) {
      std::vector<std::string> names;
      for (domain::SessionId sid : booking->sessionIds) names.push_back(sessionMemberName(sid));
      return names;
    }
    // A booking leaving this calendar keeps the name it had in it (its href, or booking-<id>.ics).
    if (calendar_.kind == ResourceKind::ServiceCalendar && !booking->clientHref.empty())
      return {booking->clientHref};
    return {bookingMemberName(*bid)};
  }

  // The open windows changed since seq, as changes of member names: every window there is now on a
  // day a change touched (changed), and every other start that day's slot grid has (removed: a
  // client may hold a window that started there; RFC 6578 lets a server report a member removed
  // that the client never saw). A change of the service's policy or of its resources' working hours
  // may touch any day: such tokens are no longer served incrementally (the client syncs again).
  void windowChangesSince(std::int64_t seq, std::vector<domain::Change>& out) {
    const domain::Service& service = *calendar_.service;
    std::vector<std::string> scopes;
    for (const std::string& s : scopes_) {
      if (std::find(ownScopes_.begin(), ownScopes_.end(), s) == ownScopes_.end()) scopes.push_back(s);
    }
    const std::vector<domain::Change> changes = ctx_.changes.since(scopes, seq);
    if (changes.empty()) return;
    const std::vector<std::string> resources = service.resourceIds();
    const domain::Interval reach = windowReach(service, ctx_.clock.now());
    domain::LocalDays days(ical::IcalZoneRules::instance());
    std::set<domain::Instant> touched;  // day starts
    std::int64_t last = 0;
    auto touch = [&](domain::Interval time) {
      for (domain::Instant t = time.start; t < time.end;) {
        const domain::Interval day = dayOf(days, service, t);
        if (day.overlaps(reach)) touched.insert(day.start);
        t = day.end;
      }
    };
    for (const domain::Change& c : changes) {
      if (c.scope == domain::kCatalogScope) {
        const bool ours = c.item == "service:" + service.id ||
                          std::any_of(resources.begin(), resources.end(),
                                      [&](const std::string& r) { return c.item == "resource:" + r; });
        if (!ours) continue;
        throw DavError::forbidden(xml::kDav, "valid-sync-token",
                                  "the business changed " + service.name +
                                      "'s policy or working hours since this token: sync again from scratch");
      }
      last = std::max(last, c.seq);
      if (auto sid = numberAfter(c.item, "session:")) {
        if (auto s = ctx_.booking.timetable.session(*sid)) {
          touch(s->time);
          continue;
        }
      } else if (auto bid = numberAfter(c.item, "booking:")) {
        if (auto b = ctx_.booking.desk.booking(*bid)) {
          touch(b->time);
          continue;
        }
      }
      touch(reach);  // not known any longer: any day
    }
    if (touched.empty()) return;
    std::set<domain::Instant> now;
    for (const domain::Interval& day : touchedDays(days, service, touched)) {
      for (const domain::Interval& w : windowsStarting(ctx_, service, day)) {
        now.insert(w.start);
        out.push_back({last, {}, windowMemberName(w.start), false});
      }
      for (domain::Instant start :
           domain::windowStartsOfDay(service, days, days.dateOf(service.timeZone, day.start))) {
        if (!now.count(start)) out.push_back({last, {}, windowMemberName(start), true});
      }
    }
  }

  static std::vector<domain::Interval> touchedDays(domain::LocalDays& days, const domain::Service& service,
                                                   const std::set<domain::Instant>& starts) {
    std::vector<domain::Interval> out;
    for (domain::Instant s : starts) out.push_back(dayOf(days, service, s));
    return out;
  }

  void add(std::optional<domain::ObjectRecord> r) {
    if (r) members_.push_back(std::move(*r));
  }

  void generate() {
    if (generated_) return;
    generated_ = true;
    // Class sessions are materialised as far as the window reaches before the snapshot is read.
    std::vector<Session> serviceSessions;
    if (calendar_.kind == ResourceKind::ServiceCalendar &&
        calendar_.service->kind != domain::ServiceKind::Appointment)
      serviceSessions = ctx_.booking.timetable.sessions(calendar_.service->id, view_.window());
    withReminders(ctx_, [&](domain::notify::NotificationRows* reminders) {
      ctx_.booking.store.read([&](domain::BookingData& data) { generate(data, reminders, serviceSessions); });
    });
    if (showsOpenWindows(calendar_)) {
      const domain::Service& service = *calendar_.service;
      const std::string address = serviceAddressOf(ctx_, service);
      for (const domain::Interval& w :
           windowsStarting(ctx_, service, windowReach(service, ctx_.clock.now()))) {
        members_.push_back(
            windowRecord(ctx_, calendar_, w, static_cast<std::int64_t>(members_.size()) + 1, address));
      }
    }
  }

  void generate(domain::BookingData& data, domain::notify::NotificationRows* reminders,
                const std::vector<Session>& serviceSessions) {
    using Kind = ComputedMember::Kind;
    BookingEventSource source(data, ctx_.accounts, ctx_.settings, reminders);
    auto next = [&] { return static_cast<std::int64_t>(members_.size()) + 1; };
    if (calendar_.kind == ResourceKind::ResourceCalendar) {
      for (const Session& s : data.sessionsOnResource(calendar_.resourceId, view_.window())) {
        if (view_.shows(s)) add(renderMember(view_, source, data, {Kind::Session, s.id}, next()));
      }
      return;
    }
    for (const Session& s : serviceSessions) {
      if (view_.shows(s)) add(renderMember(view_, source, data, {Kind::Session, s.id}, next()));
    }
    domain::BookingFilter filter;
    filter.customer = calendar_.owner;
    if (calendar_.kind == ResourceKind::ServiceCalendar) filter.serviceId = calendar_.service->id;
    filter.statuses = kActive;
    for (const Booking& b : data.bookings(filter)) {
      if (view_.shows(b)) add(renderMember(view_, source, data, {Kind::Booking, b.id}, next()));
    }
  }

  DavContext& ctx_;
  Resource calendar_;
  CalendarView view_;
  std::vector<std::string> scopes_;     // everything behind the token
  std::vector<std::string> ownScopes_;  // the sessions and bookings it shows
  bool generated_ = false;
  std::vector<domain::ObjectRecord> members_;
};

}  // namespace

std::unique_ptr<CollectionMembers> computedMembers(DavContext& ctx, domain::CalendarReader&,
                                                   const Resource& calendar) {
  if (!isComputedCalendar(calendar.kind) || !calendar.collection) return nullptr;
  return std::make_unique<ComputedMembers>(ctx, calendar);
}

std::vector<std::string> computedCalendarScopes(const Resource& calendar) {
  switch (calendar.kind) {
    case ResourceKind::ServiceCalendar: {
      std::vector<std::string> scopes = domain::serviceCollectionScopes(calendar.service->id, calendar.owner);
      if (showsOpenWindows(calendar)) {
        for (const std::string& r : calendar.service->resourceIds())
          scopes.push_back(domain::resourceScope(r));
        scopes.emplace_back(domain::kCatalogScope);
      }
      return scopes;
    }
    case ResourceKind::BookingsCalendar:
      return domain::customerCollectionScopes(calendar.owner);
    default:
      return domain::resourceCollectionScopes(calendar.resourceId);
  }
}

bool showsOpenWindows(const Resource& calendar) {
  return calendar.kind == ResourceKind::ServiceCalendar && calendar.service &&
         calendar.service->kind == domain::ServiceKind::Appointment;
}

std::optional<std::int64_t> openWindowsTimeVersion(DavContext& ctx, const Resource& calendar) {
  if (!showsOpenWindows(calendar)) return std::nullopt;
  domain::LocalDays days(ical::IcalZoneRules::instance());
  return domain::toUnix(domain::windowsTimeVersion(*calendar.service, days, ctx.clock.now()));
}

std::optional<FoundMember> computedMember(DavContext& ctx, const Resource& calendar, std::string_view name) {
  if (!isComputedCalendar(calendar.kind) || !calendar.collection) return std::nullopt;
  if (showsOpenWindows(calendar)) {
    if (auto start = windowStartOfMember(name)) {
      const domain::Service& service = *calendar.service;
      const domain::Interval reach = windowReach(service, ctx.clock.now());
      if (!reach.contains(*start)) return std::nullopt;
      domain::LocalDays days(ical::IcalZoneRules::instance());
      for (const domain::Interval& w : windowsStarting(ctx, service, dayOf(days, service, *start))) {
        if (w.start == *start && reach.contains(w.start))
          return FoundMember{windowRecord(ctx, calendar, w, 1, serviceAddressOf(ctx, service)),
                             {ComputedMember::Kind::Window, start->time_since_epoch().count()}};
      }
      return std::nullopt;
    }
  }
  CalendarView view(calendar, ctx.clock.now());
  std::optional<FoundMember> found;
  withReminders(ctx, [&](domain::notify::NotificationRows* reminders) {
    found = ctx.booking.store.reading([&](domain::BookingData& data) -> std::optional<FoundMember> {
      std::optional<ComputedMember> identity = view.identify(data, name);
      if (!identity) return std::nullopt;
      BookingEventSource source(data, ctx.accounts, ctx.settings, reminders);
      std::optional<domain::ObjectRecord> r = renderMember(view, source, data, *identity, 1);
      if (!r || r->name != name) return std::nullopt;
      return FoundMember{std::move(*r), *identity};
    });
  });
  return found;
}

std::optional<std::string> computedMemberETag(DavContext& ctx, domain::BookingData& data,
                                              const Resource& calendar, ComputedMember identity) {
  CalendarView view(calendar, ctx.clock.now());
  std::optional<std::string> etag;
  withReminders(ctx, [&](domain::notify::NotificationRows* reminders) {
    BookingEventSource source(data, ctx.accounts, ctx.settings, reminders);
    if (std::optional<domain::ObjectRecord> r = renderMember(view, source, data, identity, 1)) etag = r->etag;
  });
  return etag;
}

}  // namespace bookdav::caldav
