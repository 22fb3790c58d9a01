"""The JSON API and the CalDAV booking face (DESIGN.md, "Booking through CalDAV") on the same engine,
against the real binary: a booking made through JSON shows at once in the customer's bookings/ and
service-<id>/ calendars (and the resource's calendar for its staff) with their sync tokens moved;
a booking made by PUTting an event into service-<id>/ shows in the JSON API; cancel, reschedule and
refusals agree both ways. Runs over the example businesses and over a small test business."""
import os
import sys
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import (ALWAYS, BusinessTest, ExampleSetup, at, booking_request, calendar_events,  # noqa: E402
                         events_starting, put_booking_event, sync_token, utc, yoga_session)
from bookdav_server import B, responses  # noqa: E402


class ExampleOverCalDav(ExampleSetup):
    def test_json_booking_shows_over_caldav(self):
        for service in self.services():
            slot = self.first_slot(service, skip=1 if service["kind"] == "appointment" else 0)
            bookings = "/dav/calendars/bob/bookings/"
            before = sync_token(self.srv, bookings, "bob")
            r = self.srv.api("POST", "/bookings", booking_request(service, slot), user="bob")
            self.assertEqual(r.status, 201, (service["id"], r))
            self.assertNotEqual(sync_token(self.srv, bookings, "bob"), before, "the sync token moved")
            found = events_starting(self.srv, bookings, "bob", slot["start"])
            self.assertEqual(len(found), 1, (service["id"], found))
            self.assertIn(found[0][2], ("CONFIRMED", "TENTATIVE"))
            # The same event in service-<id>/ (which also shows the sessions of classes and courses).
            in_service = events_starting(self.srv, f"/dav/calendars/bob/service-{service['id']}/", "bob", slot["start"])
            self.assertIn(found[0][0], [e[0] for e in in_service], service["id"])

    def test_caldav_booking_shows_in_json(self):
        for service in self.services():
            slot = self.first_slot(service, skip=2 if service["kind"] == "appointment" else 0)
            uid = f"from-a-calendar-app-{service['id']}"
            r = put_booking_event(self.srv, "alice", service["id"], uid, slot["start"])
            self.assertIn(r.status, (201, 204), (service["id"], r))
            mine = self.srv.api("GET", f"/bookings?serviceId={service['id']}", user="alice").json["bookings"]
            made = [b for b in mine if b["uid"] == uid]
            self.assertEqual(len(made), 1, (service["id"], mine))
            self.assertEqual((made[0]["start"], made[0]["customer"]), (slot["start"], "alice"))


class HairSalonOverCalDav(ExampleOverCalDav, unittest.TestCase):
    FILE = "hair-salon.json"


class YogaStudioOverCalDav(ExampleOverCalDav, unittest.TestCase):
    FILE = "yoga-studio.json"


class LanguageSchoolOverCalDav(ExampleOverCalDav, unittest.TestCase):
    FILE = "language-school.json"


class JsonAndCalDavAgree(BusinessTest):
    def tokens(self):
        return (sync_token(self.srv, "/dav/calendars/alice/bookings/", "alice"),
                sync_token(self.srv, "/dav/calendars/alice/service-cut/", "alice"),
                sync_token(self.srv, "/dav/calendars/ana/resource-ana/", "ana"))

    def test_json_changes_show_at_once_over_caldav(self):
        start, later = utc(at(4, 9)), utc(at(4, 10))
        t0 = self.tokens()
        b = self.srv.api("POST", "/bookings", {"serviceId": "cut", "start": start, "resourceId": "ana"}, user="alice")
        self.assertEqual(b.status, 201, b)
        t1 = self.tokens()
        self.assertTrue(all(x != y for x, y in zip(t0, t1)), (t0, t1))
        found = events_starting(self.srv, "/dav/calendars/alice/bookings/", "alice", start)
        self.assertEqual([e[2] for e in found], ["CONFIRMED"])
        self.assertEqual(len(events_starting(self.srv, "/dav/calendars/ana/resource-ana/", "ana", start)), 1)
        r = self.srv.api("POST", f"/bookings/{b.json['id']}/reschedule", {"start": later}, user="alice")
        self.assertEqual(r.status, 200, r)
        t2 = self.tokens()
        self.assertTrue(all(x != y for x, y in zip(t1, t2)), (t1, t2))
        self.assertEqual(events_starting(self.srv, "/dav/calendars/alice/bookings/", "alice", start), [])
        self.assertEqual(len(events_starting(self.srv, "/dav/calendars/alice/bookings/", "alice", later)), 1)
        self.assertEqual(self.srv.api("POST", f"/bookings/{b.json['id']}/cancel", user="alice").status, 200)
        self.assertNotEqual(self.tokens()[0], t2[0])
        self.assertEqual(events_starting(self.srv, "/dav/calendars/alice/bookings/", "alice", later), [])

    def test_json_session_changes_move_the_service_calendar(self):
        sid = yoga_session(self.srv, 7)
        calendar = "/dav/calendars/bob/service-yoga/"
        before = sync_token(self.srv, calendar, "bob")
        r = self.srv.api("PATCH", f"/sessions/{sid}", {"capacity": 9, "locked": True, "lockNote": "renovation"})
        self.assertEqual(r.status, 200, r)
        self.assertNotEqual(sync_token(self.srv, calendar, "bob"), before)
        self.assertEqual(len(events_starting(self.srv, calendar, "bob", utc(at(7, 10)))), 1)
        self.assertEqual(self.srv.api("PATCH", f"/sessions/{sid}", {"capacity": 2, "locked": False}).status, 200)

    def test_caldav_booking_and_delete_show_in_json(self):
        start = utc(at(5, 9))
        r = put_booking_event(self.srv, "alice", "cut", "caldav-cut-1", start)
        self.assertIn(r.status, (201, 204), r)
        made = [b for b in self.srv.api("GET", "/bookings", user="alice").json["bookings"] if b["uid"] == "caldav-cut-1"]
        self.assertEqual(len(made), 1)
        self.assertEqual((made[0]["serviceId"], made[0]["start"], made[0]["status"]), ("cut", start, "CONFIRMED"))
        hrefs = [h for h, events in calendar_events(self.srv, "/dav/calendars/alice/service-cut/", "alice").items()
                 if any(e[0] == "caldav-cut-1" for e in events)]
        self.assertTrue(hrefs)
        self.assertIn(self.srv.request("DELETE", hrefs[0], user="alice").status, (200, 204))
        self.assertEqual(self.srv.api("GET", f"/bookings/{made[0]['id']}", user="alice").json["status"], "CANCELED")

    def test_joining_a_class_over_caldav(self):
        sid = yoga_session(self.srv, 6)
        r = put_booking_event(self.srv, "bob", "yoga", "caldav-yoga-1", utc(at(6, 10)))
        self.assertIn(r.status, (201, 204), r)
        made = [b for b in self.srv.api("GET", "/bookings?serviceId=yoga", user="bob").json["bookings"]
                if b["uid"] == "caldav-yoga-1"]
        self.assertEqual([b["sessionIds"] for b in made], [[sid]])
        self.assertEqual(self.srv.api("GET", f"/sessions/{sid}", user="bob").json["taken"], 1)

    def test_pending_bookings_are_tentative(self):
        slot = self.srv.api("POST", "/availability/query", {"serviceId": "course", "from": utc(at(0, 0)),
                                                             "to": utc(at(9, 0))}, user="bob").json["slots"][0]
        b = self.srv.api("POST", "/bookings", {"serviceId": "course", "sessionId": slot["sessionId"]}, user="bob")
        self.assertEqual(b.json["status"], "PENDING")
        found = events_starting(self.srv, "/dav/calendars/bob/bookings/", "bob", slot["start"])
        self.assertEqual([e[2] for e in found], ["TENTATIVE"])

    def test_catalog_changes_show_over_caldav(self):
        home = "/dav/calendars/alice/"

        def calendars():
            r = self.srv.request("PROPFIND", home, '<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop>'
                                 '</d:propfind>', user="alice", headers={"Depth": "1"})
            self.assertEqual(r.status, 207, r)
            return {href for href in responses(r.body)[0]}

        self.assertNotIn(home + "service-stretch/", calendars())
        r = self.srv.api("PUT", "/services/stretch", {"kind": "class", "name": "Stretch", "timezone": "UTC",
                                                      "duration": "PT30M", "capacity": 5})
        self.assertEqual(r.status, 201, r)
        self.assertIn(home + "service-stretch/", calendars())
        self.assertEqual(self.srv.api("DELETE", "/services/stretch").status, 204)
        self.assertNotIn(home + "service-stretch/", calendars())
        # Working hours set through JSON are the VAVAILABILITY of the staff member's inbox.
        hours = {"weekly": [{"days": ["TU", "TH"], "start": "08:15", "end": "13:45"}]}
        self.assertEqual(self.srv.api("PUT", "/resources/ana/working-hours", hours).status, 200)
        r = self.srv.propfind("/dav/calendars/ana/inbox/", ["c:calendar-availability"], "ana")
        self.assertEqual(r.status, 207, r)
        text = "".join(ET.fromstring(r.body).itertext())
        self.assertIn("BEGIN:VAVAILABILITY", text)
        self.assertIn("BYDAY=TU,TH", text)
        self.assertIn("T081500", text)
        self.assertEqual(self.srv.api("PUT", "/resources/ana/working-hours", ALWAYS).status, 200)

    def test_refusals_carry_the_same_codes(self):
        soon = utc(at(0, 0))
        j = self.srv.api("POST", "/bookings", {"serviceId": "cut", "start": soon}, user="alice")
        self.assertEqual((j.status, j.error["code"]), (403, "too-early"))
        c = put_booking_event(self.srv, "alice", "cut", "too-early-1", soon)
        self.assertEqual(c.status, 403, c)
        self.assertIsNotNone(ET.fromstring(c.body).find(f"{{{B}}}too-early"), c.body)
        self.assertEqual([b for b in self.srv.api("GET", "/bookings", user="alice").json["bookings"]
                          if b["start"] == soon], [])

    def test_a_started_class_session_is_refused_as_started_by_both_faces(self):
        import datetime
        began = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(minutes=5)
        made = self.srv.api("POST", "/sessions", {"serviceId": "yoga", "start": utc(began), "resourceIds": []})
        self.assertEqual(made.status, 201, made)
        j = self.srv.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": made.json["id"]}, user="alice")
        self.assertEqual((j.status, j.error["code"]), (403, "session-started"), j)
        self.assertIn("has already started", j.error["message"])
        c = put_booking_event(self.srv, "alice", "yoga", "started-1", utc(began))
        self.assertEqual(c.status, 403, c)
        self.assertIsNotNone(ET.fromstring(c.body).find(f"{{{B}}}session-started"), c.body)
        self.assertEqual(self.srv.api("DELETE", f"/sessions/{made.json['id']}").status, 200)


if __name__ == "__main__":
    unittest.main()
