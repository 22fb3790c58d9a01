"""python3-caldav (Debian's, 0.11) as the customer's calendar app booking with bookdav (DESIGN.md, "Booking through
CalDAV", "Free slots as VFREEBUSY"): principal discovery lists the service calendars and bookings/; the library's
free-busy call on a service calendar answers one FREE period per bookable slot (the JSON API's slots); save_event
books an appointment, a class place and a course; the booking shows in bookings/ through events() and
date_search(); changing DTSTART and save() reschedules; delete() cancels; and every refusal of DESIGN.md's list is
provoked through the library's own calls, which must raise, with status, `urn:bookdav:` precondition and
"nothing changed" checked.

What the library exposes of a refusal (python-caldav 0.11): DAVClient.request() raises
caldav.lib.error.AuthorizationError for every 403 (and 401) answer, before Event.save()/_put() or delete() see the
response (caldav/davclient.py, end of request()). The exception carries only the URL (exc.url) and the HTTP reason
phrase (exc.reason == "Forbidden"): neither the status number nor the DAV:error body with the precondition reaches
the caller, and _put()'s retry-once (python-caldav issue #43) never runs. So each refusal is provoked through the
library's own call, the exception is asserted, and the wire answer of that same call is read with a `requests`
response hook on the library's session (status, DAV:error, `urn:bookdav:` precondition, message); "nothing
changed" is read back through the fixture and the JSON API. A 403 with a DAV:error body naming the precondition is
what RFC 4791 1.3 (403 when a precondition fails and retrying will not help) and RFC 4918 16 (DAV:error naming
it) prescribe, as DESIGN.md's "Refusals" says, so the lost detail is the library's limit, not the server's.

Must run with Debian's /usr/bin/python3."""
import datetime as dt
import json
import os
import sys
import unittest
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import icstext  # noqa: E402
from python_caldav import IMPORT_ERROR, caldav, caldav_error  # noqa: E402
from bookdav_server import B, CS, D, BookdavServer, responses  # noqa: E402
from test_business import TestBusiness, booking_event, ical_time  # noqa: E402


H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
SERVICES = {"cut": "Cut", "spin": "Spin", "pilates": "Pilates", "french": "French A1"}


def home(user):
    return f"/dav/calendars/{user}/"


def vevent_of(text):
    comps = icstext.components(text, "VEVENT")
    assert len(comps) == 1, text
    return comps[0]


def fromtext(t):
    return dt.datetime.strptime(t, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)


def free_periods(text):
    """[(start, end)] of the FREEBUSY;FBTYPE=FREE periods of a VFREEBUSY text."""
    out = []
    for props in icstext.components(text, "VFREEBUSY"):
        for params, value in props.get("FREEBUSY", []):
            if "FBTYPE=FREE" in params.upper():
                out.extend(tuple(p.split("/")) for p in value.split(","))
    return out


class BookingWithPythonCaldav(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer", "carol": "customer", "dave": "customer",
                                       "admin": "admin", "sam": "staff"})
        cls.srv.start()
        cls.biz.load(cls.srv)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def setUp(self):
        self.assertIsNotNone(caldav, IMPORT_ERROR)

    # -- helpers --
    def client(self, user):
        c = caldav.DAVClient(url=self.srv.url + "/", username=user, password=user, timeout=60)
        self.addCleanup(c.close)
        return c

    def calendar(self, client, user, name):
        """The library's Calendar object for a calendar of the user's home, found through discovery."""
        cals = {c.url.path: c for c in client.principal().calendars()}
        self.assertIn(home(user) + name + "/", cals)
        return cals[home(user) + name + "/"]

    def wire(self, client):
        """Every (method, path, status, content type, body) the library's requests session receives."""
        seen = []

        def hook(r, *args, **kwargs):
            seen.append((r.request.method, r.request.path_url, r.status_code, r.headers.get("Content-Type", ""),
                         r.content))

        client.session.hooks["response"].append(hook)
        self.addCleanup(client.session.hooks["response"].remove, hook)
        return seen

    def get(self, user, path):
        return self.srv.request("GET", path, user=user)

    def api(self, method, path, body=None, user="admin"):
        r = self.srv.request(method, path, json.dumps(body) if body is not None else None, user=user,
                             headers={"Content-Type": "application/json"} if body is not None else {})
        self.assertLess(r.status, 300, f"{method} {path}: {r}")
        return json.loads(r.body) if r.body else None

    def bookings_of(self, user):
        """{booking id: booking JSON} of the user's bookings, through the JSON API."""
        got = self.api("GET", "/api/v1/bookings", user=user)
        return {b["id"]: b for b in got["bookings"]}

    def state(self, user):
        """What a refused request must leave alone: the ctag of every calendar in the user's home, the
        bookings/ members with their ETags, and the user's bookings as the JSON API has them."""
        r = self.srv.propfind(home(user), ["cs:getctag"], user, depth="1")
        found, _ = responses(r.body)
        ctags = {h: p[f"{{{CS}}}getctag"].text for h, p in found.items() if f"{{{CS}}}getctag" in p}
        found, _ = responses(self.srv.propfind(home(user) + "bookings/", ["d:getetag"], user, depth="1").body)
        etags = {h: p[f"{{{D}}}getetag"].text for h, p in found.items() if f"{{{D}}}getetag" in p}
        return ctags, etags, self.bookings_of(user)

    def json_slots(self, service, start, end, user="carol"):
        got = self.api("POST", "/api/v1/availability/query",
                       {"serviceId": service, "from": start.isoformat().replace("+00:00", "Z"),
                        "to": end.isoformat().replace("+00:00", "Z")}, user=user)
        return [(s["start"].replace("-", "").replace(":", ""), s["end"].replace("-", "").replace(":", ""))
                for s in got["slots"] if s["bookable"]]

    def assert_refused(self, exc, wire, name, method, path, status=403):
        """The library raised `exc` for the one request `method path`, answered `status` with a DAV:error body
        naming `urn:bookdav:name`."""
        self.assertEqual(exc.reason, "Forbidden", f"{name}: all the library tells of the answer")
        self.assertTrue(str(exc.url).endswith(path), f"{name}: {exc.url}")
        self.assertNotIn(name, str(exc), f"{name}: python-caldav 0.11 drops the body of a 403; if it now shows it, "
                                         "assert on the exception instead")
        writes = [w for w in wire if w[0] in ("PUT", "DELETE")]
        self.assertEqual([(m, p) for m, p, *_ in writes], [(method, path)], f"{name}: the requests the library sent")
        _, _, got_status, ctype, body = writes[0]
        self.assertEqual(got_status, status, f"{name}: {body!r}")
        self.assertTrue(ctype.startswith(("application/xml", "text/xml")), f"{name}: Content-Type {ctype!r}")
        root = ET.fromstring(body)
        self.assertEqual(root.tag, f"{{{D}}}error", body)
        names = [c.tag for c in root if c.tag != f"{{{B}}}message"]
        self.assertEqual(names, [f"{{{B}}}{name}"], f"{name}: precondition element in urn:bookdav: {body!r}")
        self.assertTrue(root.findtext(f"{{{B}}}message"), f"{name}: a sentence a person can read")
        del wire[:]

    # -- discovery --
    def test_principal_lists_service_calendars_and_bookings(self):
        client = self.client("alice")
        principal = client.principal()
        self.assertEqual(principal.url.path, "/dav/principals/alice/")
        self.assertEqual(principal.calendar_home_set.url.path, home("alice"))
        cals = {c.url.path: c for c in principal.calendars()}
        for sid, name in SERVICES.items():
            path = home("alice") + f"service-{sid}/"
            self.assertIn(path, cals, f"service calendar {sid} is listed")
            self.assertEqual(cals[path].get_display_name(), name)
        self.assertIn(home("alice") + "bookings/", cals)
        self.assertEqual(cals[home("alice") + "bookings/"].get_display_name(), "My bookings")
        self.assertFalse([p for p in cals if "/resource-" in p], "customers see no resource calendars")
        self.assertNotIn(home("alice") + "inbox/", cals)
        self.assertNotIn(home("alice") + "outbox/", cals)
        # The library finds a service calendar by its display name too.
        self.assertEqual(principal.calendar(name="Spin").url.path, home("alice") + "service-spin/")
        # What the customer is booking, from the urn:bookdav: properties through the library's PROPFIND.
        props = cals[home("alice") + "service-cut/"].get_properties(
            [_bookdav("service-kind"), _bookdav("duration"), _bookdav("price")])
        self.assertEqual(props[f"{{{B}}}service-kind"], "appointment")
        self.assertEqual(props[f"{{{B}}}duration"], "PT30M")
        self.assertEqual(props[f"{{{B}}}price"], "20.00 EUR")

    # -- free slots --
    def test_free_slots_through_the_library_equal_the_json_slots(self):
        client = self.client("carol")

        def whole_day(d):
            start = dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc)
            return start, start + dt.timedelta(days=1)

        later = self.biz.day1 + dt.timedelta(days=3)  # a day no other test books on
        for sid, day in (("cut", later), ("spin", later), ("french", self.biz.day1), ("french", later)):
            with self.subTest(service=sid, day=str(day)):
                start, end = whole_day(day)
                cal = self.calendar(client, "carol", f"service-{sid}")
                fb = cal.freebusy_request(start, end)
                self.assertIsInstance(fb, caldav.FreeBusy)
                vfb = fb.icalendar_instance.walk("VFREEBUSY")
                self.assertEqual(len(vfb), 1, fb.data)
                self.assertIn("DTSTAMP", vfb[0])
                self.assertEqual(vfb[0]["DTSTART"].dt, start)
                self.assertEqual(vfb[0]["DTEND"].dt, end)
                # The library's icalendar view and the text agree on the number of FREE lines.
                lines = vfb[0].get("FREEBUSY", [])
                lines = lines if isinstance(lines, list) else [lines]
                free = free_periods(fb.data)
                self.assertEqual(len([p for p in lines if p.params.get("FBTYPE") == "FREE"]), len(free), fb.data)
                self.assertEqual(sorted(free), sorted(self.json_slots(sid, start, end)), "FREE = the JSON slots")
                if sid == "cut":
                    # 30-minute slots around the clock, one period each, never merged.
                    self.assertEqual(len(free), 48, fb.data)
                    self.assertTrue(all(fromtext(e) - fromtext(s) == 30 * M for s, e in free), free)
                elif sid == "spin":
                    self.assertEqual(free, [(f"{day:%Y%m%d}T180000Z", f"{day:%Y%m%d}T184500Z")],
                                     "the spin session of the day, with places left")
                elif day == self.biz.day1:
                    self.assertEqual(free, [(ical_time(self.biz.french_start), ical_time(self.biz.french_start + H))],
                                     "the course is bookable at its first session")
                else:
                    self.assertEqual(free, [], "no course starts on a later day")

    # -- booking, seeing, rescheduling, cancelling --
    def test_book_appointment_see_it_reschedule_cancel(self):
        client = self.client("alice")
        cut = self.calendar(client, "alice", "service-cut")
        bookings = self.calendar(client, "alice", "bookings")
        start = self.biz.cut_slot + 4 * H
        fb_before = free_periods(cut.freebusy_request(start - H, start + H).data)
        self.assertIn((ical_time(start), ical_time(start + 30 * M)), fb_before, "books at a FREE period's start")
        ev = cut.save_event(booking_event("py-cut-1", start))
        self.assertEqual(ev.url.path, home("alice") + "service-cut/py-cut-1.ics")
        # The server stored its own event (RFC 4791 5.3.4): reloading gives the booking.
        ev.load()
        stored = vevent_of(ev.data)
        self.assertEqual(icstext.first(stored, "STATUS"), "CONFIRMED")
        self.assertEqual(icstext.first(stored, "X-BOOKDAV-STATUS"), "CONFIRMED")
        # bookings/ through the library: events() (calendar-query) and date_search().
        mine = [e for e in bookings.events() if "UID:py-cut-1" in e.data]
        self.assertEqual(len(mine), 1, [e.data for e in bookings.events()])
        booked = mine[0]
        self.assertRegex(booked.url.path, r"^/dav/calendars/alice/bookings/booking-\d+\.ics$")
        v = vevent_of(booked.data)
        self.assertEqual(icstext.first(v, "DTSTART"), ical_time(start))
        self.assertEqual(icstext.first(v, "STATUS"), "CONFIRMED")
        self.assertEqual(icstext.first(v, "X-BOOKDAV-STATUS"), "CONFIRMED")
        attendees = {value.lower(): params.upper() for params, value in v["ATTENDEE"]}
        self.assertIn("mailto:alice@localhost", attendees)
        self.assertIn("CUTYPE=INDIVIDUAL", attendees["mailto:sam@resources.localhost"])
        self.assertIn("ROLE=NON-PARTICIPANT", attendees["mailto:sam@resources.localhost"])
        self.assertIn("CUTYPE=RESOURCE", attendees["mailto:chair@localhost"])
        self.assertIn("ROLE=NON-PARTICIPANT", attendees["mailto:chair@localhost"])
        found = bookings.date_search(start - H, start + H)
        self.assertEqual([e.url.path for e in found], [booked.url.path])
        self.assertEqual(bookings.date_search(start + 2 * H, start + 3 * H), [])
        # The slot is taken: no FREE period starts there any more.
        fb_after = free_periods(cut.freebusy_request(start - H, start + H).data)
        self.assertNotIn((ical_time(start), ical_time(start + 30 * M)), fb_after)
        booking_id = int(icstext.first(v, "X-BOOKDAV-BOOKING"))
        self.assertEqual(self.bookings_of("alice")[booking_id]["status"], "CONFIRMED")

        # Reschedule: the calendar app moves the event (DTSTART and DTEND) and saves it.
        later = start + 2 * H
        vev = booked.icalendar_instance.walk("VEVENT")[0]
        vev["DTSTART"].dt = later
        vev["DTEND"].dt = later + 30 * M
        booked.save()
        moved = vevent_of(self.get("alice", booked.url.path).text)
        self.assertEqual(icstext.first(moved, "DTSTART"), ical_time(later))
        self.assertEqual(icstext.first(moved, "DTEND"), ical_time(later + 30 * M))
        self.assertEqual(icstext.first(vevent_of(self.get("alice", ev.url.path).text), "DTSTART"), ical_time(later),
                         "the service calendar shows the move too")
        api = self.bookings_of("alice")[booking_id]
        self.assertTrue(api["start"].startswith(later.strftime("%Y-%m-%dT%H:%M")), api)
        self.assertIn((ical_time(start), ical_time(start + 30 * M)),
                      free_periods(cut.freebusy_request(start - H, start + H).data), "the old slot is free again")

        # Cancel: delete() of the event in bookings/.
        bookings.event_by_url(booked.url.path).delete()
        self.assertEqual(self.get("alice", booked.url.path).status, 404)
        self.assertEqual(self.get("alice", ev.url.path).status, 404)
        self.assertEqual([e for e in bookings.events() if "UID:py-cut-1" in e.data], [])
        self.assertEqual(self.bookings_of("alice")[booking_id]["status"], "CANCELED")

    def test_join_class_session_and_book_course(self):
        client = self.client("dave")
        spin = self.calendar(client, "dave", "service-spin")
        french = self.calendar(client, "dave", "service-french")
        bookings = self.calendar(client, "dave", "bookings")
        session = self.biz.spin_start + dt.timedelta(days=4)
        ev = spin.save_event(booking_event("py-spin-1", session, extra="X-BOOKDAV-PARTICIPANTS:2\r\n"))
        self.assertEqual(ev.url.path, home("dave") + "service-spin/py-spin-1.ics")
        ev.load()
        v = vevent_of(ev.data)
        self.assertEqual(icstext.first(v, "DTSTART"), ical_time(session))
        self.assertEqual(icstext.first(v, "STATUS"), "CONFIRMED")
        self.assertEqual(icstext.first(v, "X-BOOKDAV-STATUS"), "CONFIRMED")
        self.assertEqual(icstext.first(v, "X-BOOKDAV-PARTICIPANTS"), "2")
        attendees = {value.lower(): params.upper() for params, value in v["ATTENDEE"]}
        self.assertIn("CUTYPE=INDIVIDUAL", attendees["mailto:tara@localhost"])
        self.assertIn("CUTYPE=ROOM", attendees["mailto:hall@localhost"])
        # The session shows two places fewer in the service calendar, through the library's date_search.
        around = spin.date_search(session - M, session + M)
        sessions = [vevent_of(e.data) for e in around if "X-BOOKDAV-SESSION" in e.data
                    and "X-BOOKDAV-BOOKING" not in e.data]
        self.assertEqual([icstext.first(s, "X-BOOKDAV-PLACES-LEFT") for s in sessions], ["8"])
        # The course: booked at its first session, pending approval, every session as RDATE.
        ev = french.save_event(booking_event("py-french-1", self.biz.french_start))
        ev.load()
        v = vevent_of(ev.data)
        self.assertEqual(icstext.first(v, "STATUS"), "TENTATIVE")
        self.assertEqual(icstext.first(v, "X-BOOKDAV-STATUS"), "PENDING")
        rdates = [p for params, value in v.get("RDATE", []) for p in value.split(",")]
        week = dt.timedelta(days=7)
        # Every session, the first included (a repeated DTSTART counts once, RFC 5545 3.8.5.2).
        self.assertEqual(rdates, [ical_time(self.biz.french_start + i * week) for i in range(4)])
        uids = sorted(icstext.first(vevent_of(e.data), "UID") for e in bookings.events())
        self.assertEqual(uids, ["py-french-1", "py-spin-1"])

    def test_events_in_the_services_zone_read_and_move_through_the_library(self):
        # A class in Europe/Madrid: bookdav serves its events with TZID=Europe/Madrid and the VTIMEZONE (storage
        # stays UTC); the library's icalendar reads them as Madrid times, and a move saved back reschedules.
        madrid = ZoneInfo("Europe/Madrid")
        day = self.biz.day1
        starts = [dt.datetime(day.year, day.month, day.day, 19, tzinfo=madrid) + i * dt.timedelta(days=1)
                  for i in range(3)]
        self.api("PUT", "/api/v1/services/tapas", {
            "kind": "class", "name": "Tapas", "timezone": "Europe/Madrid", "duration": "PT1H", "capacity": 4,
            "schedule": {"weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "time": "19:00",
                                     "from": day.isoformat(), "count": 3}]}})
        client = self.client("carol")
        tapas = self.calendar(client, "carol", "service-tapas")
        ev = tapas.save_event(booking_event("py-tapas-1", starts[0].astimezone(dt.timezone.utc)))
        ev.load()
        self.assertIn("DTSTART;TZID=Europe/Madrid:", ev.data)
        self.assertIn("BEGIN:VTIMEZONE", ev.data)
        vev = ev.icalendar_instance.walk("VEVENT")[0]
        self.assertEqual(vev["DTSTART"].dt, starts[0])
        self.assertEqual(str(vev["DTSTART"].dt.tzinfo), "Europe/Madrid")
        self.assertEqual(vev["DTEND"].dt - vev["DTSTART"].dt, H)
        # The calendar app moves it to the next evening's session.
        vev["DTSTART"].dt = starts[1]
        vev["DTEND"].dt = starts[1] + H
        ev.save()
        booking = [b for b in self.bookings_of("carol").values() if b["uid"] == "py-tapas-1"]
        self.assertEqual([b["start"] for b in booking],
                         [starts[1].astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")])
        moved = vevent_of(self.get("carol", ev.url.path).text)
        self.assertEqual(icstext.first(moved, "DTSTART"), starts[1].strftime("%Y%m%dT%H%M%S"))

    # -- refusals --
    def test_every_refusal_through_the_library(self):
        biz = self.biz
        bob = self.client("bob")
        cut, spin = self.calendar(bob, "bob", "service-cut"), self.calendar(bob, "bob", "service-spin")
        pilates, bookings = self.calendar(bob, "bob", "service-pilates"), self.calendar(bob, "bob", "bookings")
        # What the later cases lean on: carol fills the first pilates session (1 place), bob books a haircut inside
        # the cancellation and reschedule deadlines, alice has a booking of her own, the admin locks a session.
        carol = self.client("carol")
        self.calendar(carol, "carol", "service-pilates").save_event(booking_event("py-carol-p", biz.pilates_start))
        soon = cut.save_event(booking_event("py-bob-soon", biz.cut_soon))
        alice = self.client("alice")
        self.calendar(alice, "alice", "service-cut").save_event(booking_event("py-alice-a", biz.cut_slot + 7 * H))
        alice_href = [e.url.path for e in self.calendar(alice, "alice", "bookings").events()
                      if "UID:py-alice-a" in e.data]
        self.assertEqual(len(alice_href), 1)
        alice_name = alice_href[0].rsplit("/", 1)[1]
        sessions = self.api("GET", f"/api/v1/sessions?serviceId=spin&from={biz.day1}T00:00:00Z"
                                   f"&to={biz.day1 + dt.timedelta(days=5)}T00:00:00Z")["sessions"]
        third = sorted(sessions, key=lambda s: s["start"])[2]
        self.api("PATCH", f"/api/v1/sessions/{third['id']}", {"locked": True})
        locked_start = dt.datetime.fromisoformat(third["start"].replace("Z", "+00:00"))

        before = self.state("bob")
        soon_text = self.get("bob", soon.url.path).text
        wire = self.wire(bob)
        new_bookings = [
            ("slot-unavailable", cut, booking_event("py-x1", biz.cut_slot + 15 * M)),
            ("not-a-session-time", spin, booking_event("py-x2", biz.spin_start + 30 * M)),
            ("session-full", pilates, booking_event("py-x3", biz.pilates_start)),
            ("session-locked", spin, booking_event("py-x4", locked_start)),
            ("too-early", cut, booking_event("py-x5", biz.now.replace(minute=0, second=0) + H)),
            ("too-late", cut, booking_event("py-x6", biz.cut_slot + dt.timedelta(days=25))),
            ("too-many-participants", spin,
             booking_event("py-x7", biz.spin_start, extra="X-BOOKDAV-PARTICIPANTS:3\r\n")),
        ]
        for name, cal, body in new_bookings:
            with self.subTest(refusal=name):
                path = cal.url.path + vevent_of(body)["UID"][0][1] + ".ics"
                with self.assertRaises(caldav_error.AuthorizationError) as ctx:
                    cal.save_event(body)
                self.assert_refused(ctx.exception, wire, name, "PUT", path)
                self.assertEqual(self.get("bob", path).status, 404, f"{name}: nothing was stored")
        # Cancel inside the cancellation deadline: delete() of the event as the library loaded it.
        with self.subTest(refusal="cancellation-closed"):
            ev = cut.event_by_url(soon.url.path)
            del wire[:]
            with self.assertRaises(caldav_error.AuthorizationError) as ctx:
                ev.delete()
            self.assert_refused(ctx.exception, wire, "cancellation-closed", "DELETE", soon.url.path)
        # Reschedule inside the reschedule deadline: move DTSTART (and DTEND) and save().
        with self.subTest(refusal="reschedule-closed"):
            ev = cut.event_by_url(soon.url.path)
            vev = ev.icalendar_instance.walk("VEVENT")[0]
            vev["DTSTART"].dt = biz.cut_soon + H
            vev["DTEND"].dt = biz.cut_soon + H + 30 * M
            del wire[:]
            with self.assertRaises(caldav_error.AuthorizationError) as ctx:
                ev.save()
            self.assert_refused(ctx.exception, wire, "reschedule-closed", "PUT", soon.url.path)
        # Another customer's booking, named in bob's own bookings/: the library's Event at that URL, delete().
        with self.subTest(refusal="not-your-booking"):
            other = caldav.Event(client=bob, url=bookings.url.join(alice_name), parent=bookings)
            self.assertEqual(str(other.url.path), f"/dav/calendars/bob/bookings/{alice_name}")
            with self.assertRaises(caldav_error.AuthorizationError) as ctx:
                other.delete()
            self.assert_refused(ctx.exception, wire, "not-your-booking", "DELETE", other.url.path)

        # Nothing changed, read back through the fixture.
        self.assertEqual(self.state("bob"), before, "refused requests changed nothing")
        self.assertEqual(self.get("bob", soon.url.path).text, soon_text)
        self.assertEqual(self.get("alice", alice_href[0]).status, 200)


def _bookdav(name):
    """A PROPFIND element in the urn:bookdav: namespace, built with the library's element classes."""
    from caldav.elements.base import ValuedBaseElement

    class Prop(ValuedBaseElement):
        tag = f"{{{B}}}{name}"

    return Prop()


if __name__ == "__main__":
    unittest.main()
