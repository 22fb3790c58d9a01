"""Services and resources as calendar users (RFC 6638), found the way calendar apps find attendees:
principal-property-search as Apple Calendar sends it (A: prefix for DAV:, test="anyof",
match-type="starts-with"), principal-search-property-set, CalendarServer's principal search, the
calendar-auto-schedule capability, and outbox free/busy for a service (its slots FREE)."""
import datetime as dt
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import C, CS, D, BookdavServer, responses  # noqa: E402
from test_business import TestBusiness, ical_time  # noqa: E402

APPLE_SEARCH = """<?xml version="1.0" encoding="UTF-8"?>
<A:principal-property-search xmlns:A="DAV:" test="anyof">
  <A:property-search>
    <A:prop><A:displayname/></A:prop>
    <A:match match-type="starts-with">{q}</A:match>
  </A:property-search>
  <A:property-search>
    <A:prop><B:email-address-set xmlns:B="http://calendarserver.org/ns/"/></A:prop>
    <A:match match-type="starts-with">{q}</A:match>
  </A:property-search>
  <A:property-search>
    <A:prop><C:calendar-user-address-set xmlns:C="urn:ietf:params:xml:ns:caldav"/></A:prop>
    <A:match match-type="starts-with">{q}</A:match>
  </A:property-search>
  <A:prop>
    <C:calendar-user-address-set xmlns:C="urn:ietf:params:xml:ns:caldav"/>
    <C:calendar-user-type xmlns:C="urn:ietf:params:xml:ns:caldav"/>
    <A:displayname/>
    <B:email-address-set xmlns:B="http://calendarserver.org/ns/"/>
    <A:principal-URL/>
  </A:prop>
</A:principal-property-search>"""


def addresses(props):
    return [h.text for h in props[f"{{{C}}}calendar-user-address-set"].findall(f"{{{D}}}href")]


class SchedulingPrincipals(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer", "admin": "admin", "sam": "staff"})
        cls.srv.start()
        cls.biz.load(cls.srv)
        cls.srv.cli("user", "add", "alice", "--password", "alice", "--email", "alice@example.org",
                    "--name", "Alice Liddell")

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def report(self, user, path, body, depth="0"):
        return self.srv.request("REPORT", path, body, user=user,
                                headers={"Depth": depth, "Content-Type": "application/xml"})

    def test_options_advertises_calendar_auto_schedule(self):
        r = self.srv.request("OPTIONS", "/dav/calendars/alice/calendar/", user="alice")
        self.assertIn("calendar-auto-schedule", [t.strip() for t in r.header("DAV").split(",")])

    def test_service_principal_properties(self):
        r = self.srv.propfind("/dav/principals/services/cut/", [
            "d:displayname", "c:calendar-user-address-set", "c:calendar-user-type", "c:schedule-inbox-URL",
            "d:resourcetype", "d:principal-URL", "cs:email-address-set"], "alice")
        self.assertEqual(r.status, 207)
        found, _ = responses(r.body)
        p = found["/dav/principals/services/cut/"]
        self.assertEqual(p[f"{{{D}}}displayname"].text, "Cut")
        self.assertEqual(p[f"{{{C}}}calendar-user-type"].text, "RESOURCE")
        self.assertIn("urn:bookdav:service:cut", addresses(p))
        self.assertIn("mailto:cut@localhost", addresses(p))
        self.assertIsNotNone(p[f"{{{D}}}resourcetype"].find(f"{{{D}}}principal"))
        inbox = p[f"{{{C}}}schedule-inbox-URL"].findtext(f"{{{D}}}href")
        r = self.srv.propfind(inbox, ["d:resourcetype"], "alice")
        self.assertEqual(r.status, 207)
        self.assertEqual(self.srv.propfind("/dav/principals/services/nope/", ["d:displayname"], "alice").status, 404)

    def test_resource_principals_carry_urn_and_type(self):
        r = self.srv.propfind("/dav/principals/resources/", ["c:calendar-user-type", "c:calendar-user-address-set"],
                              "alice", depth="1")
        found, _ = responses(r.body)
        self.assertEqual(found["/dav/principals/resources/hall/"][f"{{{C}}}calendar-user-type"].text, "ROOM")
        self.assertEqual(found["/dav/principals/resources/sam/"][f"{{{C}}}calendar-user-type"].text, "INDIVIDUAL")
        self.assertEqual(found["/dav/principals/resources/chair/"][f"{{{C}}}calendar-user-type"].text, "RESOURCE")
        self.assertIn("urn:bookdav:resource:hall", addresses(found["/dav/principals/resources/hall/"]))
        r = self.srv.propfind("/dav/principals/", ["d:displayname"], "alice", depth="1")
        self.assertIn("/dav/principals/services/", responses(r.body)[0])

    def test_user_principal_carries_the_account_email(self):
        r = self.srv.propfind("/dav/principals/alice/", ["c:calendar-user-address-set"], "alice")
        self.assertIn("mailto:alice@example.org", addresses(responses(r.body)[0]["/dav/principals/alice/"]))

    def test_apple_principal_property_search_finds_the_service(self):
        r = self.report("alice", "/dav/principals/", APPLE_SEARCH.format(q="cu"))
        self.assertEqual(r.status, 207, r)
        found, _ = responses(r.body)
        self.assertIn("/dav/principals/services/cut/", found)
        p = found["/dav/principals/services/cut/"]
        self.assertEqual(p[f"{{{C}}}calendar-user-type"].text, "RESOURCE")
        self.assertEqual(p[f"{{{CS}}}email-address-set"].findtext(f"{{{D}}}href"), "cut@localhost")
        self.assertNotIn("/dav/principals/services/spin/", found)
        # starts-with, caselessly, on any address: "URN:BOOKDAV:RESOURCE:HA" finds the hall
        r = self.report("alice", "/dav/principals/", APPLE_SEARCH.format(q="URN:BOOKDAV:RESOURCE:HA"))
        self.assertEqual(list(responses(r.body)[0]), ["/dav/principals/resources/hall/"])

    def test_customers_find_only_themselves_among_accounts(self):
        r = self.report("alice", "/dav/principals/", APPLE_SEARCH.format(q="b"))
        self.assertNotIn("/dav/principals/bob/", responses(r.body)[0])
        r = self.report("admin", "/dav/principals/", APPLE_SEARCH.format(q="b"))
        self.assertIn("/dav/principals/bob/", responses(r.body)[0])
        r = self.report("alice", "/dav/principals/", APPLE_SEARCH.format(q="alice@ex"))
        self.assertEqual(list(responses(r.body)[0]), ["/dav/principals/alice/"])

    def test_allof_with_type_and_equals(self):
        body = """<d:principal-property-search xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" test="allof">
          <d:property-search><d:prop><c:calendar-user-type/></d:prop>
            <d:match match-type="equals">room</d:match></d:property-search>
          <d:property-search><d:prop><d:displayname/></d:prop><d:match>al</d:match></d:property-search>
          <d:prop><d:displayname/></d:prop></d:principal-property-search>"""
        r = self.report("alice", "/dav/principals/", body)
        self.assertEqual(list(responses(r.body)[0]), ["/dav/principals/resources/hall/"])
        bad = body.replace('match-type="equals"', 'match-type="regex"')
        self.assertEqual(self.report("alice", "/dav/principals/", bad).status, 400)
        self.assertEqual(self.report("alice", "/dav/calendars/alice/calendar/", body).status, 403)

    def test_principal_search_property_set(self):
        r = self.report("alice", "/dav/principals/", '<d:principal-search-property-set xmlns:d="DAV:"/>')
        self.assertEqual(r.status, 200)
        props = [list(p.find(f"{{{D}}}prop"))[0].tag for p in r.xml().findall(f"{{{D}}}principal-search-property")]
        self.assertIn(f"{{{D}}}displayname", props)
        self.assertIn(f"{{{C}}}calendar-user-address-set", props)
        self.assertIn(f"{{{C}}}calendar-user-type", props)

    def test_calendarserver_principal_search(self):
        body = """<B:calendarserver-principal-search xmlns:A="DAV:" xmlns:B="http://calendarserver.org/ns/"
            context="location"><B:search-token>hal</B:search-token><B:limit><B:nresults>5</B:nresults></B:limit>
            <A:prop><A:displayname/></A:prop></B:calendarserver-principal-search>"""
        r = self.report("alice", "/dav/principals/", body)
        self.assertEqual(r.status, 207)
        self.assertEqual(list(responses(r.body)[0]), ["/dav/principals/resources/hall/"])

    def test_outbox_free_busy_of_a_service_answers_its_slots_free(self):
        start = dt.datetime.combine(self.biz.day1, dt.time(9, 0), tzinfo=dt.timezone.utc)
        body = "\r\n".join([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Apple Inc.//macOS 14//EN", "METHOD:REQUEST",
            "BEGIN:VFREEBUSY", "UID:fb-1", "DTSTAMP:20260101T000000Z",
            f"DTSTART:{ical_time(start)}", f"DTEND:{ical_time(start + dt.timedelta(hours=2))}",
            "ORGANIZER:mailto:alice@example.org", "ATTENDEE:mailto:alice@example.org",
            "ATTENDEE:urn:bookdav:service:cut", "ATTENDEE:mailto:hall@resources.localhost",
            "END:VFREEBUSY", "END:VCALENDAR", ""])
        r = self.srv.request("POST", "/dav/calendars/alice/outbox/", body, user="alice",
                             headers={"Content-Type": "text/calendar", "Originator": "mailto:alice@example.org",
                                      "Recipient": "urn:bookdav:service:cut"})
        self.assertEqual(r.status, 200, r)
        answers = {resp.find(f"{{{C}}}recipient").findtext(f"{{{D}}}href"): resp
                   for resp in r.xml().findall(f"{{{C}}}response")}
        cut = answers["urn:bookdav:service:cut"]
        self.assertTrue(cut.findtext(f"{{{C}}}request-status").startswith("2.0"))
        data = cut.findtext(f"{{{C}}}calendar-data").replace("\r\n ", "")
        free = [p for line in data.splitlines() if line.startswith("FREEBUSY;FBTYPE=FREE")
                for p in line.split(":", 1)[1].split(",")]
        self.assertEqual(len(free), 4, data)  # the four half-hour slots of the two hours, never merged
        hall = answers["mailto:hall@resources.localhost"]
        self.assertTrue(hall.findtext(f"{{{C}}}request-status").startswith("2.0"))


if __name__ == "__main__":
    unittest.main()
