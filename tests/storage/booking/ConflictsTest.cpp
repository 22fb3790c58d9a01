// Timetable and working-hours changes over active bookings (issue 10): refused with
// conflicts-with-bookings naming each booking, unless the business forces them; forced, what is in the
// way is canceled, all in the change's one transaction.
#include <gmock/gmock.h>

#include "tests/storage/booking/BookingFixture.h"

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;

class ConflictsTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    if (IsSkipped()) return;
    catalog.putResource(staff("ana"));
    catalog.putResource(staff("maria"));
    catalog.putResource(room("studio"));
    catalog.putService(haircut({"ana"}));
    catalog.putService(yoga(3));
    Schedule s = mondays("yoga");
    s.rules[0].firstDate = date(2026, 11, 23);
    s.resourceIds = {"maria", "studio"};
    timetable.putSchedule(s);
    monday = sessionsOf("yoga").at(0);  // 2026-11-23 20:00 Berlin (19:00Z)
  }
  NewSession timeOff(const std::string& resource, const char* from, const char* to) {
    NewSession off;
    off.kind = SessionKind::TimeOff;
    off.time = Interval{utc(from), utc(to)};
    off.resourceIds = {resource};
    off.title = "Away";
    return off;
  }
  // Runs f, expects conflicts-with-bookings, and returns the refusal.
  template <typename F>
  Refused conflict(F&& f) {
    try {
      f();
    } catch (const Refused& r) {
      EXPECT_EQ(r.reason(), Refusal::ConflictsWithBookings) << r.what();
      return r;
    }
    ADD_FAILURE() << "expected conflicts-with-bookings";
    return Refused(Refusal::NotFound, "");
  }
  Session monday;
};

TEST_P(ConflictsTest, TimeOffOverAnAppointmentIsRefusedNamingItAndForcedCancelsIt) {
  Booking cut = desk.book(at("haircut", utc("2026-11-24T09:00:00Z")), alice);  // 10:00 Berlin
  const std::int64_t seq = lastChange();
  NewSession off = timeOff("ana", "2026-11-24T08:00:00Z", "2026-11-24T12:00:00Z");
  Refused r = conflict([&] { timetable.createSession(off); });
  ASSERT_EQ(r.conflicts().size(), 1u);
  EXPECT_EQ(r.conflicts()[0], (BookingConflict{cut.id, "haircut", cut.sessionIds[0], cut.time, "ana"}));
  EXPECT_EQ(std::string(r.what()),
            "the new time off on ana from 09:00 on 2026-11-24 to 13:00 on 2026-11-24 "
            "would overlap 1 active booking: booking " +
                std::to_string(cut.id) +
                " (Haircut at 10:00 on 2026-11-24); cancel it first, or force the change");
  EXPECT_EQ(lastChange(), seq) << "a refused change writes nothing";
  EXPECT_EQ(desk.booking(cut.id)->status, BookingStatus::Confirmed);
  // Time off next to it is fine; forced over it, the business cancels the appointment.
  timetable.createSession(timeOff("ana", "2026-11-24T10:00:00Z", "2026-11-24T11:00:00Z"));
  off.force = true;
  Session made = timetable.createSession(off);
  EXPECT_EQ(made.kind, SessionKind::TimeOff);
  EXPECT_EQ(desk.booking(cut.id)->status, BookingStatus::Canceled);
  bool told = false;
  for (const Change& c : changesSince(seq)) told = told || (c.scope == "customer:alice" && c.deleted);
  EXPECT_TRUE(told) << "alice's calendars see the cancellation";
  expectConsistent();
}

TEST_P(ConflictsTest, ANewClassSessionOverBookingsIsRefusedUnlessForced) {
  Booking cut = desk.book(at("haircut", utc("2026-11-24T09:00:00Z")), alice);
  Booking yogi = desk.book(inSession("yoga", monday.id), bob);
  NewSession extra;
  extra.serviceId = "yoga";
  extra.kind = SessionKind::Class;
  extra.time = Interval{utc("2026-11-24T08:30:00Z"), utc("2026-11-24T09:30:00Z")};
  extra.resourceIds = {"ana"};
  EXPECT_EQ(conflict([&] { timetable.createSession(extra); }).conflicts().at(0).bookingId, cut.id);
  // In the studio at Monday's class: the class session and its booking are in the way.
  NewSession clash = extra;
  clash.time = Interval{monday.time.start - minutes{30}, monday.time.start + minutes{30}};
  clash.resourceIds = {"studio"};
  Refused r = conflict([&] { timetable.createSession(clash); });
  EXPECT_EQ(r.conflicts().at(0).bookingId, yogi.id);
  EXPECT_EQ(r.conflicts().at(0).resourceId, "studio");
  clash.force = true;
  timetable.createSession(clash);
  // Forced: Monday's class is canceled as the business cancels it (its booking too), for good.
  EXPECT_EQ(desk.booking(yogi.id)->status, BookingStatus::Canceled);
  EXPECT_EQ(timetable.session(monday.id)->status, SessionStatus::Canceled);
  timetable.putSchedule(*timetable.schedule("yoga"));
  EXPECT_EQ(timetable.session(monday.id)->status, SessionStatus::Canceled);
  expectConsistent();
}

TEST_P(ConflictsTest, AScheduleWhoseSessionsOverlapBookingsIsRefusedUnlessForced) {
  Booking cut = desk.book(at("haircut", utc("2026-11-24T09:00:00Z")), alice);  // 10:00 Berlin, ana
  const std::int64_t seq = lastChange();
  // Yoga moves to Tuesdays at 10:00 with ana teaching: its first session sits on the haircut.
  Schedule tuesdays;
  tuesdays.serviceId = "yoga";
  tuesdays.rules.push_back(
      WeeklyRecurrence{Weekdays{std::chrono::Tuesday}, hm(10), date(2026, 11, 24), std::nullopt, 4});
  tuesdays.resourceIds = {"ana", "studio"};
  Refused r = conflict([&] { timetable.putSchedule(tuesdays); });
  ASSERT_EQ(r.conflicts().size(), 1u);
  EXPECT_EQ(r.conflicts()[0].bookingId, cut.id);
  EXPECT_THAT(std::string(r.what()),
              ::testing::StartsWith("the schedule of Yoga would overlap 1 active booking"));
  EXPECT_EQ(lastChange(), seq) << "a refused schedule writes nothing";
  EXPECT_EQ(timetable.schedule("yoga")->rules[0].days, Weekdays{std::chrono::Monday});
  EXPECT_EQ(desk.booking(cut.id)->status, BookingStatus::Confirmed);
  // Sessions of the service itself are never in its own way, and forced, the haircut goes.
  SessionSync sync = timetable.putSchedule(tuesdays, true);
  EXPECT_EQ(sync.canceledBookings, std::vector<BookingId>{cut.id});
  EXPECT_EQ(desk.booking(cut.id)->status, BookingStatus::Canceled);
  EXPECT_EQ(sessionsOf("yoga").at(0).time.start, utc("2026-11-24T09:00:00Z"));
  expectConsistent();
}

TEST_P(ConflictsTest, MovingASessionOntoBookingsIsRefusedUnlessForced) {
  Session off = timetable.createSession(timeOff("ana", "2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z"));
  Booking cut = desk.book(at("haircut", utc("2026-11-25T10:00:00Z")), alice);
  SessionChange later;
  later.time = Interval{utc("2026-11-25T09:30:00Z"), utc("2026-11-25T12:00:00Z")};
  EXPECT_EQ(conflict([&] { timetable.updateSession(off.id, later); }).conflicts().at(0).bookingId, cut.id);
  EXPECT_EQ(timetable.session(off.id)->time.start, utc("2026-11-25T08:00:00Z"));
  later.force = true;
  timetable.updateSession(off.id, later);
  EXPECT_EQ(desk.booking(cut.id)->status, BookingStatus::Canceled);
  // A class session moved over an appointment of its teacher: the same.
  catalog.putService(haircut({"maria"}));
  Booking withMaria = desk.book(at("haircut", utc("2026-11-26T09:00:00Z")), bob);
  SessionChange moved;
  moved.time = Interval{utc("2026-11-26T08:30:00Z"), utc("2026-11-26T09:30:00Z")};
  EXPECT_EQ(conflict([&] { timetable.updateSession(monday.id, moved); }).conflicts().at(0).bookingId,
            withMaria.id);
  expectConsistent();
}

TEST_P(ConflictsTest, WorkingHoursThatCloseBookedTimeAreRefusedUnlessForced) {
  Booking cut = desk.book(at("haircut", utc("2026-11-24T09:00:00Z")), alice);  // Tuesday 10:00
  Booking yogi = desk.book(inSession("yoga", monday.id), bob);
  WorkingHours afternoons = everyDay(hm(12), hm(17));
  Refused r = conflict([&] { catalog.setWorkingHours("ana", afternoons); });
  EXPECT_EQ(r.conflicts().at(0).bookingId, cut.id);
  EXPECT_EQ(catalog.workingHours("ana"), everyDay(hm(9), hm(17)));
  // Hours that still cover it are fine; so is a closure elsewhere.
  WorkingHours tuesdayOff = everyDay(hm(9), hm(17));
  tuesdayOff.closed.push_back(Closure::days(date(2026, 12, 1), date(2026, 12, 1), "Training"));
  EXPECT_TRUE(catalog.setWorkingHours("ana", tuesdayOff));
  // A closure over Monday's class in the studio (classes may lie outside working hours, not in closures).
  WorkingHours studio = everyDay(hm(0), hm(24));
  studio.closed.push_back(Closure::days(date(2026, 11, 23), date(2026, 11, 23), "Floor works"));
  Resource r2 = *catalog.resource("studio");
  r2.hours = studio;
  EXPECT_EQ(conflict([&] { catalog.putResource(r2); }).conflicts().at(0).bookingId, yogi.id);
  EXPECT_TRUE(catalog.setWorkingHours("ana", afternoons, true));
  EXPECT_EQ(desk.booking(cut.id)->status, BookingStatus::Canceled);
  EXPECT_TRUE(catalog.putResource(r2, true));
  EXPECT_EQ(desk.booking(yogi.id)->status, BookingStatus::Canceled);
  EXPECT_EQ(timetable.session(monday.id)->status, SessionStatus::Canceled);
  expectConsistent();
}

TEST_P(ConflictsTest, PastBookingsAndCanceledOnesAreNotInTheWay) {
  Booking cut = desk.book(at("haircut", utc("2026-11-24T09:00:00Z")), alice);
  desk.cancel(cut.id, alice);
  timetable.createSession(timeOff("ana", "2026-11-24T08:00:00Z", "2026-11-24T12:00:00Z"));
  Booking done = desk.book(at("haircut", utc("2026-11-20T10:00:00Z")), alice);
  clock.set(utc("2026-11-21T08:00:00Z"));
  timetable.createSession(
      timeOff("ana", "2026-11-20T08:00:00Z", "2026-11-20T16:00:00Z"));  // sick, recorded late
  EXPECT_EQ(desk.booking(done.id)->status, BookingStatus::Confirmed);
  expectConsistent();
}

BOOKDAV_ON_BOTH_ENGINES(ConflictsTest);

}  // namespace
}  // namespace bookdav::domain::testing
