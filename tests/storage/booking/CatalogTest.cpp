#include "domain/booking/Catalog.h"

#include "domain/booking/BookingEngine.h"

#include "tests/storage/booking/BookingFixture.h"

namespace bookdav::domain::testing {
namespace {

using namespace std::chrono;

class CatalogTest : public BookingFixture {};

Service fullService() {
  Service s = haircut({"ana", "ben"}, {ResourceGroup{{"chair-1", "chair-2"}}});
  s.description = "Wash, cut, dry";
  s.location = Location{Location::Kind::Address, "Calle Mayor 1, Madrid"};
  s.policy.minimumNotice = hours{2};
  s.policy.maximumHorizon = days{60};
  s.policy.cancellationDeadline = hours{24};
  s.policy.rescheduleDeadline = hours{12};
  s.policy.bufferBefore = minutes{5};
  s.policy.bufferAfter = minutes{10};
  s.policy.slotGranularity = minutes{15};
  s.policy.manualApproval = true;
  return s;
}

Resource fullResource() {
  WorkingHours h;
  h.timeZone = "Europe/Madrid";
  h.weekly.push_back(WeeklyHours{Weekdays::mondayToFriday(), hm(9), hm(13), date(2026, 1, 1), std::nullopt});
  h.weekly.push_back(
      WeeklyHours{Weekdays{std::chrono::Saturday}, hm(10), hm(14), std::nullopt, date(2026, 12, 31)});
  h.extra.push_back(ExtraHours{date(2026, 12, 20), hm(10), hm(16)});
  h.closed.push_back(Closure::days(date(2026, 12, 24), date(2026, 12, 26), "Christmas"));
  h.closed.push_back(Closure{local(2026, 12, 3, 12), local(2026, 12, 3, 13), "dentist"});
  Resource r = staff("ana", h);
  r.name = "Ana García";
  r.timeZone = "Europe/Madrid";
  return r;
}

void addSalon(Catalog& catalog) {
  catalog.putResource(fullResource());
  catalog.putResource(staff("ben"));
  catalog.putResource(room("chair-1"));
  catalog.putResource(room("chair-2"));
}

TEST_P(CatalogTest, ChangesInTheCallersTransactionCommitTogetherOrNotAtAll) {
  // The refused service comes after a resource was written in the same transaction: neither stays.
  Service needsMissing = haircut({"nobody"}, {});
  EXPECT_THROW(store.write([&](BookingData& data) {
    EXPECT_TRUE(catalog.putResource(data, staff("ana")));
    catalog.putService(data, needsMissing);
  }),
               Refused);
  EXPECT_EQ(catalog.resource("ana"), std::nullopt);
  EXPECT_EQ(catalog.service("haircut"), std::nullopt);

  store.write([&](BookingData& data) {
    EXPECT_TRUE(catalog.putResource(data, staff("ana")));
    EXPECT_TRUE(catalog.putService(data, haircut({"ana"}, {})));
    EXPECT_FALSE(catalog.putResource(data, staff("ana")));  // unchanged within the same transaction
  });
  EXPECT_TRUE(catalog.resource("ana").has_value());
  EXPECT_TRUE(catalog.service("haircut").has_value());
}

TEST_P(CatalogTest, ServicesAndResourcesRoundTripThroughTheDatabase) {
  addSalon(catalog);
  ASSERT_TRUE(catalog.putService(fullService()));
  EXPECT_EQ(catalog.service("haircut"), fullService());
  EXPECT_EQ(catalog.resource("ana"), fullResource());
  EXPECT_EQ(catalog.workingHours("ana"), fullResource().hours);
  EXPECT_EQ(catalog.resources().size(), 4u);
  EXPECT_EQ(catalog.services().size(), 1u);
  EXPECT_EQ(catalog.service("nope"), std::nullopt);
}

TEST_P(CatalogTest, StaffFindTheirResourcesByLogin) {
  addSalon(catalog);
  auto mine = catalog.resourcesOf("ana");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, "ana");
  EXPECT_TRUE(catalog.resourcesOf("").empty());  // rooms have no login
  EXPECT_TRUE(catalog.resourcesOf("zoe").empty());
}

TEST_P(CatalogTest, TheEngineBundlesCatalogTimetableAndDesk) {
  BookingEngine engine(store, clock, zones);
  engine.catalog.putResource(staff("ana"));
  engine.catalog.putService(haircut());
  EXPECT_EQ(engine.desk.book(at("haircut", utc("2026-12-01T09:00:00Z")), alice).status,
            BookingStatus::Confirmed);
  EXPECT_EQ(engine.timetable.busy("ana", Interval{utc("2026-12-01T00:00:00Z"), utc("2026-12-02T00:00:00Z")})
                .busy.size(),
            1u);
  EXPECT_TRUE(engine.store.consistencyProblems().empty());
}

TEST_P(CatalogTest, UpsertIsIdempotent) {
  addSalon(catalog);
  EXPECT_TRUE(catalog.putService(fullService()));
  std::int64_t seq = lastChange();
  EXPECT_FALSE(catalog.putService(fullService()));
  EXPECT_FALSE(catalog.putResource(fullResource()));
  EXPECT_EQ(lastChange(), seq);  // nothing written
  Service changed = fullService();
  changed.price.amountMinor = 4000;
  EXPECT_TRUE(catalog.putService(changed));
  auto log = changesSince(seq);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].scope, "catalog");
  EXPECT_EQ(log[0].item, "service:haircut");
  EXPECT_EQ(catalog.service("haircut")->price.amountMinor, 4000);
}

TEST_P(CatalogTest, WorkingHoursAreSetAndReadAsOneValue) {
  addSalon(catalog);
  WorkingHours h = everyDay(hm(8), hm(20));
  h.closed.push_back(Closure::days(date(2026, 12, 31), date(2027, 1, 1)));
  EXPECT_TRUE(catalog.setWorkingHours("ben", h));
  EXPECT_FALSE(catalog.setWorkingHours("ben", h));
  EXPECT_EQ(catalog.workingHours("ben"), h);
  refused(Refusal::NotFound, [&] { catalog.setWorkingHours("zoe", h); });
  WorkingHours bad = everyDay(hm(20), hm(8));
  refused(Refusal::InvalidRequest, [&] { catalog.setWorkingHours("ben", bad); });
  EXPECT_EQ(catalog.workingHours("ben"), h);
}

TEST_P(CatalogTest, InvalidDataIsRefusedWithASentence) {
  addSalon(catalog);
  Service s = haircut({"ana"});
  s.id = "Hair Cut";
  EXPECT_NE(refused(Refusal::InvalidRequest, [&] { catalog.putService(s); }).find("slug"), std::string::npos);
  s = haircut({"zoe"});
  EXPECT_NE(refused(Refusal::InvalidRequest, [&] { catalog.putService(s); }).find("zoe"), std::string::npos);
  s = haircut({"ana"});
  s.timeZone = "Mars/Olympus";
  refused(Refusal::InvalidRequest, [&] { catalog.putService(s); });
  s = haircut({"ana"});
  s.capacity = 3;
  refused(Refusal::InvalidRequest, [&] { catalog.putService(s); });
  Resource r = staff("dan");
  r.timeZone = "Nowhere/Land";
  refused(Refusal::InvalidRequest, [&] { catalog.putResource(r); });
  EXPECT_TRUE(catalog.services().empty());
}

TEST_P(CatalogTest, ResourcesInUseCannotBeRemoved) {
  addSalon(catalog);
  catalog.putService(fullService());
  refused(Refusal::InvalidRequest, [&] { catalog.removeResource("ben"); });
  catalog.putResource(staff("dan"));
  catalog.removeResource("dan");
  EXPECT_EQ(catalog.resource("dan"), std::nullopt);
  refused(Refusal::NotFound, [&] { catalog.removeResource("dan"); });
}

TEST_P(CatalogTest, ServicesWithBookingsToComeCannotBeRemoved) {
  catalog.putResource(staff("ana"));
  catalog.putService(haircut());
  Booking b = desk.book(at("haircut", utc("2026-12-01T09:00:00Z")), alice);
  refused(Refusal::InvalidRequest, [&] { catalog.removeService("haircut"); });
  desk.cancel(b.id, alice);
  catalog.removeService("haircut");
  EXPECT_EQ(timetable.session(b.sessionIds[0])->status, SessionStatus::Canceled);
  EXPECT_EQ(catalog.service("haircut"), std::nullopt);
  EXPECT_EQ(desk.booking(b.id)->status, BookingStatus::Canceled);  // history stays
}

BOOKDAV_ON_BOTH_ENGINES(CatalogTest);

}  // namespace
}  // namespace bookdav::domain::testing
