// Business files: the examples read and meet the demo's promises; bad files are refused with the
// JSON path of the bad value; loading is idempotent and checks references before writing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "caldav/ical/Component.h"
#include "caldav/ical/IcalZoneRules.h"
#include "domain/time/Clock.h"
#include "server/Backend.h"
#include "server/business/BusinessLoader.h"
#include "tests/storage/TempDir.h"

namespace bookdav::server::business {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;

const domain::ZoneRules& zones() {
  caldav::ical::initialize();
  return caldav::ical::IcalZoneRules::instance();
}

std::string examples() {
  return BOOKDAV_EXAMPLES_DIR;
}

std::string problem(const std::string& json) {
  try {
    readBusinessFile(json, zones());
  } catch (const api::InvalidInput& e) {
    return e.what();
  }
  return "(accepted)";
}

const char* kSmall = R"({
  "name": "Small", "timezone": "Europe/Madrid",
  "workingHours": {"week": {"weekly": [{"days": ["MO", "TU", "WE", "TH", "FR"], "start": "09:00", "end": "17:00"}]}},
  "resources": [
    {"id": "ana", "kind": "staff", "name": "Ana", "userName": "ana", "workingHours": "week"},
    {"id": "room", "kind": "room", "name": "Room", "workingHours": "week"}
  ],
  "services": [
    {"id": "cut", "kind": "appointment", "name": "Cut", "duration": "PT30M", "resources": [{"anyOf": ["ana"]}]},
    {"id": "yoga", "kind": "class", "name": "Yoga", "duration": "PT1H", "capacity": 5,
     "schedule": {"resourceIds": ["room"], "weekly": [{"days": ["MO"], "time": "18:00", "from": "2026-11-02"}]}}
  ]
})";

TEST(BusinessFile, ExamplesReadAndKeepTheDemoPromises) {
  std::set<domain::ServiceKind> kinds;
  bool ana = false;
  for (const char* name : {"hair-salon.json", "yoga-studio.json", "language-school.json"}) {
    BusinessFile b = loadBusinessFile(examples() + "/" + name, zones());
    EXPECT_FALSE(b.name.empty()) << name;
    EXPECT_FALSE(b.services.empty()) << name;
    for (const api::ServiceDefinition& d : b.services) {
      kinds.insert(d.service.kind);
      EXPECT_GE(d.service.policy.minimumNotice, hours{1}) << d.service.id;
      EXPECT_GE(d.service.policy.slotGranularity, minutes{15}) << d.service.id;
      if (d.service.kind != domain::ServiceKind::Appointment) {
        EXPECT_EQ(d.schedule.kind, api::ScheduleUpdate::Kind::Set) << d.service.id;
      }
    }
    for (const domain::Resource& r : b.resources) ana = ana || (r.id == "ana" && r.userName == "ana");
  }
  EXPECT_EQ(kinds.size(), 3u) << "appointments, classes and courses";
  EXPECT_TRUE(ana) << "the demo staff account ana is a resource";
}

TEST(BusinessFile, TheSalonHasThreeStylistsChairsAndBuffers) {
  BusinessFile b = loadBusinessFile(examples() + "/hair-salon.json", zones());
  int staff = 0;
  for (const domain::Resource& r : b.resources) staff += r.kind == domain::ResourceKind::Staff;
  EXPECT_EQ(staff, 3);
  const domain::Service& cut = b.services.front().service;
  EXPECT_EQ(cut.resources.size(), 2u) << "a stylist and a chair";
  EXPECT_GT(cut.policy.bufferAfter, domain::Seconds{0});
}

TEST(BusinessFile, TheSchoolCourseHasTwelveSessionsAndApproval) {
  BusinessFile b = loadBusinessFile(examples() + "/language-school.json", zones());
  const api::ServiceDefinition& course = b.services.front();
  EXPECT_EQ(course.service.kind, domain::ServiceKind::Course);
  EXPECT_TRUE(course.service.policy.manualApproval);
  ASSERT_EQ(course.schedule.schedule.rules.size(), 1u);
  EXPECT_EQ(course.schedule.schedule.rules[0].count, 12);
}

TEST(BusinessFile, DefaultsAndNamedHoursApply) {
  BusinessFile b = readBusinessFile(kSmall, zones());
  EXPECT_EQ(b.resources[0].timeZone, "Europe/Madrid");
  EXPECT_EQ(b.services[0].service.timeZone, "Europe/Madrid");
  EXPECT_EQ(b.resources[0].hours, b.resources[1].hours);
  EXPECT_EQ(b.resources[0].hours.weekly.size(), 1u);
}

TEST(BusinessFile, ErrorsNameTheJsonPath) {
  std::string small = kSmall;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = small;
    size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  EXPECT_THAT(problem("{"), HasSubstr("not valid JSON"));
  EXPECT_THAT(problem("[]"), HasSubstr("must be an object"));
  EXPECT_THAT(problem("{}"), HasSubstr("neither resources nor services"));
  EXPECT_THAT(problem(with("\"PT30M\"", "\"half an hour\"")), HasSubstr("services[0].duration: "));
  EXPECT_THAT(problem(with("\"capacity\": 5", "\"capacity\": \"5\"")),
              HasSubstr("services[1].capacity: must be a whole number"));
  EXPECT_THAT(problem(with("\"time\": \"18:00\"", "\"time\": \"6pm\"")),
              HasSubstr("services[1].schedule.weekly[0].time: "));
  EXPECT_THAT(problem(with("\"name\": \"Small\"", "\"name\": \"Small\", \"colour\": \"red\"")),
              HasSubstr("colour: unknown field"));
  EXPECT_THAT(problem(with("\"timezone\": \"Europe/Madrid\"", "\"timezone\": \"Mars/Olympus\"")),
              HasSubstr("timezone: \"Mars/Olympus\" is not an IANA time zone"));
  EXPECT_THAT(problem(with("\"id\": \"room\"", "\"id\": \"ana\"")),
              HasSubstr("resources[1].id: resource ana is defined twice"));
  EXPECT_THAT(problem(with("\"workingHours\": \"week\"}", "\"workingHours\": \"weekend\"}")),
              HasSubstr("resources[0].workingHours: names \"weekend\""));
  EXPECT_THAT(problem(with("\"kind\": \"class\"", "\"kind\": \"course\"")),
              HasSubstr("services[1]: schedule of yoga: course yoga needs a fixed series"));
}

class Loading : public ::testing::Test {
 protected:
  TempDir dir;
  domain::FixedClock clock{domain::parseRfc3339("2026-11-20T08:00:00Z").value()};
  Backend backend{dir.path(), caldav::DavSettings{}, clock};
};

TEST_F(Loading, IsIdempotentAndUpdatesWhatChanged) {
  BusinessFile b = readBusinessFile(kSmall, zones());
  LoadReport first = loadBusiness(backend.booking, b);
  EXPECT_EQ(first.count(Outcome::Created), 4);
  const auto sessions = backend.booking.timetable.sessions("yoga", {clock.now(), clock.now() + days{30}});
  EXPECT_FALSE(sessions.empty());

  LoadReport again = loadBusiness(backend.booking, b);
  EXPECT_EQ(again.count(Outcome::Unchanged), 4) << again.summary();
  EXPECT_EQ(backend.booking.timetable.sessions("yoga", {clock.now(), clock.now() + days{30}}).front().id,
            sessions.front().id)
      << "sessions keep their identity";

  std::string changed = kSmall;
  changed.replace(changed.find("\"capacity\": 5"), 13, "\"capacity\": 7");
  LoadReport third = loadBusiness(backend.booking, readBusinessFile(changed, zones()));
  EXPECT_EQ(third.count(Outcome::Updated), 1) << third.summary();
  EXPECT_EQ(backend.booking.catalog.service("yoga")->capacity, 7);
}

TEST_F(Loading, MissingResourcesAreFoundBeforeAnythingIsWritten) {
  std::string bad = kSmall;
  bad.replace(bad.find("[\"room\"]"), 8, "[\"studio\"]");
  BusinessFile b = readBusinessFile(bad, zones());
  try {
    loadBusiness(backend.booking, b);
    FAIL();
  } catch (const domain::Refused& e) {
    EXPECT_THAT(e.what(), HasSubstr("studio"));
  }
  EXPECT_TRUE(backend.booking.catalog.resources().empty()) << "nothing was stored";
}

TEST_F(Loading, AllExamplesLoadTogether) {
  for (const char* name : {"hair-salon.json", "yoga-studio.json", "language-school.json"}) {
    LoadReport r = loadBusiness(backend.booking, loadBusinessFile(examples() + "/" + name, zones()));
    EXPECT_EQ(r.count(Outcome::Created), static_cast<int>(r.items.size())) << name;
  }
  EXPECT_EQ(backend.booking.catalog.resourcesOf("ana").size(), 1u);
  EXPECT_EQ(backend.booking.store.consistencyProblems(), std::vector<std::string>{});
}

TEST(BusinessFile, EmailsAreAddressesAndEachCalendarUsersOwn) {
  auto with = [](const std::string& from, const std::string& to) {
    std::string s = kSmall;
    return s.replace(s.find(from), from.size(), to);
  };
  BusinessFile b = readBusinessFile(
      with("\"name\": \"Cut\"", "\"name\": \"Cut\", \"email\": \"mailto:Cut@Small.example\""), zones());
  EXPECT_EQ(b.services[0].service.email, "Cut@Small.example");
  EXPECT_EQ(b.resources[0].email, "");
  EXPECT_THAT(problem(with("\"name\": \"Cut\"", "\"name\": \"Cut\", \"email\": \"cut at small\"")),
              HasSubstr("services[0].email: \"cut at small\" is not an e-mail address"));
  std::string twice = with("\"name\": \"Room\"", "\"name\": \"Room\", \"email\": \"front@small.example\"");
  twice.replace(twice.find("\"name\": \"Yoga\""), 14,
                "\"name\": \"Yoga\", \"email\": \"FRONT@small.example\"");
  EXPECT_THAT(problem(twice),
              HasSubstr("services[1].email: e-mail FRONT@small.example is resource room's as well"));
}

TEST_F(Loading, AnEmailAnotherCalendarUserHasIsRefusedBeforeLoading) {
  domain::Account alice;
  alice.name = "alice";
  alice.email = "desk@small.example";
  alice.passwordHash = "x";
  backend.accounts.save(alice);
  std::string file = kSmall;
  file.replace(file.find("\"name\": \"Room\""), 14, "\"name\": \"Room\", \"email\": \"Desk@small.example\"");
  BusinessFile b = readBusinessFile(file, zones());
  try {
    checkCalendarEmails(b, backend.booking, backend.accounts);
    FAIL() << "accepted";
  } catch (const BusinessFileError& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("resources[1].email: e-mail Desk@small.example of resource room is already "
                          "the account alice's"));
  }
  // a service of an earlier load keeps its address: a new file cannot take it
  alice.email = "";
  backend.accounts.save(alice);
  checkCalendarEmails(b, backend.booking, backend.accounts);
  loadBusiness(backend.booking, b);
  std::string other = R"({"timezone": "Europe/Madrid", "services": [{"id": "nails", "kind": "appointment",
    "name": "Nails", "email": "desk@SMALL.example", "duration": "PT30M", "resources": [{"anyOf": ["ana"]}]}]})";
  BusinessFile next = readBusinessFile(other, zones());
  EXPECT_THROW(checkCalendarEmails(next, backend.booking, backend.accounts), BusinessFileError);
  EXPECT_EQ(backend.booking.catalog.resource("room")->email, "Desk@small.example") << "stored and read back";
}

TEST(BusinessFile, PublicSaysWhetherGuestsMayBookAndIsLeftAloneWhenAbsent) {
  std::string file = kSmall;
  EXPECT_FALSE(readBusinessFile(file, zones()).publicBooking.has_value());
  std::string open = file;
  open.replace(open.find("\"name\": \"Small\","), 16, "\"name\": \"Small\", \"public\": true,");
  EXPECT_EQ(readBusinessFile(open, zones()).publicBooking, std::optional<bool>(true));
  std::string closed = file;
  closed.replace(closed.find("\"name\": \"Small\","), 16, "\"name\": \"Small\", \"public\": false,");
  EXPECT_EQ(readBusinessFile(closed, zones()).publicBooking, std::optional<bool>(false));
  std::string wrong = file;
  wrong.replace(wrong.find("\"name\": \"Small\","), 16, "\"name\": \"Small\", \"public\": \"yes\",");
  EXPECT_THAT(problem(wrong), HasSubstr("public"));
  for (const char* name : {"hair-salon.json", "yoga-studio.json", "language-school.json"})
    EXPECT_EQ(loadBusinessFile(examples() + "/" + name, zones()).publicBooking, std::optional<bool>(true))
        << name;
}

}  // namespace
}  // namespace bookdav::server::business
