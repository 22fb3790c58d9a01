// The catalog's JSON shapes: what serviceJson/resourceJson write reads back to the same value, and
// bad input is refused with the JSON path of the bad field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/booking/LocalText.h"
#include "server/api/CatalogJson.h"

namespace bookdav::server::api {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;

JsonValue reparse(const JsonObject& o) {
  return parseJson(stringify(o));
}

std::string problemPath(const std::string& json, bool asService = true) {
  try {
    JsonValue v = parseJson(json);
    JsonFields f(v, "");
    if (asService)
      readService(f, "Europe/Madrid");
    else
      readResource(f, "Europe/Madrid");
  } catch (const InvalidInput& e) {
    return e.path();
  }
  return "(accepted)";
}

domain::Service yoga() {
  domain::Service s;
  s.id = "yoga";
  s.kind = domain::ServiceKind::Class;
  s.name = "Yoga";
  s.description = "Flow";
  s.timeZone = "Europe/Madrid";
  s.duration = minutes{60};
  s.location = {domain::Location::Kind::Address, "Calle del Pez 12"};
  s.price = {1450, "EUR"};
  s.capacity = 12;
  s.policy.minimumNotice = hours{1};
  s.policy.maximumHorizon = days{30};
  s.policy.cancellationDeadline = minutes{30};
  s.policy.rescheduleDeadline = minutes{45};
  s.policy.maxParticipantsPerBooking = 2;
  s.policy.waitlistCapacity = 5;
  s.policy.manualApproval = true;
  s.policy.lateJoin = true;
  s.policy.slotGranularity = minutes{15};
  return s;
}

TEST(CatalogJson, ServiceWithScheduleRoundTrips) {
  domain::Service s = yoga();
  domain::Schedule sched;
  sched.serviceId = "yoga";
  sched.timeZone = "Europe/Berlin";
  sched.duration = minutes{75};
  sched.capacity = 10;
  sched.resourceIds = {"maya", "sun-room"};
  sched.rules.push_back(
      {domain::Weekdays{Monday, Wednesday}, hours{18} + minutes{30}, 2026y / 11 / 2, std::nullopt, 20});
  sched.rules.push_back(
      {domain::Weekdays{Saturday}, hours{10}, 2026y / 11 / 7, 2027y / 6 / 30, std::nullopt});
  sched.dates.push_back({2026y / 12 / 20, hours{11}});
  sched.excluded.push_back({2026y / 12 / 25, hours{18} + minutes{30}});
  domain::SessionOverride o;
  o.origin = {2026y / 12 / 2, hours{18} + minutes{30}};
  o.start = domain::LocalDateTime{2026y / 12 / 3, hours{19}};
  o.capacity = 6;
  o.resourceIds = std::vector<std::string>{"leo"};
  sched.overrides.push_back(o);

  JsonValue v = reparse(serviceJson(s, sched));
  JsonFields f(v, "");
  ServiceDefinition back = readService(f, "");
  EXPECT_EQ(back.service, s);
  ASSERT_EQ(back.schedule.kind, ScheduleUpdate::Kind::Set);
  EXPECT_EQ(back.schedule.schedule, sched);
}

TEST(CatalogJson, AppointmentRoundTripsAndScheduleNullMeansRemove) {
  domain::Service cut;
  cut.id = "haircut";
  cut.name = "Haircut";
  cut.timeZone = "UTC";
  cut.duration = minutes{30};
  cut.resources = {{{"ana", "ben"}}, {{"chair-1"}}};
  cut.policy.bufferAfter = minutes{10};
  JsonValue v = reparse(serviceJson(cut, std::nullopt));
  JsonFields f(v, "");
  ServiceDefinition back = readService(f, "");
  EXPECT_EQ(back.service, cut);
  EXPECT_EQ(back.schedule.kind, ScheduleUpdate::Kind::Keep);

  JsonValue removal =
      parseJson(R"({"id": "yoga", "kind": "class", "name": "Y", "duration": "PT1H", "schedule": null})");
  JsonFields r(removal, "");
  EXPECT_EQ(readService(r, "UTC").schedule.kind, ScheduleUpdate::Kind::Remove);
}

TEST(CatalogJson, ResourceWithWorkingHoursRoundTrips) {
  domain::Resource r;
  r.id = "ana";
  r.kind = domain::ResourceKind::Staff;
  r.name = "Ana";
  r.timeZone = "Europe/Madrid";
  r.userName = "ana";
  r.hours.timeZone = "Europe/Lisbon";
  r.hours.weekly.push_back(
      {domain::Weekdays::mondayToFriday(), hours{9}, hours{17}, 2026y / 1 / 1, std::nullopt});
  r.hours.weekly.push_back({domain::Weekdays{Saturday}, hours{10}, hours{24}, std::nullopt, 2026y / 12 / 31});
  r.hours.extra.push_back({2026y / 12 / 20, hours{10}, hours{14} + minutes{30}});
  r.hours.closed.push_back(domain::Closure::days(2026y / 12 / 24, 2026y / 12 / 26, "Christmas"));
  r.hours.closed.push_back({{2026y / 12 / 31, hours{14}}, {2026y / 12 / 31, hours{18}}, "early close"});
  JsonValue v = reparse(resourceJson(r, true));
  JsonFields f(v, "");
  EXPECT_EQ(readResource(f, ""), r);

  JsonValue hidden = reparse(resourceJson(r, false));
  EXPECT_FALSE(hidden.extract<Poco::JSON::Object::Ptr>()->has("userName")) << "customers do not see logins";
}

TEST(CatalogJson, NamedWorkingHoursAndDefaults) {
  NamedHours named;
  named["salon"].weekly.push_back(
      {domain::Weekdays::everyDay(), hours{9}, hours{18}, std::nullopt, std::nullopt});
  JsonValue v =
      parseJson(R"({"id": "chair-1", "kind": "equipment", "name": "Chair", "workingHours": "salon"})");
  JsonFields f(v, "resources[3]");
  domain::Resource r = readResource(f, "Europe/Madrid", "", named);
  EXPECT_EQ(r.timeZone, "Europe/Madrid");
  EXPECT_EQ(r.hours, named["salon"]);

  JsonValue missing = parseJson(R"({"id": "c", "kind": "room", "name": "C", "workingHours": "shop"})");
  JsonFields g(missing, "resources[4]");
  try {
    readResource(g, "UTC", "", named);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.path(), "resources[4].workingHours");
    EXPECT_THAT(e.problem(), HasSubstr("shop"));
  }
}

TEST(CatalogJson, PricesReadAsMinorUnits) {
  auto price = [](const std::string& amount) {
    JsonValue v =
        parseJson(R"({"id": "x", "kind": "class", "name": "X", "duration": "PT1H", "price": {"amount": )" +
                  amount + R"(, "currency": "EUR"}})");
    JsonFields f(v, "");
    return readService(f, "UTC").service.price.amountMinor;
  };
  EXPECT_EQ(price("\"35.00\""), 3500);
  EXPECT_EQ(price("\"35.5\""), 3550);
  EXPECT_EQ(price("\"35\""), 3500);
  EXPECT_EQ(price("35.5"), 3550);
  EXPECT_EQ(price("0"), 0);
  EXPECT_EQ(amountText(3550), "35.50");
  EXPECT_EQ(amountText(5), "0.05");
}

TEST(CatalogJson, BadFieldsAreNamedByPath) {
  const std::string base = R"("id": "cut", "name": "Cut", "duration": "PT30M")";
  EXPECT_EQ(problemPath("{" + base + R"(, "kind": "appointment"})"), "resources");
  EXPECT_EQ(problemPath("{" + base + R"(, "kind": "lesson"})"), "kind");
  EXPECT_EQ(problemPath(R"({"id": "Cut!", "kind": "class", "name": "C", "duration": "PT1H"})"), "id");
  EXPECT_EQ(problemPath(R"({"id": "c", "kind": "class", "name": "C", "duration": "30 minutes"})"),
            "duration");
  EXPECT_EQ(problemPath(R"({"id": "c", "kind": "class", "name": "C", "duration": "PT1H", "capacity": 0})"),
            "capacity");
  EXPECT_EQ(problemPath("{" + base + R"(, "kind": "appointment", "resources": [{"anyOf": []}]})"),
            "resources[0].anyOf");
  EXPECT_EQ(problemPath("{" + base + R"(, "kind": "appointment", "resources": [["a"]], "capacity": 2})"),
            "capacity");
  EXPECT_EQ(problemPath("{" + base + R"(, "kind": "class", "policy": {"minimumNotice": "PT-1H"}})"),
            "policy.minimumNotice");
  EXPECT_EQ(problemPath("{" + base + R"(, "kind": "class", "policy": {"waitlist": 3}})"), "policy.waitlist");
  EXPECT_EQ(
      problemPath("{" + base + R"(, "kind": "class", "price": {"amount": "35.555", "currency": "EUR"}})"),
      "price.amount");
  EXPECT_EQ(problemPath("{" + base + R"(, "kind": "class", "price": {"amount": "5", "currency": "eur"}})"),
            "price.currency");
  EXPECT_EQ(
      problemPath(
          "{" + base +
          R"(, "kind": "class", "schedule": {"weekly": [{"days": ["MO"], "time": "25:00", "from": "2027-01-11"}]}})"),
      "schedule.weekly[0].time");
  EXPECT_EQ(
      problemPath(
          "{" + base +
          R"(, "kind": "class", "schedule": {"weekly": [{"days": ["XX"], "time": "10:00", "from": "2027-01-11"}]}})"),
      "schedule.weekly[0].days[0]");
  EXPECT_EQ(problemPath("{" + base + R"(, "kind": "class", "schedule": {"dates": ["2027-02-30T10:00"]}})"),
            "schedule.dates[0]");
  EXPECT_EQ(problemPath("{" + base + R"(, "kind": "appointment", "resources": [["a"]], "schedule": {}})"),
            "schedule");

  const std::string res = R"("id": "ana", "kind": "staff", "name": "Ana")";
  EXPECT_EQ(problemPath(
                "{" + res +
                    R"(, "workingHours": {"weekly": [{"days": ["MO"], "start": "17:00", "end": "09:00"}]}})",
                false),
            "workingHours.weekly[0].end");
  EXPECT_EQ(
      problemPath(
          "{" + res + R"(, "workingHours": {"closed": [{"from": "2026-12-26", "until": "2026-12-24"}]}})",
          false),
      "workingHours.closed[0].until");
  EXPECT_EQ(problemPath("{" + res + R"(, "userName": "a b"})", false), "userName");
  EXPECT_EQ(problemPath(R"({"id": "ana", "kind": "robot", "name": "Ana"})", false), "kind");
}

TEST(CatalogJson, UrlIdWins) {
  JsonValue v = parseJson(R"({"id": "other", "kind": "class", "name": "X", "duration": "PT1H"})");
  JsonFields f(v, "");
  try {
    readService(f, "UTC", "yoga");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.path(), "id");
  }
  JsonValue w = parseJson(R"({"kind": "class", "name": "X", "duration": "PT1H"})");
  JsonFields g(w, "");
  EXPECT_EQ(readService(g, "UTC", "yoga").service.id, "yoga");
}

}  // namespace
}  // namespace bookdav::server::api
