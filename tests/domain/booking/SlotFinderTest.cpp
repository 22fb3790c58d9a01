#include "domain/booking/SlotFinder.h"

#include <gtest/gtest.h>

#include "caldav/ical/IcalZoneRules.h"
#include "domain/booking/LocalText.h"
#include "tests/domain/booking/Builders.h"

namespace bookdav::domain {
namespace {

using namespace std::chrono;
using namespace testing;
using caldav::ical::IcalZoneRules;

const Instant kNow = utc("2026-11-20T08:00:00Z");

class SlotFinderTest : public ::testing::Test {
 protected:
  const ZoneRules& zones = IcalZoneRules::instance();
  SlotFinder finder{zones};

  SlotContext appointment(Service service, std::vector<Resource> resources) {
    SlotContext ctx;
    ctx.service = std::move(service);
    ctx.resources = std::move(resources);
    return ctx;
  }
  std::vector<Slot> find(const SlotContext& ctx, const char* from, const char* to, Instant now = kNow) {
    SlotQuery q;
    q.serviceId = ctx.service.id;
    q.range = Interval{utc(from), utc(to)};
    return finder.find(ctx, q, now);
  }
  std::vector<std::string> localStarts(const std::vector<Slot>& slots) {
    std::vector<std::string> out;
    for (const Slot& s : slots) out.push_back(describeTime(zones, kZone, s.time.start));
    return out;
  }
  // A session's hold on a resource, its buffers included.
  BusyTime busy(const std::string& resource, const char* from, const char* to,
                SessionKind kind = SessionKind::Appointment) {
    return BusyTime{++nextId, kind, resource, Interval{utc(from), utc(to)}};
  }
  SessionId nextId = 100;
};

TEST_F(SlotFinderTest, SlotsFollowTheDurationGridInsideWorkingHours) {
  auto ctx = appointment(haircut(), {staff("ana", everyDay(hm(9), hm(12)))});
  auto slots = find(ctx, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");
  EXPECT_EQ(localStarts(slots),
            (std::vector<std::string>{"09:00 on 2026-12-01", "09:30 on 2026-12-01", "10:00 on 2026-12-01",
                                      "10:30 on 2026-12-01", "11:00 on 2026-12-01", "11:30 on 2026-12-01"}));
  EXPECT_EQ(slots[0].resourceIds, std::vector<std::string>{"ana"});
  EXPECT_EQ(slots[0].openPlaces, 1);
  EXPECT_EQ(slots[0].totalPlaces, 1);
  EXPECT_EQ(slots[0].time.length(), minutes{30});
  EXPECT_TRUE(slots[0].sessionIds.empty());
}

TEST_F(SlotFinderTest, GranularityIsAlignedToLocalMidnight) {
  Service s = haircut();
  s.policy.slotGranularity = minutes{20};
  auto ctx = appointment(s, {staff("ana", everyDay(hm(9, 10), hm(10, 30)))});
  auto slots = find(ctx, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");
  EXPECT_EQ(localStarts(slots),
            (std::vector<std::string>{"09:20 on 2026-12-01", "09:40 on 2026-12-01", "10:00 on 2026-12-01"}));
}

TEST_F(SlotFinderTest, ExistingSessionsAndTheirBuffersBlockTime) {
  Service s = haircut();
  s.policy.slotGranularity = minutes{15};
  s.policy.bufferAfter = minutes{15};  // cleaning after each haircut
  auto ctx = appointment(s, {staff("ana", everyDay(hm(9), hm(12)))});
  // A haircut 10:00-10:30 local with its own 15 minutes after.
  ctx.busy = {busy("ana", "2026-12-01T09:00:00Z", "2026-12-01T09:45:00Z")};
  auto starts = localStarts(find(ctx, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"));
  // Before: a new haircut must end 15 minutes before 10:00 -> last start 09:15.
  // After: the booked one keeps 10:30-10:45 free -> first start 10:45. Buffers need not lie within
  // working hours: 11:30-12:00 is offered although its cleaning time runs past 12:00.
  EXPECT_EQ(starts,
            (std::vector<std::string>{"09:00 on 2026-12-01", "09:15 on 2026-12-01", "10:45 on 2026-12-01",
                                      "11:00 on 2026-12-01", "11:15 on 2026-12-01", "11:30 on 2026-12-01"}));
}

TEST_F(SlotFinderTest, BufferBeforeKeepsRoomBeforeTheCandidate) {
  Service s = haircut();
  s.policy.slotGranularity = minutes{15};
  s.policy.bufferBefore = minutes{15};
  auto ctx = appointment(s, {staff("ana", everyDay(hm(9), hm(11)))});
  ctx.busy = {
      busy("ana", "2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z", SessionKind::Class)};  // 09:00-09:30 local
  auto starts = localStarts(find(ctx, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"));
  EXPECT_EQ(starts.front(), "09:45 on 2026-12-01");
  EXPECT_EQ(starts.back(), "10:30 on 2026-12-01");
}

TEST_F(SlotFinderTest, TimeOffAndOtherServicesSessionsBlockToo) {
  auto ctx = appointment(haircut(), {staff("ana", everyDay(hm(9), hm(11)))});
  ctx.busy = {busy("ana", "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z", SessionKind::TimeOff),
              busy("ana", "2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z", SessionKind::Class),
              busy("ben", "2026-12-01T09:30:00Z", "2026-12-01T10:00:00Z")};  // someone else's
  auto starts = localStarts(find(ctx, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z"));
  EXPECT_EQ(starts, (std::vector<std::string>{"10:30 on 2026-12-01"}));
}

TEST_F(SlotFinderTest, StylistAndChairMustBothBeFree) {
  Service s = haircut({"ana", "ben"}, {ResourceGroup{{"chair-1"}}});
  auto ctx = appointment(s, {staff("ana", everyDay(hm(9), hm(10))), staff("ben", everyDay(hm(9), hm(11))),
                             room("chair-1", everyDay(hm(9), hm(11)))});
  ctx.busy = {busy("ana", "2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z"),
              busy("chair-1", "2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z")};
  auto slots = find(ctx, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");
  ASSERT_EQ(localStarts(slots),
            (std::vector<std::string>{"09:00 on 2026-12-01", "09:30 on 2026-12-01", "10:30 on 2026-12-01"}));
  EXPECT_EQ(slots[0].resourceIds, (std::vector<std::string>{"ben", "chair-1"}));  // ana is busy at 09:00
  EXPECT_EQ(slots[1].resourceIds, (std::vector<std::string>{"ana", "chair-1"}));  // the first free stylist
  EXPECT_EQ(slots[1].openPlaces, 1);                                              // one chair
  EXPECT_EQ(slots[1].totalPlaces, 1);
  EXPECT_EQ(slots[2].resourceIds, (std::vector<std::string>{"ben", "chair-1"}));  // ana's day ended
}

TEST_F(SlotFinderTest, OpenPlacesCountFreeMembersOfTheTightestGroup) {
  Service s = haircut({"ana", "ben", "carla"});
  auto ctx = appointment(s, {staff("ana"), staff("ben"), staff("carla")});
  ctx.busy = {busy("ben", "2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z")};
  auto slots = find(ctx, "2026-12-01T08:00:00Z", "2026-12-01T08:30:00Z");
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0].openPlaces, 2);
  EXPECT_EQ(slots[0].totalPlaces, 3);
}

TEST_F(SlotFinderTest, ResourceFilterRestrictsOnlyItsGroup) {
  Service s = haircut({"ana", "ben"}, {ResourceGroup{{"chair-1"}}});
  auto ctx = appointment(s, {staff("ana"), staff("ben"), room("chair-1")});
  ctx.busy = {busy("ana", "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z")};
  SlotQuery q;
  q.range = Interval{utc("2026-12-01T08:00:00Z"), utc("2026-12-01T09:30:00Z")};
  q.resourceIds = {"ana"};
  auto slots = finder.find(ctx, q, kNow);
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0].time.start, utc("2026-12-01T09:00:00Z"));
  EXPECT_EQ(slots[0].resourceIds, (std::vector<std::string>{"ana", "chair-1"}));
}

TEST_F(SlotFinderTest, NoticeAndHorizonBoundTheOfferedStarts) {
  Service s = haircut();
  s.policy.minimumNotice = hours{2};
  s.policy.maximumHorizon = hours{4};
  auto ctx = appointment(s, {staff("ana", everyDay(hm(0), hm(24)))});
  const Instant now = utc("2026-12-01T08:00:00Z");
  auto slots = find(ctx, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", now);
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.front().time.start, now + hours{2});  // exactly the notice is allowed
  EXPECT_EQ(slots.back().time.start, now + hours{4});   // exactly the horizon is allowed
  EXPECT_EQ(slots.size(), 5u);
  // One second later, the first and last grid starts drop out of the window.
  auto later = find(ctx, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", now + seconds{1});
  EXPECT_EQ(later.front().time.start, now + hours{2} + minutes{30});
  EXPECT_EQ(later.back().time.start, now + hours{4});
}

TEST_F(SlotFinderTest, TwentyFiveHourDayOffersBothInstantsOfTheRepeatedHour) {
  Service s = haircut();
  s.duration = hours{1};
  auto ctx = appointment(s, {staff("ana", everyDay(hm(0), hm(24)))});
  // Berlin 2026-10-25 lasts 25 hours; 02:00-03:00 happens twice, and both are bookable hours.
  auto slots = find(ctx, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", utc("2026-10-01T00:00:00Z"));
  ASSERT_EQ(slots.size(), 25u);
  EXPECT_EQ(slots[0].time.start, utc("2026-10-24T22:00:00Z"));   // 00:00 CEST
  EXPECT_EQ(slots[2].time.start, utc("2026-10-25T00:00:00Z"));   // 02:00 CEST
  EXPECT_EQ(slots[3].time.start, utc("2026-10-25T01:00:00Z"));   // 02:00 CET
  EXPECT_EQ(slots[4].time.start, utc("2026-10-25T02:00:00Z"));   // 03:00 CET
  EXPECT_EQ(slots[24].time.start, utc("2026-10-25T22:00:00Z"));  // 23:00 CET
  for (size_t i = 1; i < slots.size(); ++i)
    EXPECT_EQ(slots[i].time.start - slots[i - 1].time.start, hours{1});
}

TEST_F(SlotFinderTest, AutumnOverlapOffersBothHalfPastTwosInMadrid) {
  Service s = haircut();
  s.timeZone = "Europe/Madrid";
  Resource night = staff("ana", everyDay(hm(1), hm(4)));
  night.timeZone = "Europe/Madrid";
  auto ctx = appointment(s, {night});
  const Instant now = utc("2026-10-01T00:00:00Z");
  auto slots = find(ctx, "2026-10-24T22:00:00Z", "2026-10-25T04:00:00Z", now);
  std::vector<Instant> starts;
  for (const Slot& slot : slots) starts.push_back(slot.time.start);
  // 01:00 CEST ... 02:30 CEST, then 02:00 CET ... 03:30 CET: the hour 02:00-03:00 comes twice.
  EXPECT_EQ(starts, (std::vector<Instant>{utc("2026-10-24T23:00:00Z"), utc("2026-10-24T23:30:00Z"),
                                          utc("2026-10-25T00:00:00Z"), utc("2026-10-25T00:30:00Z"),
                                          utc("2026-10-25T01:00:00Z"), utc("2026-10-25T01:30:00Z"),
                                          utc("2026-10-25T02:00:00Z"), utc("2026-10-25T02:30:00Z")}));
  // Both 02:30s can be booked; a start off the grid cannot.
  EXPECT_TRUE(finder.appointmentAt(ctx, utc("2026-10-25T00:30:00Z"), std::nullopt, now, true).slot);  // CEST
  EXPECT_TRUE(finder.appointmentAt(ctx, utc("2026-10-25T01:30:00Z"), std::nullopt, now, true).slot);  // CET
  EXPECT_FALSE(finder.appointmentAt(ctx, utc("2026-10-25T01:10:00Z"), std::nullopt, now, true).slot);
  // Spring forward: 02:00-03:00 does not exist on 2026-03-29, so nothing is offered in it.
  auto spring = find(ctx, "2026-03-28T23:00:00Z", "2026-03-29T03:00:00Z", utc("2026-03-01T00:00:00Z"));
  std::vector<std::string> local;
  for (const Slot& slot : spring) local.push_back(describeTime(zones, "Europe/Madrid", slot.time.start));
  EXPECT_EQ(local, (std::vector<std::string>{"01:00 on 2026-03-29", "01:30 on 2026-03-29",
                                             "03:00 on 2026-03-29", "03:30 on 2026-03-29"}));
}

TEST_F(SlotFinderTest, TwentyThreeHourDaySkipsTheMissingHour) {
  Service s = haircut();
  s.duration = hours{1};
  auto ctx = appointment(s, {staff("ana", everyDay(hm(0), hm(24)))});
  // Berlin 2026-03-29 lasts 23 hours; 02:00 does not exist.
  auto slots = find(ctx, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", utc("2026-03-01T00:00:00Z"));
  ASSERT_EQ(slots.size(), 23u);
  EXPECT_EQ(slots[1].time.start, utc("2026-03-29T00:00:00Z"));  // 01:00 CET
  EXPECT_EQ(slots[2].time.start, utc("2026-03-29T01:00:00Z"));  // 03:00 CEST
  std::vector<std::string> starts = localStarts(slots);
  EXPECT_EQ(std::count(starts.begin(), starts.end(), "02:00 on 2026-03-29"), 0);
}

TEST_F(SlotFinderTest, WorkdaySlotsKeepWallClockTimesOnDstDays) {
  auto ctx = appointment(haircut(), {staff("ana", everyDay(hm(9), hm(11)))});
  auto before =
      localStarts(find(ctx, "2026-10-24T00:00:00Z", "2026-10-25T00:00:00Z", utc("2026-10-01T00:00:00Z")));
  auto on =
      localStarts(find(ctx, "2026-10-25T00:00:00Z", "2026-10-26T00:00:00Z", utc("2026-10-01T00:00:00Z")));
  EXPECT_EQ(before.size(), 4u);
  EXPECT_EQ(on, (std::vector<std::string>{"09:00 on 2026-10-25", "09:30 on 2026-10-25", "10:00 on 2026-10-25",
                                          "10:30 on 2026-10-25"}));
}

TEST_F(SlotFinderTest, HalfHourZoneGrid) {
  Service s = haircut();
  s.timeZone = "Asia/Kolkata";
  s.duration = hours{1};
  Resource r = staff("ana", everyDay(hm(14), hm(16)));
  r.timeZone = "Asia/Kolkata";
  auto ctx = appointment(s, {r});
  auto slots = find(ctx, "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].time.start, utc("2026-12-01T08:30:00Z"));  // 14:00 IST
}

TEST_F(SlotFinderTest, AppointmentAtTellsALostRaceFromATimeThatWasNeverFree) {
  auto ctx = appointment(haircut(), {staff("ana", everyDay(hm(9), hm(12)))});
  ctx.busy = {busy("ana", "2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z")};
  auto taken = finder.appointmentAt(ctx, utc("2026-12-01T09:00:00Z"), std::nullopt, kNow, true);
  EXPECT_FALSE(taken.slot);
  EXPECT_EQ(taken.refusal, Refusal::SlotUnavailable);
  EXPECT_TRUE(taken.lostRace);
  auto closed = finder.appointmentAt(ctx, utc("2026-12-01T18:00:00Z"), std::nullopt, kNow, true);
  EXPECT_FALSE(closed.slot);
  EXPECT_FALSE(closed.lostRace);
  auto offGrid = finder.appointmentAt(ctx, utc("2026-12-01T08:10:00Z"), std::nullopt, kNow, true);
  EXPECT_FALSE(offGrid.slot);
  EXPECT_EQ(offGrid.refusal, Refusal::SlotUnavailable);
  auto free = finder.appointmentAt(ctx, utc("2026-12-01T08:30:00Z"), std::nullopt, kNow, true);
  ASSERT_TRUE(free.slot);
  EXPECT_EQ(free.slot->resourceIds, std::vector<std::string>{"ana"});
  ctx.ignoring = ctx.busy[0].sessionId;  // a reschedule does not collide with itself
  EXPECT_TRUE(finder.appointmentAt(ctx, utc("2026-12-01T09:00:00Z"), std::nullopt, kNow, true).slot);
}

TEST_F(SlotFinderTest, AppointmentAtHonoursTheChosenResource) {
  auto ctx = appointment(haircut({"ana", "ben"}), {staff("ana"), staff("ben")});
  auto check = finder.appointmentAt(ctx, utc("2026-12-01T09:00:00Z"), std::string("ben"), kNow, true);
  ASSERT_TRUE(check.slot);
  EXPECT_EQ(check.slot->resourceIds, std::vector<std::string>{"ben"});
  auto stranger = finder.appointmentAt(ctx, utc("2026-12-01T09:00:00Z"), std::string("zoe"), kNow, true);
  EXPECT_EQ(stranger.refusal, Refusal::InvalidRequest);
  auto early = finder.appointmentAt(ctx, kNow - hours{1}, std::nullopt, kNow, true);
  EXPECT_EQ(early.refusal, Refusal::TooEarly);
}

Session classSession(SessionId id, const char* start, int capacity, int taken, int waitlisted) {
  Session s;
  s.id = id;
  s.serviceId = "yoga";
  s.kind = SessionKind::Class;
  s.time = Interval{utc(start), utc(start) + hours{1}};
  s.capacity = capacity;
  s.taken = taken;
  s.waitlisted = waitlisted;
  s.resourceIds = {"studio"};
  return s;
}

TEST_F(SlotFinderTest, ClassSlotsShowPlacesWaitlistAndHideWhatCannotBeBooked) {
  Service y = yoga(10);
  y.policy.waitlistCapacity = 3;
  SlotContext ctx;
  ctx.service = y;
  ctx.sessions = {
      classSession(1, "2026-12-01T19:00:00Z", 10, 4, 0), classSession(2, "2026-12-08T19:00:00Z", 10, 10, 1),
      classSession(3, "2026-12-15T19:00:00Z", 10, 10, 3), classSession(4, "2026-12-22T19:00:00Z", 10, 0, 0)};
  ctx.sessions[3].locked = true;
  auto slots = find(ctx, "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z");
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].sessionIds, std::vector<SessionId>{1});
  EXPECT_EQ(slots[0].openPlaces, 6);
  EXPECT_EQ(slots[0].totalPlaces, 10);
  EXPECT_FALSE(slots[0].waitlist);
  EXPECT_EQ(slots[1].sessionIds, std::vector<SessionId>{2});
  EXPECT_TRUE(slots[1].waitlist);
  EXPECT_EQ(slots[1].openPlaces, 0);

  SlotQuery all;
  all.range = Interval{utc("2026-12-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")};
  all.includeUnbookable = true;
  auto everything = finder.find(ctx, all, kNow);
  ASSERT_EQ(everything.size(), 4u);
  EXPECT_EQ(everything[2].reason, Refusal::SessionFull);
  EXPECT_FALSE(everything[2].bookable);
  EXPECT_EQ(everything[3].reason, Refusal::SessionLocked);
}

TEST_F(SlotFinderTest, CourseIsOneSlotForTheWholeSeries) {
  Service c = spanish(6);
  SlotContext ctx;
  ctx.service = c;
  ctx.sessions = {classSession(1, "2026-12-01T17:00:00Z", 6, 2, 0),
                  classSession(2, "2026-12-08T17:00:00Z", 6, 2, 0),
                  classSession(3, "2026-12-15T17:00:00Z", 4, 2, 0)};
  auto slots = find(ctx, "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z");
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0].time.start, utc("2026-12-01T17:00:00Z"));
  EXPECT_EQ(slots[0].sessionIds, (std::vector<SessionId>{1, 2, 3}));
  EXPECT_EQ(slots[0].openPlaces, 2);
  EXPECT_EQ(slots[0].totalPlaces, 4);
  // Once it has started it is closed, unless late joining is allowed (then the next meeting shows).
  EXPECT_TRUE(find(ctx, "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z", utc("2026-12-02T00:00:00Z")).empty());
  ctx.service.policy.lateJoin = true;
  auto late = find(ctx, "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z", utc("2026-12-02T00:00:00Z"));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].time.start, utc("2026-12-08T17:00:00Z"));
}

}  // namespace
}  // namespace bookdav::domain
