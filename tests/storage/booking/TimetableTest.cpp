#include "domain/booking/Timetable.h"

#include "domain/booking/LocalText.h"
#include "tests/storage/booking/BookingFixture.h"

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;

class TimetableTest : public BookingFixture {
 protected:
  void SetUp() override {
    BookingFixture::SetUp();
    if (IsSkipped()) return;
    catalog.putResource(staff("maria"));
    catalog.putResource(room("studio-1"));
    catalog.putResource(room("studio-2"));
    catalog.putService(yoga(3));
  }
  Schedule weekly(std::optional<int> count = std::nullopt) {
    Schedule s = mondays("yoga", count);
    s.rules[0].firstDate = date(2026, 11, 23);  // the first Monday after "now"
    s.resourceIds = {"maria", "studio-1"};
    return s;
  }
};

TEST_P(TimetableTest, ScheduleMaterialisesSessionsWithOrigins) {
  SessionSync sync = timetable.putSchedule(weekly(4));
  EXPECT_EQ(sync.created, 4);
  auto sessions = sessionsOf("yoga");
  ASSERT_EQ(sessions.size(), 4u);
  EXPECT_EQ(sessions[0].time.start, utc("2026-11-23T19:00:00Z"));
  EXPECT_EQ(sessions[0].origin, "2026-11-23T20:00:00");
  EXPECT_EQ(sessions[0].capacity, 3);
  EXPECT_EQ(sessions[0].resourceIds, (std::vector<std::string>{"maria", "studio-1"}));
  EXPECT_EQ(sessions[0].kind, SessionKind::Class);
  EXPECT_EQ(timetable.schedule("yoga"), weekly(4));
}

TEST_P(TimetableTest, ScheduleUpsertIsIdempotentAndKeepsIdentities) {
  timetable.putSchedule(weekly());
  auto before = sessionsOf("yoga");
  std::int64_t seq = lastChange();
  SessionSync again = timetable.putSchedule(weekly());
  EXPECT_EQ(again.created + again.updated + again.removed, 0);
  EXPECT_EQ(lastChange(), seq);
  Schedule bigger = weekly();
  bigger.capacity = 8;
  SessionSync sync = timetable.putSchedule(bigger);
  EXPECT_EQ(sync.created, 0);
  auto window = timetable.sessions("yoga", Interval{clock.now(), clock.now() + kClassWindow});
  EXPECT_EQ(sync.updated, static_cast<int>(window.size()));  // every materialised session
  auto after = sessionsOf("yoga");
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after[0].id, before[0].id);
  EXPECT_EQ(after[0].capacity, 8);
}

TEST_P(TimetableTest, SessionsAreMaterialisedOnDemandBeyondTheWindow) {
  timetable.putSchedule(weekly());
  Interval farAway{utc("2027-09-01T00:00:00Z"), utc("2027-09-30T00:00:00Z")};
  int before = count("booking_sessions");
  auto sessions = timetable.sessions("yoga", farAway);
  ASSERT_EQ(sessions.size(), 4u);  // Mondays 6, 13, 20, 27 September 2027
  EXPECT_EQ(sessions[0].origin, "2027-09-06T20:00:00");
  EXPECT_GT(count("booking_sessions"), before);
  // Booking by start time also materialises.
  Booking b = desk.book(at("yoga", utc("2028-01-03T19:00:00Z")), alice);
  EXPECT_EQ(b.status, BookingStatus::Confirmed);
}

TEST_P(TimetableTest, RemovedOccurrencesAreDeletedOrCanceledWithTheirBookings) {
  timetable.putSchedule(weekly(3));  // 23 Nov, 30 Nov, 7 Dec
  auto sessions = sessionsOf("yoga");
  ASSERT_EQ(sessions.size(), 3u);
  Booking b = desk.book(inSession("yoga", sessions[1].id), alice);
  Schedule fewer = weekly(3);
  fewer.excluded = {local(2026, 11, 23, 20), local(2026, 11, 30, 20)};
  SessionSync sync = timetable.putSchedule(fewer);
  EXPECT_EQ(sync.removed, 2);
  EXPECT_EQ(sync.canceledBookings, std::vector<BookingId>{b.id});
  EXPECT_EQ(timetable.session(sessions[0].id), std::nullopt);  // never booked: gone
  EXPECT_EQ(timetable.session(sessions[1].id)->status, SessionStatus::Canceled);
  EXPECT_EQ(desk.booking(b.id)->status, BookingStatus::Canceled);
  expectConsistent();
}

TEST_P(TimetableTest, UpdatingOneSessionWritesAnOverrideAndKeepsItsIdentity) {
  timetable.putSchedule(weekly());
  auto sessions = sessionsOf("yoga");
  Booking b = desk.book(inSession("yoga", sessions[0].id), alice);
  SessionChange change;
  change.time = Interval{utc("2026-11-24T17:00:00Z"), utc("2026-11-24T18:30:00Z")};
  change.resourceIds = std::vector<std::string>{"maria", "studio-2"};
  change.capacity = 5;
  std::int64_t seq = lastChange();
  Session moved = timetable.updateSession(sessions[0].id, change);
  EXPECT_EQ(moved.id, sessions[0].id);
  EXPECT_EQ(moved.time, *change.time);
  EXPECT_EQ(moved.capacity, 5);
  EXPECT_EQ(moved.taken, 1);
  ASSERT_EQ(timetable.schedule("yoga")->overrides.size(), 1u);
  EXPECT_EQ(timetable.schedule("yoga")->overrides[0].start, local(2026, 11, 24, 18));
  // Applying the stored schedule again changes nothing.
  SessionSync again = timetable.putSchedule(*timetable.schedule("yoga"));
  EXPECT_EQ(again.updated, 0);
  // The booking follows its session and the calendars involved hear of it.
  EXPECT_EQ(desk.booking(b.id)->time, *change.time);
  bool studio1Told = false, studio2Told = false, aliceTold = false;
  for (const Change& c : changesSince(seq)) {
    studio1Told |= c.scope == "resource:studio-1" && c.deleted;
    studio2Told |= c.scope == "resource:studio-2" && !c.deleted;
    aliceTold |= c.scope == "customer:alice" && c.item == bookingItem(b.id);
  }
  EXPECT_TRUE(studio1Told);
  EXPECT_TRUE(studio2Told);
  EXPECT_TRUE(aliceTold);
}

TEST_P(TimetableTest, CapacityCannotDropBelowThePlacesHeld) {
  timetable.putSchedule(weekly());
  auto sessions = sessionsOf("yoga");
  desk.book(inSession("yoga", sessions[0].id, 2), alice);
  SessionChange change;
  change.capacity = 1;
  refused(Refusal::InvalidRequest, [&] { timetable.updateSession(sessions[0].id, change); });
  EXPECT_EQ(timetable.session(sessions[0].id)->capacity, 3);
  Schedule small = weekly();
  small.capacity = 1;
  refused(Refusal::InvalidRequest, [&] { timetable.putSchedule(small); });
  EXPECT_EQ(timetable.schedule("yoga"), weekly());
  expectConsistent();
}

TEST_P(TimetableTest, LockedSessionsRefuseCustomersButNotTheBusiness) {
  timetable.putSchedule(weekly());
  auto sessions = sessionsOf("yoga");
  Session locked = timetable.lockSession(sessions[0].id, "screening");
  EXPECT_TRUE(locked.locked);
  EXPECT_EQ(locked.lockNote, "screening");
  refused(Refusal::SessionLocked, [&] { desk.book(inSession("yoga", sessions[0].id), alice); });
  BookingRequest walkIn = inSession("yoga", sessions[0].id);
  walkIn.customer = "alice";
  EXPECT_EQ(desk.book(walkIn, admin).status, BookingStatus::Confirmed);
  timetable.unlockSession(sessions[0].id);
  EXPECT_EQ(desk.book(inSession("yoga", sessions[0].id), bob).status, BookingStatus::Confirmed);
}

TEST_P(TimetableTest, ChangeAndLockInTheCallersTransactionCommitTogetherOrNotAtAll) {
  NewSession extra;
  extra.serviceId = "yoga";
  extra.kind = SessionKind::Class;
  extra.time = Interval{utc("2026-12-05T09:00:00Z"), utc("2026-12-05T10:00:00Z")};
  extra.resourceIds = {"studio-2"};
  const Session s = timetable.createSession(extra);
  SessionChange change;
  change.title = "Moved";
  EXPECT_THROW(store.write([&](BookingData& data) {
    EXPECT_EQ(timetable.updateSession(data, s.id, change).title, "Moved");
    EXPECT_TRUE(timetable.setLock(data, s.id, true, "screening").locked);
    throw Refused(Refusal::InvalidRequest, "the caller gives up");
  }),
               Refused);
  EXPECT_EQ(timetable.session(s.id)->title, s.title);
  EXPECT_FALSE(timetable.session(s.id)->locked);
  store.write([&](BookingData& data) {
    timetable.updateSession(data, s.id, change);
    timetable.setLock(data, s.id, true, "screening");
  });
  EXPECT_EQ(timetable.session(s.id)->title, "Moved");
  EXPECT_EQ(timetable.session(s.id)->lockNote, "screening");
}

TEST_P(TimetableTest, OneOffClassSessionsAndTimeOff) {
  NewSession extra;
  extra.serviceId = "yoga";
  extra.kind = SessionKind::Class;
  extra.time = Interval{utc("2026-12-05T09:00:00Z"), utc("2026-12-05T10:00:00Z")};
  extra.resourceIds = {"studio-2"};
  Session s = timetable.createSession(extra);
  EXPECT_EQ(s.capacity, 3);
  EXPECT_FALSE(s.origin);
  NewSession off;
  off.kind = SessionKind::TimeOff;
  off.time = Interval{utc("2026-12-07T00:00:00Z"), utc("2026-12-12T00:00:00Z")};
  off.resourceIds = {"maria"};
  off.title = "Vacation";
  Session vacation = timetable.createSession(off);
  EXPECT_EQ(vacation.kind, SessionKind::TimeOff);
  auto onMaria =
      timetable.sessionsOn("maria", Interval{utc("2026-12-01T00:00:00Z"), utc("2026-12-31T00:00:00Z")});
  ASSERT_EQ(onMaria.size(), 1u);
  EXPECT_EQ(onMaria[0].title, "Vacation");
  NewSession bad = off;
  bad.kind = SessionKind::Appointment;
  refused(Refusal::InvalidRequest, [&] { timetable.createSession(bad); });
  timetable.cancelSession(vacation.id);
  EXPECT_EQ(timetable.session(vacation.id), std::nullopt);
}

TEST_P(TimetableTest, TimeOffRemovesAppointmentSlots) {
  catalog.putResource(staff("ana"));
  catalog.putService(haircut());
  SlotQuery q;
  q.serviceId = "haircut";
  q.range = Interval{utc("2026-12-01T00:00:00Z"), utc("2026-12-02T00:00:00Z")};
  EXPECT_EQ(desk.slots(q).size(), 16u);  // 09:00-17:00, 30 minutes
  NewSession off;
  off.kind = SessionKind::TimeOff;
  off.time = Interval{utc("2026-12-01T11:00:00Z"), utc("2026-12-01T16:00:00Z")};  // 12:00-17:00 local
  off.resourceIds = {"ana"};
  timetable.createSession(off);
  EXPECT_EQ(desk.slots(q).size(), 6u);
}

TEST_P(TimetableTest, CancelingAClassSessionCancelsItsBookings) {
  timetable.putSchedule(weekly());
  auto sessions = sessionsOf("yoga");
  Booking a = desk.book(inSession("yoga", sessions[1].id), alice);
  SessionSync sync = timetable.cancelSession(sessions[1].id);
  EXPECT_EQ(sync.canceledBookings, std::vector<BookingId>{a.id});
  EXPECT_EQ(desk.booking(a.id)->status, BookingStatus::Canceled);
  EXPECT_EQ(timetable.session(sessions[1].id)->status, SessionStatus::Canceled);
  // The exclusion is in the schedule, so applying it again does not bring the session back.
  timetable.putSchedule(*timetable.schedule("yoga"));
  EXPECT_EQ(timetable.session(sessions[1].id)->status, SessionStatus::Canceled);
  refused(Refusal::SessionCanceled, [&] { desk.book(inSession("yoga", sessions[1].id), bob); });
  expectConsistent();
}

TEST_P(TimetableTest, RemovingAServiceTakesItsSessionsOutOfTheTimetable) {
  timetable.putSchedule(weekly(3));
  auto sessions = sessionsOf("yoga");
  Booking a = desk.book(inSession("yoga", sessions[1].id), alice);
  desk.cancel(a.id, alice);
  catalog.removeService("yoga");
  EXPECT_EQ(timetable.session(sessions[0].id), std::nullopt);                     // never booked: deleted
  EXPECT_EQ(timetable.session(sessions[1].id)->status, SessionStatus::Canceled);  // keeps its history
  EXPECT_EQ(timetable.schedule("yoga"), std::nullopt);
  EXPECT_TRUE(timetable.busy("studio-1", Interval{clock.now(), clock.now() + days{30}}).busy.empty());
  expectConsistent();
}

TEST_P(TimetableTest, BusyTimeForFreeBusy) {
  catalog.putResource(staff("ana", everyDay(hm(9), hm(17))));
  catalog.putService(haircut());
  desk.book(at("haircut", utc("2026-12-01T09:00:00Z")), alice);
  NewSession off;
  off.kind = SessionKind::TimeOff;
  off.time = Interval{utc("2026-12-01T12:00:00Z"), utc("2026-12-01T13:00:00Z")};
  off.resourceIds = {"ana"};
  timetable.createSession(off);
  ResourceBusy busy =
      timetable.busy("ana", Interval{utc("2026-12-01T00:00:00Z"), utc("2026-12-02T00:00:00Z")});
  EXPECT_EQ(busy.busy, (Intervals{{utc("2026-12-01T09:00:00Z"), utc("2026-12-01T09:30:00Z")},
                                  {utc("2026-12-01T12:00:00Z"), utc("2026-12-01T13:00:00Z")}}));
  EXPECT_EQ(busy.unavailable, (Intervals{{utc("2026-12-01T00:00:00Z"), utc("2026-12-01T08:00:00Z")},
                                         {utc("2026-12-01T16:00:00Z"), utc("2026-12-02T00:00:00Z")}}));
}

TEST_P(TimetableTest, SessionChangesAreLoggedInServiceAndResourceScopes) {
  std::int64_t seq = lastChange();
  timetable.putSchedule(weekly(4));
  auto sessions = sessionsOf("yoga");
  int service = 0, maria = 0;
  for (const Change& c : changesSince(seq)) {
    if (c.item.rfind("session:", 0) != 0) continue;
    service += c.scope == "service:yoga";
    maria += c.scope == "resource:maria";
  }
  EXPECT_EQ(service, 4);
  EXPECT_EQ(maria, 4);
  seq = lastChange();
  desk.book(inSession("yoga", sessions[0].id), alice);  // places left changed
  bool sessionTold = false;
  for (const Change& c : changesSince(seq))
    sessionTold |= c.scope == "service:yoga" && c.item == sessionItem(sessions[0].id);
  EXPECT_TRUE(sessionTold);
  std::vector<std::string> scopes = serviceCollectionScopes("yoga", "alice");
  EXPECT_GT(changes.latest(scopes), seq);
  EXPECT_EQ(changes.latest(serviceCollectionScopes("haircut", "alice")), 0);
}

BOOKDAV_ON_BOTH_ENGINES(TimetableTest);

}  // namespace
}  // namespace bookdav::domain::testing
