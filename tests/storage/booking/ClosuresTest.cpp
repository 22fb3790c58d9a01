// Class and course sessions on days their room or teacher is closed (issue 10): working-hours closures
// and time off of a session's resources keep it from being offered; sessions to come that a new closure
// covers are canceled (and their bookings told); lifting the closure brings them back.
#include "domain/booking/LocalText.h"
#include "tests/storage/booking/BookingFixture.h"

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;

class ClosuresTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    if (IsSkipped()) return;
    catalog.putResource(staff("maria"));
    catalog.putResource(room("studio"));
    catalog.putService(yoga(3));
  }
  void scheduleMondays() {
    Schedule s = mondays("yoga");
    s.rules[0].firstDate = date(2026, 11, 23);
    s.resourceIds = {"maria", "studio"};
    timetable.putSchedule(s);
  }
  void closeStudio(std::chrono::year_month_day day, bool force = false) {
    WorkingHours h = everyDay(hm(0), hm(24));
    h.closed.push_back(Closure::days(day, day, "Floor works"));
    catalog.setWorkingHours("studio", h, force);
  }
  // The session of the schedule whose origin is that Monday at 20:00 (any status).
  Session on(std::chrono::year_month_day day) {
    for (const Session& s : sessionsOf("yoga"))
      if (s.origin == formatLocal(LocalDateTime{day, hm(20)})) return s;
    ADD_FAILURE() << "no session on " << formatDate(day);
    return {};
  }
  bool takesPlace(std::chrono::year_month_day day) {
    for (const Session& s : sessionsOf("yoga"))
      if (s.origin == formatLocal(LocalDateTime{day, hm(20)})) return s.active();
    return false;
  }
  std::vector<Instant> offered() {
    SlotQuery q;
    q.serviceId = "yoga";
    q.range = Interval{clock.now(), clock.now() + days{30}};
    std::vector<Instant> out;
    for (const Slot& s : desk.slots(q)) out.push_back(s.time.start);
    return out;
  }
};

TEST_P(ClosuresTest, AClosedDayIsNotOffered) {
  closeStudio(date(2026, 11, 30));
  scheduleMondays();
  Session closed = on(date(2026, 11, 30));
  EXPECT_EQ(closed.status, SessionStatus::Canceled) << "materialised canceled, so calendars show it canceled";
  std::vector<Instant> starts = offered();
  EXPECT_EQ(std::count(starts.begin(), starts.end(), closed.time.start), 0);
  EXPECT_EQ(std::count(starts.begin(), starts.end(), on(date(2026, 11, 23)).time.start), 1);
  refused(Refusal::SessionCanceled, [&] { desk.book(inSession("yoga", closed.id), alice); });
  refused(Refusal::NotASessionTime, [&] { desk.book(at("yoga", closed.time.start), alice); });
  expectConsistent();
}

TEST_P(ClosuresTest, ANewClosureCancelsTheSessionsToComeAndTellsTheirBookings) {
  scheduleMondays();
  Session dec7 = on(date(2026, 12, 7));
  Booking a = desk.book(inSession("yoga", dec7.id), alice);
  refused(Refusal::ConflictsWithBookings, [&] { closeStudio(date(2026, 12, 7)); });
  EXPECT_EQ(on(date(2026, 12, 7)).status, SessionStatus::Scheduled);
  const std::int64_t seq = lastChange();
  closeStudio(date(2026, 12, 7), true);  // the business forces it
  EXPECT_EQ(on(date(2026, 12, 7)).status, SessionStatus::Canceled);
  EXPECT_EQ(desk.booking(a.id)->status, BookingStatus::Canceled);
  std::set<std::string> scopes;
  for (const Change& c : changesSince(seq)) scopes.insert(c.scope + (c.deleted ? " deleted" : ""));
  EXPECT_TRUE(scopes.count("service:yoga")) << "the service calendar sees the session canceled";
  EXPECT_TRUE(scopes.count("customer:alice deleted")) << "alice's bookings/ sees the booking go";
  EXPECT_TRUE(scopes.count("resource:maria"));
  // A closure over a session nobody booked needs no force.
  closeStudio(date(2026, 12, 14));
  EXPECT_EQ(on(date(2026, 12, 14)).status, SessionStatus::Canceled);
  EXPECT_EQ(on(date(2026, 12, 7)).status, SessionStatus::Scheduled) << "the 7th is no longer closed";
  expectConsistent();
}

TEST_P(ClosuresTest, LiftingTheClosureBringsTheSessionBack) {
  scheduleMondays();
  closeStudio(date(2026, 12, 7));
  EXPECT_EQ(on(date(2026, 12, 7)).status, SessionStatus::Canceled);
  catalog.setWorkingHours("studio", everyDay(hm(0), hm(24)));
  Session back = on(date(2026, 12, 7));
  EXPECT_EQ(back.status, SessionStatus::Scheduled);
  EXPECT_EQ(desk.book(inSession("yoga", back.id), alice).status, BookingStatus::Confirmed);
  // An occurrence the business canceled stays canceled whatever the closures do.
  timetable.cancelSession(on(date(2026, 12, 14)).id);
  closeStudio(date(2026, 12, 14));
  catalog.setWorkingHours("studio", everyDay(hm(0), hm(24)));
  EXPECT_FALSE(takesPlace(date(2026, 12, 14)));
  EXPECT_TRUE(takesPlace(date(2026, 12, 21)));
  expectConsistent();
}

TEST_P(ClosuresTest, TheTeachersTimeOffClosesTheClassUntilItIsCanceled) {
  scheduleMondays();
  NewSession off;
  off.kind = SessionKind::TimeOff;
  off.time = Interval{utc("2026-11-30T00:00:00Z"), utc("2026-12-02T00:00:00Z")};
  off.resourceIds = {"maria"};
  off.title = "Conference";
  Session away = timetable.createSession(off);
  EXPECT_EQ(on(date(2026, 11, 30)).status, SessionStatus::Canceled);
  // Sessions materialised later (the schedule extended) respect it too.
  Schedule s = *timetable.schedule("yoga");
  s.capacity = 4;
  timetable.putSchedule(s);
  EXPECT_EQ(on(date(2026, 11, 30)).status, SessionStatus::Canceled);
  EXPECT_EQ(on(date(2026, 11, 30)).capacity, 4);
  timetable.cancelSession(away.id);
  EXPECT_EQ(on(date(2026, 11, 30)).status, SessionStatus::Scheduled);
  // A one-off class session cannot be put on a closed day.
  timetable.createSession(off);
  NewSession extra;
  extra.serviceId = "yoga";
  extra.kind = SessionKind::Class;
  extra.time = Interval{utc("2026-12-01T09:00:00Z"), utc("2026-12-01T10:00:00Z")};
  extra.resourceIds = {"maria"};
  std::string why = refused(Refusal::InvalidRequest, [&] { timetable.createSession(extra); });
  EXPECT_EQ(why,
            "the session of Yoga at 10:00 on 2026-12-01 cannot take place: maria is away: Conference then");
  expectConsistent();
}

TEST_P(ClosuresTest, AClosedCourseMeetingIsCanceledAndTheCourseBookingsStay) {
  catalog.putResource(room("room-a"));
  catalog.putService(spanish(3));
  Schedule s;
  s.serviceId = "spanish";
  s.resourceIds = {"room-a"};
  s.rules.push_back(
      WeeklyRecurrence{Weekdays{Tuesday, Thursday}, hm(18), date(2026, 12, 1), std::nullopt, 4});
  timetable.putSchedule(s);
  std::vector<Session> meetings = timetable.sessions("spanish", kAllTime);
  Booking a = desk.book(inSession("spanish", meetings[0].id), alice);
  WorkingHours h = everyDay(hm(0), hm(24));
  h.closed.push_back(Closure::days(date(2026, 12, 3), date(2026, 12, 3), "Holiday"));
  refused(Refusal::ConflictsWithBookings, [&] { catalog.setWorkingHours("room-a", h); });
  catalog.setWorkingHours("room-a", h, true);
  EXPECT_EQ(timetable.session(meetings[1].id)->status, SessionStatus::Canceled);
  EXPECT_EQ(desk.booking(a.id)->status, BookingStatus::Confirmed);
  expectConsistent();
}

BOOKDAV_ON_BOTH_ENGINES(ClosuresTest);

}  // namespace
}  // namespace bookdav::domain::testing
