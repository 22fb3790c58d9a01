"""tsdav (npm) as the customer's client booking with bookdav: tests/clients/js/tsdav_booking.mjs discovers the
service calendars (fetchCalendars), reads free slots (freeBusyQuery on service-cut/), books
(createCalendarObject: 201 and no ETag, RFC 4791 5.3.4), sees the booking in bookings/ (fetchCalendarObjects),
reschedules it (updateCalendarObject with the ETag and a new DTSTART), cancels it (deleteCalendarObject) and is
refused a booking at an off-grid time (403 slot-unavailable). Each test asserts one step and reads the server's
state back through the fixture and the JSON API."""
import datetime as dt
import json
import os
import sys
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import icstext  # noqa: E402
import nodejs  # noqa: E402
from bookdav_server import B, D, BookdavServer  # noqa: E402
from test_business import TestBusiness, ical_time  # noqa: E402

HOME = "/dav/calendars/alice/"
M = dt.timedelta(minutes=1)


class TsdavBooking(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.setup_error = nodejs.setup_error()
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "admin": "admin"}).start()
        cls.biz.load(cls.srv)
        day = cls.biz.day1 + dt.timedelta(days=1)
        cls.range_start = dt.datetime(day.year, day.month, day.day, 8, tzinfo=dt.timezone.utc)
        cls.range_end = cls.range_start + dt.timedelta(hours=4)
        cls.book = cls.range_start + dt.timedelta(hours=1)           # 09:00, a free slot
        cls.move_to = cls.range_start + dt.timedelta(hours=2, minutes=30)  # 10:30
        cls.off_grid = cls.range_start + dt.timedelta(hours=1, minutes=10)  # 09:10, not on the 30-minute grid
        cls.plan = {"range": {"start": cls.range_start.isoformat().replace("+00:00", "Z"),
                              "end": cls.range_end.isoformat().replace("+00:00", "Z")},
                    "book": ical_time(cls.book), "moveTo": ical_time(cls.move_to),
                    "offGrid": ical_time(cls.off_grid), "durationMinutes": 30}
        # The JSON API's view of the same range, taken before the script books.
        cls.slots_before = cls.json_slots()
        cls.out = {}
        if cls.setup_error is None:
            try:
                cls.out = nodejs.run("tsdav_booking.mjs", cls.srv.url + "/", "alice", "alice", json.dumps(cls.plan))
            except AssertionError as exc:
                cls.setup_error = str(exc)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    @classmethod
    def json_slots(cls):
        q = json.dumps({"serviceId": "cut", "from": cls.plan["range"]["start"], "to": cls.plan["range"]["end"]})
        r = cls.srv.request("POST", "/api/v1/availability/query", q, user="alice",
                            headers={"Content-Type": "application/json"})
        assert r.status == 200, r
        return sorted(f"{s['start']}/{s['end']}".replace("-", "").replace(":", "")
                      for s in json.loads(r.body)["slots"] if s["bookable"])

    def setUp(self):
        self.assertIsNone(self.setup_error, self.setup_error)

    def value(self, name):
        self.assertIn(name, self.out, f"tsdav_booking.mjs did not run step {name}")
        r = self.out[name]
        self.assertTrue(r["ok"], f"tsdav {name} failed:\n{r.get('error')}")
        return r["value"]

    def bookings(self):
        r = self.srv.request("GET", "/api/v1/bookings", user="alice")
        self.assertEqual(r.status, 200, r)
        return json.loads(r.body)["bookings"]

    def test_fetch_calendars_lists_service_calendars(self):
        cals = {c["path"]: c for c in self.value("fetchCalendars")}
        for sid, name in (("cut", "Cut"), ("spin", "Spin"), ("pilates", "Pilates"), ("french", "French A1")):
            c = cals.get(HOME + f"service-{sid}/")
            self.assertIsNotNone(c, f"fetchCalendars lists service-{sid}/: {sorted(cals)}")
            self.assertEqual(c["displayName"], name)
            self.assertIn("VEVENT", c["components"])
            self.assertTrue(c["syncToken"] and c["ctag"] is not None, c)
        self.assertEqual(cals[HOME + "bookings/"]["displayName"], "My bookings")
        self.assertIn("20.00 EUR", cals[HOME + "service-cut/"]["description"])
        self.assertIn("freeBusyQuery", cals[HOME + "service-cut/"]["reports"],
                      "supported-report-set advertises free-busy-query on a service calendar")

    def test_free_busy_query_gives_one_free_period_per_slot(self):
        fb = self.value("freeBusyQuery")
        self.assertEqual(fb["status"], 200, fb)
        vfb = icstext.components(fb["raw"], "VFREEBUSY")
        self.assertEqual(len(vfb), 1, fb["raw"])
        self.assertEqual(icstext.first(vfb[0], "DTSTART"), ical_time(self.range_start))
        self.assertEqual(icstext.first(vfb[0], "DTEND"), ical_time(self.range_end))
        self.assertEqual(sorted(fb["free"]), self.slots_before, "FREE periods are the JSON API's slots")
        self.assertEqual(len(fb["free"]), 8, "four hours of 30-minute slots, never merged")
        self.assertIn(f"{ical_time(self.book)}/{ical_time(self.book + 30 * M)}", fb["free"])

    def test_create_calendar_object_books(self):
        c = self.value("createCalendarObject")
        self.assertEqual(c["status"], 201, c)
        self.assertIsNone(c["etag"], "the stored event is the server's own: no ETag (RFC 4791 5.3.4)")

    def test_fetch_calendar_objects_sees_the_booking(self):
        objs = self.value("fetchCalendarObjects_bookings")
        mine = [o for o in objs if "UID:tsdav-book-1" in (o["data"] or "")]
        self.assertEqual(len(mine), 1, objs)
        o = mine[0]
        self.assertRegex(o["url"], r"^/dav/calendars/alice/bookings/booking-\d+\.ics$")
        self.assertTrue(o["etag"], "multiget gives the ETag the update needs")
        ev = icstext.components(o["data"], "VEVENT")[0]
        self.assertEqual(icstext.first(ev, "DTSTART"), ical_time(self.book))
        self.assertEqual(icstext.first(ev, "STATUS"), "CONFIRMED")
        self.assertEqual(icstext.first(ev, "X-BOOKDAV-STATUS"), "CONFIRMED")
        attendees = [v.lower() for _, v in ev["ATTENDEE"]]
        self.assertIn("mailto:alice@localhost", attendees)
        self.assertIn("mailto:sam@localhost", attendees)

    def test_update_calendar_object_reschedules(self):
        u = self.value("updateCalendarObject")
        self.assertEqual(u["status"], 204, u)
        after = self.value("fetchCalendarObjects_afterUpdate")
        mine = [o for o in after if "UID:tsdav-book-1" in (o["data"] or "")]
        self.assertEqual(len(mine), 1, after)
        ev = icstext.components(mine[0]["data"], "VEVENT")[0]
        self.assertEqual(icstext.first(ev, "DTSTART"), ical_time(self.move_to))
        self.assertEqual(icstext.first(ev, "DTEND"), ical_time(self.move_to + 30 * M))
        self.assertTrue(u["ifMatch"], "tsdav sent If-Match with the ETag from fetchCalendarObjects")
        self.assertNotEqual(mine[0]["etag"], u["ifMatch"], "the ETag changed with the move")
        self.assertIsNone(u["etag"], "the stored event is the server's: no ETag on the PUT answer (RFC 4791 5.3.4)")

    def test_update_with_stale_etag_is_refused(self):
        s = self.value("updateCalendarObject_stale")
        self.assertEqual(s["status"], 412, s)
        self.assertEqual(s["ifMatch"], self.value("updateCalendarObject")["ifMatch"])
        after = self.value("fetchCalendarObjects_afterUpdate")
        ev = icstext.components([o for o in after if "UID:tsdav-book-1" in (o["data"] or "")][0]["data"], "VEVENT")[0]
        self.assertEqual(icstext.first(ev, "DTSTART"), ical_time(self.move_to), "the lost update moved nothing")

    def test_delete_calendar_object_cancels(self):
        d = self.value("deleteCalendarObject")
        self.assertEqual(d["status"], 204, d)
        self.assertTrue(d["ifMatch"], "tsdav sent If-Match with the ETag it fetched")
        self.assertEqual([o for o in self.value("fetchCalendarObjects_afterDelete")
                          if "UID:tsdav-book-1" in (o["data"] or "")], [])
        self.assertEqual(self.srv.request("GET", d["url"], user="alice").status, 404)
        mine = [b for b in self.bookings() if b["uid"] == "tsdav-book-1"]
        self.assertEqual([(b["status"], b["start"]) for b in mine],
                         [("CANCELED", self.move_to.isoformat().replace("+00:00", "Z"))])
        self.assertEqual(self.json_slots(), self.slots_before, "after the cancellation every slot is free again")

    def test_off_grid_booking_is_refused(self):
        r = self.value("createCalendarObject_offGrid")
        self.assertEqual(r["status"], 403, r)
        root = ET.fromstring(r["body"])
        self.assertEqual(root.tag, f"{{{D}}}error", r["body"])
        self.assertIsNotNone(root.find(f"{{{B}}}slot-unavailable"), r["body"])
        self.assertTrue(root.findtext(f"{{{B}}}message"), r["body"])
        self.assertEqual(self.srv.request("GET", HOME + "service-cut/tsdav-offgrid.ics", user="alice").status, 404)
        self.assertEqual([b["uid"] for b in self.bookings()], ["tsdav-book-1"], "nothing was booked")


if __name__ == "__main__":
    unittest.main()
