#include "tests/server/BookingFaceFixture.h"

#include "caldav/ical/Component.h"

namespace bookdav::server {

using namespace std::chrono;

BookingFace::BookingFace() {
  caldav::ical::initialize();
  backend = std::make_unique<Backend>(dir.path(), caldav::DavSettings{}, clock);
  for (auto [name, role] :
       {std::pair{"alice", domain::Role::Customer}, std::pair{"bob", domain::Role::Customer},
        std::pair{"ana", domain::Role::Staff}, std::pair{"admin", domain::Role::Admin}}) {
    domain::Account a;
    a.name = name;
    a.role = role;
    a.passwordHash = hashPassword(name, 1000);
    a.displayName = std::string(name) == "alice" ? "Alice Liddell" : "";
    backend->accounts.save(a);
    backend->dav.provision(name);
  }
  auto& catalog = backend->booking.catalog;
  domain::Resource ana;
  ana.id = "ana";
  ana.kind = domain::ResourceKind::Staff;
  ana.name = "Ana";
  ana.timeZone = "Europe/Berlin";
  ana.userName = "ana";
  ana.hours.weekly.push_back(
      {domain::Weekdays::mondayToFriday(), hours{9}, hours{17}, std::nullopt, std::nullopt});
  catalog.putResource(ana);
  domain::Resource chair = ana;
  chair.id = "chair-1";
  chair.kind = domain::ResourceKind::Equipment;
  chair.name = "Chair 1";
  chair.userName = "";
  catalog.putResource(chair);
  domain::Resource studio = chair;
  studio.id = "studio";
  studio.kind = domain::ResourceKind::Room;
  studio.name = "Studio";
  studio.hours.weekly = {{domain::Weekdays::everyDay(), hours{0}, hours{24}, std::nullopt, std::nullopt}};
  catalog.putResource(studio);

  domain::Service haircut;
  haircut.id = "haircut";
  haircut.kind = domain::ServiceKind::Appointment;
  haircut.name = "Haircut";
  haircut.timeZone = "Europe/Berlin";
  haircut.duration = minutes{30};
  haircut.price = {3500, "EUR"};
  haircut.resources = {{{"ana"}}, {{"chair-1"}}};
  haircut.policy.minimumNotice = hours{1};
  haircut.policy.maximumHorizon = hours{24 * 60};
  haircut.policy.cancellationDeadline = hours{24};
  haircut.policy.rescheduleDeadline = hours{24};
  haircut.policy.slotGranularity = minutes{30};
  catalog.putService(haircut);

  domain::Service yoga;
  yoga.id = "yoga";
  yoga.kind = domain::ServiceKind::Class;
  yoga.name = "Yoga";
  yoga.timeZone = "Europe/Berlin";
  yoga.duration = minutes{60};
  yoga.price = {1200, "EUR"};
  yoga.capacity = 2;
  yoga.policy.minimumNotice = hours{1};
  yoga.policy.waitlistCapacity = 2;
  yoga.policy.maxParticipantsPerBooking = 2;
  catalog.putService(yoga);
  domain::Schedule yogaSchedule;
  yogaSchedule.serviceId = "yoga";
  yogaSchedule.resourceIds = {"studio"};
  yogaSchedule.rules.push_back(
      {domain::Weekdays{Tuesday}, hours{18}, year_month_day{year{2026}, December, day{1}}, std::nullopt, 8});
  backend->booking.timetable.putSchedule(yogaSchedule);

  domain::Service spanish = yoga;
  spanish.id = "spanish";
  spanish.kind = domain::ServiceKind::Course;
  spanish.name = "Spanish A1";
  spanish.capacity = 3;
  spanish.policy.manualApproval = true;
  spanish.policy.waitlistCapacity = 0;
  catalog.putService(spanish);
  domain::Schedule course = yogaSchedule;
  course.serviceId = "spanish";
  course.rules = {{domain::Weekdays{Wednesday}, hours{19}, year_month_day{year{2026}, December, day{2}},
                   std::nullopt, 4}};
  backend->booking.timetable.putSchedule(course);
}

caldav::Response BookingFace::call(const std::string& method, const std::string& path,
                                   const std::string& user, const std::string& body,
                                   std::vector<std::pair<std::string, std::string>> headers) {
  caldav::Request r;
  r.method = method;
  r.path = path;
  r.body = body;
  r.headers = std::move(headers);
  r.user = user;
  auto account = backend->accounts.find(user);
  r.role = account ? account->role : domain::Role::Customer;
  r.baseUrl = "http://127.0.0.1:8080";
  if (path.rfind("/feeds/", 0) == 0) return backend->dav.serveFeed(r);
  return backend->dav.handle(r);
}

caldav::Response BookingFace::put(const std::string& user, const std::string& path, const std::string& ics,
                                  std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("Content-Type", "text/calendar");
  return call("PUT", path, user, ics, std::move(headers));
}

std::string BookingFace::event(const std::string& uid, const std::string& start, const std::string& extra) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:" + start + "\r\nSUMMARY:Booking\r\n" + extra +
         "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

std::string BookingFace::precondition(const caldav::Response& r) {
  size_t p = r.body.find("<b:");
  while (p != std::string::npos && r.body.compare(p, 11, "<b:message>") == 0) p = r.body.find("<b:", p + 1);
  if (p == std::string::npos) return "";
  size_t end = r.body.find_first_of("/ >", p + 3);
  return r.body.substr(p + 3, end - p - 3);
}

std::string BookingFace::propfindText(const std::string& user, const std::string& path,
                                      const std::string& props, const std::string& depth) {
  std::string body =
      "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\""
      " xmlns:cs=\"http://calendarserver.org/ns/\" xmlns:b=\"urn:bookdav:\"><d:prop>" +
      props + "</d:prop></d:propfind>";
  return call("PROPFIND", path, user, body, {{"Depth", depth}}).body;
}

}  // namespace bookdav::server
