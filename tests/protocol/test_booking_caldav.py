"""Bookings over CalDAV against the real binary (DESIGN.md, "Booking through CalDAV"): the computed
calendars, booking by PUT, every refusal of DESIGN.md's list with its status, precondition and
"nothing changed", waitlist promotion, reschedule, cancel, free slots as VFREEBUSY."""
import datetime as dt
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import B, BookdavServer, C, CS, D, responses  # noqa: E402
from test_business import TestBusiness, booking_event, ical_time  # noqa: E402

H = dt.timedelta(hours=1)


def unfold(text):
    return re.sub(r"\r\n[ \t]", "", text)


class BookingOverCalDav(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer", "carol": "customer",
                                       "dave": "customer", "admin": "admin", "sam": "staff"})
        cls.srv.start()
        cls.biz.load(cls.srv)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def put(self, user, path, body, **headers):
        h = {"Content-Type": "text/calendar"}
        h.update({k.replace("_", "-"): v for k, v in headers.items()})
        return self.srv.request("PUT", path, body, user=user, headers=h)

    def get(self, user, path):
        return self.srv.request("GET", path, user=user)

    def cal(self, user, name):
        return f"/dav/calendars/{user}/{name}/"

    def precondition(self, r):
        root = r.xml()
        self.assertEqual(root.tag, f"{{{D}}}error", r)
        self.assertTrue(root.findtext(f"{{{B}}}message"), "a sentence a person can read")
        names = [c.tag for c in root if c.tag != f"{{{B}}}message"]
        return names[0].split("}")[1] if names else None

    def state(self, user):
        """What a refused request must leave alone: the user's bookings and the service calendars' tags."""
        r = self.srv.propfind(f"/dav/calendars/{user}/", ["cs:getctag"], user, depth="1")
        found, _ = responses(r.body)
        return {h: p.get(f"{{{CS}}}getctag").text for h, p in found.items() if f"{{{CS}}}getctag" in p}

    def test_home_lists_service_calendars_with_bookdav_properties(self):
        r = self.srv.propfind("/dav/calendars/alice/", ["d:displayname", "d:resourcetype", "b:service-kind",
                                                        "b:duration", "b:capacity", "b:price",
                                                        "c:calendar-description"], "alice", depth="1")
        found, _ = responses(r.body)
        spin = found["/dav/calendars/alice/service-spin/"]
        self.assertIsNotNone(spin[f"{{{D}}}resourcetype"].find(f"{{{C}}}calendar"))
        self.assertEqual(spin[f"{{{B}}}service-kind"].text, "class")
        self.assertEqual(spin[f"{{{B}}}duration"].text, "PT45M")
        self.assertEqual(spin[f"{{{B}}}capacity"].text, "10")
        self.assertEqual(spin[f"{{{B}}}price"].text, "10.00 EUR")
        self.assertIn("10.00 EUR", spin[f"{{{C}}}calendar-description"].text)
        self.assertEqual(found["/dav/calendars/alice/service-cut/"][f"{{{B}}}service-kind"].text, "appointment")
        self.assertEqual(found["/dav/calendars/alice/service-french/"][f"{{{B}}}service-kind"].text, "course")
        self.assertIn("/dav/calendars/alice/bookings/", found)
        self.assertFalse([h for h in found if "resource-" in h], "customers see no resource calendars")
        staff, _ = responses(self.srv.propfind("/dav/calendars/sam/", ["d:resourcetype"], "sam", depth="1").body)
        self.assertIn("/dav/calendars/sam/resource-sam/", staff)

    def test_free_slots_are_exactly_the_bookable_slots(self):
        # A whole day: every slot starting in it also ends in it (periods are clipped to the range).
        day, next_day = self.biz.day1, self.biz.day1 + dt.timedelta(days=1)
        start, end = f"{day:%Y%m%d}T000000Z", f"{next_day:%Y%m%d}T000000Z"
        body = (f'<?xml version="1.0"?><c:free-busy-query xmlns:c="{C}"><c:time-range start="{start}" '
                f'end="{end}"/></c:free-busy-query>')
        r = self.srv.request("REPORT", self.cal("carol", "service-cut"), body, user="carol", headers={"Depth": "1"})
        self.assertEqual(r.status, 200, r)
        self.assertIn("text/calendar", r.header("Content-Type"))
        free = re.findall(r"FREEBUSY;FBTYPE=FREE:(\d{8}T\d{6}Z)/(\d{8}T\d{6}Z)", unfold(r.text))
        # The JSON API's availability for the same range gives the same slots.
        q = json.dumps({"serviceId": "cut", "from": f"{day}T00:00:00Z", "to": f"{next_day}T00:00:00Z"})
        a = self.srv.request("POST", "/api/v1/availability/query", q, user="carol",
                             headers={"Content-Type": "application/json"})
        self.assertEqual(a.status, 200, a)
        slots = [(s["start"], s["end"]) for s in json.loads(a.body)["slots"] if s["bookable"]]
        as_ical = [(s.replace("-", "").replace(":", ""), e.replace("-", "").replace(":", "")) for s, e in slots]
        self.assertEqual(sorted(free), sorted(as_ical))
        self.assertGreater(len(free), 20)

    def test_book_appointment_see_it_everywhere_reschedule_cancel(self):
        cut = self.cal("alice", "service-cut")
        start = self.biz.cut_slot + 3 * H
        r = self.put("alice", cut + "hair.ics", booking_event("hair-1", start), If_None_Match="*")
        self.assertEqual(r.status, 201, r)
        self.assertIsNone(r.header("ETag"))
        ev = unfold(self.get("alice", cut + "hair.ics").text)
        self.assertIn("STATUS:CONFIRMED", ev)
        self.assertIn("ORGANIZER", ev)
        self.assertIn("mailto:alice@localhost", ev)
        self.assertRegex(ev, r"ATTENDEE;CN=Sam;CUTYPE=INDIVIDUAL;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:sam@")
        self.assertIn("CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT", ev)
        self.assertIn("X-BOOKDAV-PRICE:20.00 EUR", ev)
        found, _ = responses(self.srv.propfind(self.cal("alice", "bookings"), ["d:getetag"], "alice", "1").body)
        mine = [h for h in found if h.endswith(".ics")]
        self.assertEqual(len(mine), 1)
        self.assertIn("UID:hair-1", self.get("alice", mine[0]).text)
        day = unfold(self.get("sam", self.cal("sam", "resource-sam")).text)
        self.assertIn(ical_time(start), day)
        # The served event PUT back as it is (a calendar app adding an alarm) changes nothing; a
        # different X-BOOKDAV-PARTICIPANTS is refused rather than dropped.
        served = self.get("alice", cut + "hair.ics")
        r = self.put("alice", cut + "hair.ics", served.text, If_Match=served.header("ETag"))
        self.assertEqual(r.status, 204, r)
        more = served.text.replace("X-BOOKDAV-PARTICIPANTS:1", "X-BOOKDAV-PARTICIPANTS:2")
        self.assertNotEqual(more, served.text)
        r = self.put("alice", cut + "hair.ics", more, If_Match=served.header("ETag"))
        self.assertEqual((r.status, self.precondition(r)), (403, "invalid-request"), r)
        self.assertIn("X-BOOKDAV-PARTICIPANTS:1", self.get("alice", cut + "hair.ics").text)
        # Reschedule by moving DTSTART, with If-Match.
        etag = self.get("alice", cut + "hair.ics").header("ETag")
        later = start + 2 * H
        r = self.put("alice", cut + "hair.ics", booking_event("hair-1", later), If_Match=etag)
        self.assertEqual(r.status, 204, r)
        self.assertIn(f"DTSTART:{ical_time(later)}", self.get("alice", mine[0]).text)
        # Cancel by DELETE in bookings/.
        self.assertEqual(self.srv.request("DELETE", mine[0], user="alice").status, 204)
        self.assertEqual(self.get("alice", cut + "hair.ics").status, 404)

    def test_every_refusal(self):
        biz, spin, cut = self.biz, self.cal("bob", "service-spin"), self.cal("bob", "service-cut")
        # Bookings the later cases lean on: a full pilates session and a haircut inside the deadlines.
        self.assertEqual(self.put("carol", self.cal("carol", "service-pilates") + "p.ics",
                                  booking_event("carol-p", biz.pilates_start)).status, 201)
        self.assertEqual(self.put("bob", cut + "soon.ics", booking_event("bob-soon", biz.cut_soon)).status, 201)
        alice_booking = self.put("alice", self.cal("alice", "service-cut") + "a.ics",
                                 booking_event("alice-a", biz.cut_slot + 6 * H))
        self.assertEqual(alice_booking.status, 201)
        found, _ = responses(self.srv.propfind(self.cal("alice", "bookings"), ["d:getetag"], "alice", "1").body)
        alice_href = [h for h in found if h.endswith(".ics")][0]
        alice_id = alice_href.rsplit("/", 1)[1]
        # The admin locks the third spin session.
        sessions = json.loads(self.srv.request(
            "GET", f"/api/v1/sessions?serviceId=spin&from={biz.day1}T00:00:00Z&to={biz.day1 + dt.timedelta(days=5)}T00:00:00Z",
            user="admin").body)["sessions"]
        third = sorted(sessions, key=lambda s: s["start"])[2]
        r = self.srv.request("PATCH", f"/api/v1/sessions/{third['id']}", json.dumps({"locked": True}), user="admin",
                             headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        locked_start = dt.datetime.fromisoformat(third["start"].replace("Z", "+00:00"))

        before = self.state("bob")
        soon_etag = self.get("bob", cut + "soon.ics").header("ETag")
        cases = [
            ("slot-unavailable", 403, "PUT", cut + "x.ics", booking_event("x1", biz.cut_slot + dt.timedelta(minutes=15)), {}),
            ("not-a-session-time", 403, "PUT", spin + "x.ics", booking_event("x2", biz.spin_start + dt.timedelta(minutes=30)), {}),
            ("session-full", 403, "PUT", self.cal("bob", "service-pilates") + "x.ics", booking_event("x3", biz.pilates_start), {}),
            ("session-locked", 403, "PUT", spin + "x.ics", booking_event("x4", locked_start), {}),
            ("too-early", 403, "PUT", cut + "x.ics", booking_event("x5", biz.now.replace(minute=0, second=0) + H), {}),
            ("too-late", 403, "PUT", cut + "x.ics", booking_event("x6", biz.cut_slot + dt.timedelta(days=25)), {}),
            ("too-many-participants", 403, "PUT", spin + "x.ics",
             booking_event("x7", biz.spin_start, extra="X-BOOKDAV-PARTICIPANTS:3\r\n"), {}),
            ("cancellation-closed", 403, "DELETE", cut + "soon.ics", None, {}),
            ("reschedule-closed", 403, "PUT", cut + "soon.ics", booking_event("bob-soon", biz.cut_soon + H),
             {"If-Match": soon_etag}),
            ("not-your-booking", 403, "DELETE", f"/dav/calendars/bob/bookings/{alice_id}", None, {}),
        ]
        for name, status, method, path, body, headers in cases:
            h = dict(headers)
            if body:
                h["Content-Type"] = "text/calendar"
            r = self.srv.request(method, path, body, user="bob", headers=h)
            self.assertEqual(r.status, status, (name, r))
            self.assertEqual(self.precondition(r), name, (name, r))
        self.assertEqual(self.state("bob"), before, "refused requests changed nothing")
        self.assertIn(f"DTSTART:{ical_time(biz.cut_soon)}", self.get("bob", cut + "soon.ics").text)
        self.assertEqual(self.get("alice", alice_href).status, 200)
        # A lost race on the same appointment slot is 409.
        r = self.put("carol", self.cal("carol", "service-cut") + "race.ics", booking_event("c-r", biz.cut_slot + 6 * H))
        self.assertEqual(r.status, 409, r)
        self.assertEqual(self.precondition(r), "slot-unavailable")

    def test_waitlist_and_promotion_through_calendars(self):
        start = self.biz.spin_start + dt.timedelta(days=1)
        spin = lambda u: self.cal(u, "service-spin")  # noqa: E731
        users = ["alice", "bob", "carol", "admin", "sam"]
        hrefs = {}
        # 10 places: five bookings of two.
        for u in users:
            r = self.put(u, spin(u) + "w.ics", booking_event(f"w-{u}", start, extra="X-BOOKDAV-PARTICIPANTS:2\r\n"))
            self.assertEqual(r.status, 201, (u, r))
            hrefs[u] = spin(u) + "w.ics"
        for u in users:
            self.assertIn("X-BOOKDAV-STATUS:CONFIRMED", self.get(u, hrefs[u]).text)
        # One active booking per customer per session: alice cannot take a sixth place as a second booking.
        r = self.put("alice", spin("alice") + "w2.ics", booking_event("w2-alice", start))
        self.assertEqual((r.status, self.precondition(r)), (403, "already-booked"), r)
        r = self.put("dave", spin("dave") + "w2.ics", booking_event("w2-dave", start))
        self.assertEqual(r.status, 201, r)
        waiting = unfold(self.get("dave", spin("dave") + "w2.ics").text)
        self.assertIn("STATUS:TENTATIVE", waiting)
        self.assertIn("X-BOOKDAV-STATUS:WAITLISTED", waiting)
        sync = ('<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>{}</d:sync-token>'
                "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>")
        first = self.srv.request("REPORT", spin("dave"), sync.format(""), user="dave").xml()
        token = first.findtext(f"{{{D}}}sync-token")
        self.assertEqual(self.srv.request("DELETE", hrefs["bob"], user="bob").status, 204)
        self.assertIn("X-BOOKDAV-STATUS:CONFIRMED", self.get("dave", spin("dave") + "w2.ics").text)
        delta = self.srv.request("REPORT", spin("dave"), sync.format(token), user="dave").xml()
        changed = [r.findtext(f"{{{D}}}href") for r in delta.findall(f"{{{D}}}response")]
        self.assertIn(spin("dave") + "w2.ics", changed, "the promotion reaches sync clients")


if __name__ == "__main__":
    unittest.main()
