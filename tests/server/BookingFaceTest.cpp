// The CalDAV booking face end to end through DavService: the computed calendars, booking by PUT,
// refusals with their preconditions, waitlist promotion, reschedule, cancel, free slots as
// VFREEBUSY, working hours as VAVAILABILITY, and outbox free/busy.
#include <gtest/gtest.h>

#include "tests/server/BookingFaceFixture.h"

namespace bookdav::server {
namespace {

const std::string kHome = "/dav/calendars/alice/";
const std::string kHaircut = kHome + "service-haircut/";
const std::string kYoga = kHome + "service-yoga/";
const std::string kBookings = kHome + "bookings/";

// Unfolded (RFC 5545 3.1) before searching, so long content lines match whole.
// The text with folded content lines joined again (RFC 5545 3.1).
std::string unfolded(std::string text) {
  for (size_t at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ", at))
    text.erase(at, 3);
  return text;
}

bool contains(const std::string& text, const std::string& part) {
  std::string unfolded;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    unfolded += text[i];
  }
  return unfolded.find(part) != std::string::npos;
}

std::string ctagOf(const std::string& multistatus) {
  size_t p = multistatus.find("<cs:getctag>");
  if (p == std::string::npos) return "";
  return multistatus.substr(p + 12, multistatus.find("</cs:getctag>", p) - p - 12);
}

TEST_F(BookingFace, HomeListsBookingCalendarsByRole) {
  std::string home = propfindText("alice", kHome, "<d:resourcetype/><d:displayname/>", "1");
  EXPECT_TRUE(contains(home, "<d:href>/dav/calendars/alice/bookings/</d:href>"));
  EXPECT_TRUE(contains(home, "<d:href>/dav/calendars/alice/service-haircut/</d:href>"));
  EXPECT_TRUE(contains(home, "<d:href>/dav/calendars/alice/service-spanish/</d:href>"));
  EXPECT_FALSE(contains(home, "resource-ana"));
  std::string staff = propfindText("ana", "/dav/calendars/ana/", "<d:resourcetype/>", "1");
  EXPECT_TRUE(contains(staff, "/dav/calendars/ana/resource-ana/"));
  EXPECT_FALSE(contains(staff, "resource-studio")) << "staff see their own resources";
  std::string admin = propfindText("admin", "/dav/calendars/admin/", "<d:resourcetype/>", "1");
  EXPECT_TRUE(contains(admin, "resource-studio"));
  EXPECT_EQ(call("PROPFIND", "/dav/calendars/alice/resource-ana/", "alice", "", {{"Depth", "0"}}).status,
            404);
}

TEST_F(BookingFace, ServiceCalendarDescribesTheService) {
  std::string p = propfindText("alice", kHaircut,
                               "<d:displayname/><c:calendar-description/><b:service-kind/><b:duration/>"
                               "<b:capacity/><b:price/><d:resourcetype/><cs:getctag/><d:sync-token/>");
  EXPECT_TRUE(contains(p, "<d:displayname>Haircut</d:displayname>"));
  EXPECT_TRUE(contains(p, "<b:service-kind>appointment</b:service-kind>"));
  EXPECT_TRUE(contains(p, "<b:duration>PT30M</b:duration>"));
  EXPECT_TRUE(contains(p, "<b:capacity>1</b:capacity>"));
  EXPECT_TRUE(contains(p, "<b:price>35.00 EUR</b:price>"));
  EXPECT_TRUE(contains(p, "<c:calendar/>"));
  EXPECT_TRUE(contains(p, "35.00 EUR")) << p;
  EXPECT_TRUE(contains(p, "at least 1 hour ahead")) << p;
  EXPECT_TRUE(contains(p, "<d:sync-token>urn:bookdav:sync:"));
}

TEST_F(BookingFace, ClassSessionsShowPlacesLeftWithoutNames) {
  std::string list = propfindText("alice", kYoga, "<d:getetag/>", "1");
  EXPECT_TRUE(contains(list, "session-")) << list;
  auto first = call("GET", kYoga, "alice");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(contains(first.body, "2 places left of 2")) << first.body;
  EXPECT_TRUE(contains(first.body, "TRANSP:TRANSPARENT"));
  // bob books a place: alice sees one place left, not bob's name.
  ASSERT_EQ(put("bob", "/dav/calendars/bob/service-yoga/y1.ics", event("y1", "20261201T170000Z")).status,
            201);
  auto after = call("GET", kYoga, "alice");
  EXPECT_TRUE(contains(after.body, "1 place left of 2")) << after.body;
  EXPECT_FALSE(contains(after.body, "bob"));
}

TEST_F(BookingFace, BookAnAppointmentByPut) {
  std::string before = ctagOf(propfindText("alice", kBookings, "<cs:getctag/>"));
  auto r = put("alice", kHaircut + "cut.ics", event("cut-1", "20261201T090000Z"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(r.header("ETag")) << "the stored event is the server's";
  auto stored = call("GET", kHaircut + "cut.ics", "alice");
  ASSERT_EQ(stored.status, 200);
  const std::string& e = stored.body;
  EXPECT_TRUE(contains(e, "UID:cut-1"));
  // In the service's zone, with its VTIMEZONE (TZID the plain Olson name); stored in UTC.
  EXPECT_TRUE(contains(e, "DTSTART;TZID=Europe/Berlin:20261201T100000")) << e;
  EXPECT_TRUE(contains(e, "DTEND;TZID=Europe/Berlin:20261201T103000"));
  EXPECT_TRUE(contains(e, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
  EXPECT_FALSE(contains(e, "freeassociation"));
  EXPECT_TRUE(contains(e, "DTSTAMP:2026")) << "stamps stay UTC";
  EXPECT_TRUE(contains(e, "STATUS:CONFIRMED"));
  EXPECT_TRUE(contains(e, "ORGANIZER;CN=bookdav:mailto:bookings@localhost"));
  EXPECT_TRUE(contains(
      e,
      "ATTENDEE;CN=Alice Liddell;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:alice@localhost"));
  EXPECT_TRUE(contains(e, "CUTYPE=INDIVIDUAL;ROLE=NON-PARTICIPANT")) << e;
  EXPECT_TRUE(contains(e, "mailto:ana@resources.localhost"));
  EXPECT_TRUE(contains(e, "CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT"));
  EXPECT_TRUE(contains(e, "X-BOOKDAV-PRICE:35.00 EUR"));
  EXPECT_TRUE(contains(e, "X-BOOKDAV-STATUS:CONFIRMED"));
  // In bookings/ too, under its own name, and the ctag moved.
  std::string bookings = propfindText("alice", kBookings, "<d:getetag/><cs:getctag/>", "1");
  EXPECT_TRUE(contains(bookings, "/dav/calendars/alice/bookings/booking-")) << bookings;
  EXPECT_NE(ctagOf(bookings), before);
  // And in ana's day.
  auto day = call("GET", "/dav/calendars/ana/resource-ana/", "ana");
  ASSERT_EQ(day.status, 200);
  EXPECT_TRUE(contains(day.body, "Haircut: Alice Liddell")) << day.body;
}

TEST_F(BookingFace, RefusalsNameTheirPreconditionAndChangeNothing) {
  std::string ctag = ctagOf(propfindText("alice", kBookings, "<cs:getctag/>"));
  struct Case {
    std::string start;
    std::string extra;
    int status;
    std::string precondition;
  } cases[] = {
      {"20261130T083000Z", "", 403, "too-early"},         // 30 minutes from now, notice is 1 hour
      {"20270301T090000Z", "", 403, "too-late"},          // beyond the 60-day horizon
      {"20261201T200000Z", "", 403, "slot-unavailable"},  // 21:00 Berlin, outside ana's hours
      {"20261201T091500Z", "", 403, "slot-unavailable"},  // off the 30-minute grid
      {"20261201T090000Z", "DTEND:20261201T100000Z\r\n", 403, "slot-unavailable"},  // wrong length
  };
  for (const auto& c : cases) {
    auto r = put("alice", kHaircut + "x.ics", event("x", c.start, c.extra));
    EXPECT_EQ(r.status, c.status) << c.start << r.body;
    EXPECT_EQ(precondition(r), c.precondition) << c.start << r.body;
    EXPECT_TRUE(contains(r.body, "<b:message>")) << r.body;
  }
  // A lost race: the slot is taken by bob.
  ASSERT_EQ(put("bob", "/dav/calendars/bob/service-haircut/b.ics", event("b", "20261201T090000Z")).status,
            201);
  auto lost = put("alice", kHaircut + "x.ics", event("x", "20261201T090000Z"));
  EXPECT_EQ(lost.status, 409) << lost.body;
  EXPECT_EQ(precondition(lost), "slot-unavailable");
  EXPECT_EQ(call("GET", kHaircut + "x.ics", "alice").status, 404);
  EXPECT_EQ(ctagOf(propfindText("alice", kBookings, "<cs:getctag/>")), ctag);
  // Too many participants for the class, session locked, not a session time.
  auto many = put("alice", kYoga + "m.ics", event("m", "20261201T170000Z", "X-BOOKDAV-PARTICIPANTS:3\r\n"));
  EXPECT_EQ(precondition(many), "too-many-participants") << many.body;
  auto nots = put("alice", kYoga + "n.ics", event("n", "20261201T163000Z"));
  EXPECT_EQ(precondition(nots), "not-a-session-time") << nots.body;
  // Malformed iCalendar in a service calendar.
  auto bad = put("alice", kYoga + "bad.ics", "BEGIN:VCALENDAR\r\nnonsense\r\n");
  EXPECT_EQ(bad.status, 403);
  EXPECT_TRUE(contains(bad.body, "valid-calendar-data")) << bad.body;
}

TEST_F(BookingFace, WaitlistedThenPromotedWhenAPlaceFrees) {
  ASSERT_EQ(put("bob", "/dav/calendars/bob/service-yoga/b.ics",
                event("b", "20261201T170000Z", "X-BOOKDAV-PARTICIPANTS:2\r\n"))
                .status,
            201);
  ASSERT_EQ(put("alice", kYoga + "a.ics", event("a", "20261201T170000Z")).status, 201);
  auto waiting = call("GET", kYoga + "a.ics", "alice");
  EXPECT_TRUE(contains(waiting.body, "STATUS:TENTATIVE"));
  EXPECT_TRUE(contains(waiting.body, "X-BOOKDAV-STATUS:WAITLISTED"));
  std::string tokenBefore = ctagOf(propfindText("alice", kYoga, "<cs:getctag/>"));
  ASSERT_EQ(call("DELETE", "/dav/calendars/bob/service-yoga/b.ics", "bob").status, 204);
  auto promoted = call("GET", kYoga + "a.ics", "alice");
  EXPECT_TRUE(contains(promoted.body, "STATUS:CONFIRMED")) << promoted.body;
  EXPECT_NE(ctagOf(propfindText("alice", kYoga, "<cs:getctag/>")), tokenBefore);
}

TEST_F(BookingFace, RescheduleWithIfMatchAndRefusedRescheduleKeepsTheOld) {
  ASSERT_EQ(put("alice", kHaircut + "r.ics", event("r", "20261202T090000Z")).status, 201);
  auto current = call("GET", kHaircut + "r.ics", "alice");
  auto etag = *current.header("ETag");
  auto stale = put("alice", kHaircut + "r.ics", event("r", "20261202T100000Z"), {{"If-Match", "\"old\""}});
  EXPECT_EQ(stale.status, 412);
  auto moved = put("alice", kHaircut + "r.ics", event("r", "20261202T100000Z"), {{"If-Match", etag}});
  EXPECT_EQ(moved.status, 204) << moved.body;
  EXPECT_TRUE(
      contains(call("GET", kHaircut + "r.ics", "alice").body, "DTSTART;TZID=Europe/Berlin:20261202T110000"));
  // Sending back what was served (local time with TZID) keeps it where it is.
  std::string served = call("GET", kHaircut + "r.ics", "alice").body;
  EXPECT_EQ(put("alice", kHaircut + "r.ics", served).status, 204);
  // Moving it to 21:00 is refused; the booking stays at 10:00.
  auto refused = put("alice", kHaircut + "r.ics", event("r", "20261202T200000Z"));
  EXPECT_EQ(precondition(refused), "slot-unavailable") << refused.body;
  EXPECT_TRUE(
      contains(call("GET", kHaircut + "r.ics", "alice").body, "DTSTART;TZID=Europe/Berlin:20261202T110000"));
  EXPECT_EQ(backend->booking.desk.bookings({}).at(0).time.start, at("2026-12-02T10:00:00Z"));
}

TEST_F(BookingFace, CancelByDeleteAndTheDeadline) {
  ASSERT_EQ(put("alice", kHaircut + "c.ics", event("c", "20261203T090000Z")).status, 201);
  std::string list = propfindText("alice", kBookings, "<d:getetag/>", "1");
  size_t p = list.find("/dav/calendars/alice/bookings/booking-");
  ASSERT_NE(p, std::string::npos);
  std::string href = list.substr(p, list.find("</d:href>", p) - p);
  EXPECT_EQ(call("DELETE", href, "alice").status, 204);
  EXPECT_EQ(call("GET", kHaircut + "c.ics", "alice").status, 404);
  // Within the 24-hour deadline: refused.
  ASSERT_EQ(put("alice", kHaircut + "d.ics", event("d", "20261130T130000Z")).status, 201);
  auto late = call("DELETE", kHaircut + "d.ics", "alice");
  EXPECT_EQ(late.status, 403);
  EXPECT_EQ(precondition(late), "cancellation-closed") << late.body;
  EXPECT_EQ(call("GET", kHaircut + "d.ics", "alice").status, 200);
  // Another customer's booking is out of reach.
  EXPECT_EQ(call("DELETE", kHaircut + "d.ics", "bob").status, 403);
}

TEST_F(BookingFace, CourseNeedsApprovalAndCoversEverySession) {
  ASSERT_EQ(put("alice", kHome + "service-spanish/s.ics", event("s", "20261209T180000Z")).status, 201);
  auto e = call("GET", kHome + "service-spanish/s.ics", "alice").body;
  EXPECT_TRUE(contains(e, "STATUS:TENTATIVE"));
  EXPECT_TRUE(contains(e, "X-BOOKDAV-STATUS:PENDING"));
  EXPECT_TRUE(contains(e, "DTSTART;TZID=Europe/Berlin:20261202T190000"))
      << "the booking starts at the course's first session";
  EXPECT_TRUE(contains(unfolded(e),
                       "RDATE;TZID=Europe/Berlin:20261202T190000,20261209T190000,20261216T190000,"
                       "20261223T190000"))
      << e;
}

TEST_F(BookingFace, FreeSlotsAsVfreebusy) {
  std::string body =
      "<?xml version=\"1.0\"?><c:free-busy-query xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
      "<c:time-range start=\"20261201T000000Z\" end=\"20261202T000000Z\"/></c:free-busy-query>";
  auto r = call("REPORT", kHaircut, "alice", body, {{"Depth", "1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  // 09:00-17:00 Berlin = 08:00-16:00 UTC, 30-minute slots: 16 FREE periods, none merged.
  size_t free = 0;
  for (size_t p = r.body.find("FBTYPE=FREE:"); p != std::string::npos; p = r.body.find("FBTYPE=FREE:", p + 1))
    ++free;
  EXPECT_EQ(free, 16u) << r.body;
  EXPECT_TRUE(contains(r.body, "FREEBUSY;FBTYPE=FREE:20261201T080000Z/20261201T083000Z"));
  EXPECT_TRUE(contains(r.body, "FBTYPE=BUSY-UNAVAILABLE:20261201T000000Z/20261201T080000Z"));
  // Book 09:00 UTC: that slot is no longer FREE, it is BUSY.
  ASSERT_EQ(put("bob", "/dav/calendars/bob/service-haircut/b.ics", event("b", "20261201T090000Z")).status,
            201);
  auto after = call("REPORT", kHaircut, "alice", body, {{"Depth", "1"}});
  EXPECT_FALSE(contains(after.body, "FBTYPE=FREE:20261201T090000Z/"));
  EXPECT_TRUE(contains(after.body, "FREEBUSY:20261201T090000Z/20261201T093000Z")) << after.body;
}

TEST_F(BookingFace, WorkingHoursAsVavailability) {
  const std::string inbox = "/dav/principals/resources/ana/inbox/";
  std::string p = propfindText("admin", inbox, "<c:calendar-availability/>");
  EXPECT_TRUE(contains(p, "BEGIN:VAVAILABILITY")) << p;
  EXPECT_TRUE(contains(p, "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"));
  EXPECT_TRUE(contains(p, "DTSTART;TZID=Europe/Berlin:19700105T090000"));
  // Admin sets Monday-only hours 10-12.
  std::string vav =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VAVAILABILITY\r\nUID:v\r\nDTSTAMP:20260101T000000Z\r\n"
      "BEGIN:AVAILABLE\r\nUID:v1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261130T100000\r\n"
      "DTEND;TZID=Europe/Berlin:20261130T120000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\nEND:AVAILABLE\r\n"
      "END:VAVAILABILITY\r\nEND:VCALENDAR\r\n";
  std::string update =
      "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" "
      "xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop><c:calendar-availability><![CDATA[" +
      vav + "]]></c:calendar-availability></d:prop></d:set></d:propertyupdate>";
  EXPECT_EQ(call("PROPPATCH", inbox, "alice", update).status, 403) << "customers may not";
  auto r = call("PROPPATCH", inbox, "admin", update);
  EXPECT_EQ(r.status, 207);
  EXPECT_TRUE(contains(r.body, "200 OK")) << r.body;
  auto hours = backend->booking.catalog.workingHours("ana");
  ASSERT_TRUE(hours);
  ASSERT_EQ(hours->weekly.size(), 1u);
  EXPECT_EQ(hours->weekly[0].start, std::chrono::hours{10});
  // Staff read their own hours on their own inbox.
  EXPECT_TRUE(contains(propfindText("ana", "/dav/calendars/ana/inbox/", "<c:calendar-availability/>"),
                       "BYDAY=MO&#13;"));
}

TEST_F(BookingFace, StaffChangeNoWorkingHoursButTheirOwnTimeOff) {
  // Only the business changes working hours (domain::Permissions), through either inbox; the JSON API
  // says the same. A refusal is DAV:need-privileges and changes nothing.
  std::string vav =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VAVAILABILITY\r\nUID:v\r\nDTSTAMP:20260101T000000Z\r\n"
      "BEGIN:AVAILABLE\r\nUID:v1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261130T060000\r\n"
      "DTEND;TZID=Europe/Berlin:20261130T230000\r\nRRULE:FREQ=WEEKLY;BYDAY=SA\r\nEND:AVAILABLE\r\n"
      "END:VAVAILABILITY\r\nEND:VCALENDAR\r\n";
  std::string update =
      "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" "
      "xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop><c:calendar-availability><![CDATA[" +
      vav + "]]></c:calendar-availability></d:prop></d:set></d:propertyupdate>";
  const auto before = backend->booking.catalog.workingHours("ana");
  for (const std::string inbox : {"/dav/calendars/ana/inbox/", "/dav/principals/resources/ana/inbox/"}) {
    auto r = call("PROPPATCH", inbox, "ana", update);
    EXPECT_EQ(r.status, 403) << inbox << r.body;
    EXPECT_TRUE(contains(r.body, "need-privileges")) << r.body;
  }
  EXPECT_EQ(backend->booking.catalog.workingHours("ana"), before);
  EXPECT_FALSE(
      contains(propfindText("ana", "/dav/principals/resources/ana/inbox/", "<d:current-user-privilege-set/>"),
               "write-properties"));
  // Time off on her own resource is hers to add and cancel.
  std::string off =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:off-1\r\n"
      "DTSTAMP:20261130T080000Z\r\nDTSTART:20261203T120000Z\r\nDTEND:20261203T130000Z\r\nSUMMARY:Dentist\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  ASSERT_EQ(put("ana", "/dav/calendars/ana/resource-ana/off-1.ics", off).status, 201);
  auto sessions =
      backend->booking.timetable.sessionsOn("ana", {at("2026-12-03T00:00:00Z"), at("2026-12-04T00:00:00Z")});
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].kind, domain::SessionKind::TimeOff);
  EXPECT_EQ(call("DELETE",
                 "/dav/calendars/ana/resource-ana/session-" + std::to_string(sessions[0].id) + ".ics", "ana")
                .status,
            204);
}

TEST_F(BookingFace, OutboxFreeBusyForResourcesAndUsers) {
  ASSERT_EQ(put("alice", kHaircut + "o.ics", event("o", "20261201T090000Z")).status, 201);
  std::string request =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VFREEBUSY\r\nUID:fb1\r\n"
      "DTSTAMP:20261130T080000Z\r\nDTSTART:20261201T000000Z\r\nDTEND:20261202T000000Z\r\n"
      "ORGANIZER:mailto:bob@localhost\r\nATTENDEE:mailto:ana@resources.localhost\r\n"
      "ATTENDEE:mailto:alice@localhost\r\nATTENDEE:mailto:nobody@example.com\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n";
  auto r = call("POST", "/dav/calendars/bob/outbox/", "bob", request, {{"Content-Type", "text/calendar"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(contains(r.body, "schedule-response"));
  EXPECT_TRUE(contains(r.body, "METHOD:REPLY"));
  EXPECT_TRUE(contains(r.body, "3.7;Invalid calendar user"));
  EXPECT_TRUE(contains(r.body, "FREEBUSY:20261201T090000Z/20261201T093000Z")) << r.body;
  EXPECT_TRUE(contains(r.body, "BUSY-UNAVAILABLE")) << r.body;
  // Only as oneself.
  auto forged =
      call("POST", "/dav/calendars/alice/outbox/", "bob", request, {{"Content-Type", "text/calendar"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(call("POST", kHaircut, "alice", request).status, 405);
}

TEST_F(BookingFace, SyncCollectionOnBookingsReportsCancellations) {
  std::string sync =
      "<?xml version=\"1.0\"?><d:sync-collection xmlns:d=\"DAV:\"><d:sync-token/><d:sync-level>1"
      "</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>";
  ASSERT_EQ(put("alice", kHaircut + "s1.ics", event("s1", "20261204T090000Z")).status, 201);
  auto initial = call("REPORT", kHaircut, "alice", sync);
  ASSERT_EQ(initial.status, 207);
  EXPECT_TRUE(contains(initial.body, kHaircut + "s1.ics"));
  size_t t = initial.body.find("<d:sync-token>");
  std::string token = initial.body.substr(t + 14, initial.body.find("</d:sync-token>") - t - 14);
  ASSERT_EQ(call("DELETE", kHaircut + "s1.ics", "alice").status, 204);
  std::string again = sync;
  again.replace(again.find("<d:sync-token/>"), 15, "<d:sync-token>" + token + "</d:sync-token>");
  auto delta = call("REPORT", kHaircut, "alice", again);
  EXPECT_TRUE(contains(delta.body, kHaircut + "s1.ics</d:href><d:status>HTTP/1.1 404")) << delta.body;
}

}  // namespace
}  // namespace bookdav::server

namespace bookdav::server {
namespace {

TEST_F(BookingFace, ComputedCalendarsKeepUserSettingsAndHaveFeeds) {
  std::string update =
      "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:b=\"urn:bookdav:\" "
      "xmlns:a=\"http://apple.com/ns/ical/\"><d:set><d:prop><a:calendar-color>#00FF00FF</a:calendar-color>"
      "<a:calendar-order>7</a:calendar-order><b:feed-url/></d:prop></d:set></d:propertyupdate>";
  auto r = call("PROPPATCH", "/dav/calendars/alice/bookings/", "alice", update);
  ASSERT_EQ(r.status, 207);
  EXPECT_FALSE(contains(r.body, "403")) << r.body;
  std::string p =
      propfindText("alice", "/dav/calendars/alice/bookings/",
                   "<a:calendar-color xmlns:a=\"http://apple.com/ns/ical/\"/><b:feed-url/><d:displayname/>");
  EXPECT_TRUE(contains(p, "#00FF00FF")) << p;
  EXPECT_TRUE(contains(p, "<d:displayname>My bookings</d:displayname>"));
  // The feed's URL is shown once, in the PROPPATCH answer; PROPFIND only tells that there is one.
  EXPECT_FALSE(contains(p, "/feeds/")) << p;
  EXPECT_TRUE(contains(p, "<b:feed-url/>")) << p;
  size_t f = r.body.find("/feeds/");
  ASSERT_NE(f, std::string::npos) << r.body;
  std::string feed = r.body.substr(f, r.body.find("</b:feed-url>") - f);
  ASSERT_EQ(put("alice", kHaircut + "feed.ics", event("feed-1", "20261201T090000Z")).status, 201);
  auto got = call("GET", feed, "");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_TRUE(contains(got.body, "UID:feed-1"));
  EXPECT_TRUE(contains(got.body, "X-WR-CALNAME:My bookings"));
  auto again = call("GET", feed, "", "", {{"If-None-Match", *got.header("ETag")}});
  EXPECT_EQ(again.status, 304);
  // The home listing still shows bookings/ once, with the new colour.
  std::string home = propfindText("alice", kHome, "<d:displayname/>", "1");
  size_t first = home.find("/dav/calendars/alice/bookings/</d:href>");
  EXPECT_NE(first, std::string::npos);
  EXPECT_EQ(home.find("/dav/calendars/alice/bookings/</d:href>", first + 1), std::string::npos) << home;
  // A staff member's day as a feed.
  auto staff = call(
      "PROPPATCH", "/dav/calendars/ana/resource-ana/", "ana",
      "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:b=\"urn:bookdav:\"><d:set><d:prop>"
      "<b:feed-url/></d:prop></d:set></d:propertyupdate>");
  ASSERT_EQ(staff.status, 207);
  size_t sf = staff.body.find("/feeds/");
  ASSERT_NE(sf, std::string::npos) << staff.body;
  auto day = call("GET", staff.body.substr(sf, staff.body.find("</b:feed-url>") - sf), "");
  EXPECT_TRUE(contains(day.body, "Haircut: Alice Liddell")) << day.body;
}

// The feed's path in a PROPPATCH answer that set feed-url, "" when it shows none.
std::string feedPathIn(const std::string& body) {
  size_t f = body.find("/feeds/");
  return f == std::string::npos ? "" : body.substr(f, body.find("</b:feed-url>") - f);
}

TEST_F(BookingFace, SettingFeedUrlAgainReplacesTheFeedAndRemovingItRevokesIt) {
  const std::string set =
      "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:b=\"urn:bookdav:\"><d:set><d:prop>"
      "<b:feed-url/></d:prop></d:set></d:propertyupdate>";
  const std::string first =
      feedPathIn(call("PROPPATCH", "/dav/calendars/alice/bookings/", "alice", set).body);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(call("GET", first, "").status, 200);
  const std::string second =
      feedPathIn(call("PROPPATCH", "/dav/calendars/alice/bookings/", "alice", set).body);
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);
  EXPECT_EQ(call("GET", first, "").status, 404) << "the replaced URL stops working";
  EXPECT_EQ(call("GET", second, "").status, 200);
  auto removed = call("PROPPATCH", "/dav/calendars/alice/bookings/", "alice",
                      "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:b=\"urn:bookdav:\">"
                      "<d:remove><d:prop><b:feed-url/></d:prop></d:remove></d:propertyupdate>");
  EXPECT_EQ(removed.status, 207);
  EXPECT_TRUE(feedPathIn(removed.body).empty()) << removed.body;
  EXPECT_EQ(call("GET", second, "").status, 404);
  std::string p = propfindText("alice", "/dav/calendars/alice/bookings/", "<b:feed-url/>");
  EXPECT_TRUE(contains(p, "404")) << "no feed: the property is absent " << p;
  // MKCALENDAR answers no body, so it cannot be the answer that shows a feed's URL.
  auto made =
      call("MKCALENDAR", "/dav/calendars/alice/with-feed/", "alice",
           "<?xml version=\"1.0\"?><c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\" "
           "xmlns:b=\"urn:bookdav:\"><d:set><d:prop><b:feed-url/></d:prop></d:set></c:mkcalendar>");
  EXPECT_EQ(made.status, 403) << made.body;
  EXPECT_TRUE(contains(made.body, "<b:feed-url/></d:prop><d:status>HTTP/1.1 403")) << made.body;
  EXPECT_EQ(call("PROPFIND", "/dav/calendars/alice/with-feed/", "alice", "", {{"Depth", "0"}}).status, 404)
      << "and nothing was made";
}

TEST_F(BookingFace, ReservedNamesAndReadOnlySessions) {
  EXPECT_EQ(call("MKCALENDAR", "/dav/calendars/alice/service-haircut/", "alice").status, 405);
  EXPECT_EQ(call("MKCALENDAR", "/dav/calendars/alice/service-nothing/", "alice").status, 403);
  EXPECT_EQ(call("MKCALENDAR", "/dav/calendars/alice/bookings/", "alice").status, 405);
  EXPECT_EQ(call("DELETE", kBookings, "alice").status, 403);
  std::string list = propfindText("alice", kYoga, "<d:getetag/>", "1");
  size_t p = list.find("/dav/calendars/alice/service-yoga/session-");
  ASSERT_NE(p, std::string::npos);
  std::string session = list.substr(p, list.find("</d:href>", p) - p);
  EXPECT_EQ(call("DELETE", session, "alice").status, 403);
  EXPECT_EQ(put("alice", session, event("s", "20261201T170000Z")).status, 403);
  EXPECT_EQ(call("MOVE", session, "alice", "", {{"Destination", kHome + "calendar/x.ics"}}).status, 403);
  EXPECT_EQ(put("alice", kBookings + "new.ics", event("n", "20261201T090000Z")).status, 403);
}

}  // namespace
}  // namespace bookdav::server
