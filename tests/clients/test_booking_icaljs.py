"""ical.js (npm) parses every booking body bookdav serves (DESIGN.md, "Booking through CalDAV", "Free slots as
VFREEBUSY", "URL space"): GET of booking events (appointment, class, waitlisted class, pending course with RDATE
periods) from bookings/ and from service-<id>/, GET of service calendars (sessions plus the customer's bookings),
the bookings/ export and its secret feed (PROPPATCH {urn:bookdav:}feed-url, whose answer shows the URL once; GET
without login), the staff member's resource-<id>/ calendar, free-busy-query answers on service and resource calendars, and the
outbox's free/busy reply for a resource and a customer. For each body, through tests/clients/js/icaljs_check.mjs:
ical.js parses it and round-trips it to the same jCal, values decorate, no X-LIC-ERROR, VERSION and PRODID,
DTSTAMP on every VEVENT/VFREEBUSY, CRLF line ends and lines folded at 75 octets; and ical.js reads the right
DTSTART, STATUS, ATTENDEE, RDATE occurrences and FREEBUSY periods."""
import datetime as dt
import json
import os
import sys
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import icstext  # noqa: E402
import nodejs  # noqa: E402
from bookdav_server import B, C, BookdavServer, responses  # noqa: E402
from test_business import TestBusiness, booking_event, ical_time  # noqa: E402

H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
HOME = "/dav/calendars/alice/"
SAM = "mailto:sam@resources.localhost"
CHAIR = "mailto:chair@localhost"
TARA = "mailto:tara@localhost"
HALL = "mailto:hall@localhost"
ALICE = "mailto:alice@localhost"


def js_utc(t):
    """An instant as ical.js prints a UTC time (ICAL.Time.toString)."""
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class BookingBodiesWithIcalJs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        fillers = {f"filler{i}": "customer" for i in range(5)}
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer", "sam": "staff", "admin": "admin",
                                       **fillers}).start()
        cls.bodies, cls.raw, cls.errors = {}, {}, {}
        try:
            cls.biz.load(cls.srv)
            cls.collect()
        finally:
            cls.results, cls.setup_error = nodejs.check_with_icaljs(cls.bodies)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    # -- what bookdav serves --
    @classmethod
    def collect(cls):
        srv, biz = cls.srv, cls.biz
        cls.full_spin = biz.spin_start + dt.timedelta(days=1)

        def book(service, name, start, extra="", user="alice"):
            home = HOME.replace("/alice/", f"/{user}/")
            r = srv.request("PUT", f"{home}service-{service}/{name}.ics", booking_event(f"ij-{name}", start, extra=extra),
                            user=user, headers={"Content-Type": "text/calendar; charset=utf-8"})
            assert r.status == 201, (name, r)

        book("cut", "cut", biz.cut_slot)
        book("spin", "spin", biz.spin_start)
        for i in range(5):  # ten places of the next spin session, two at a time (one booking each customer)
            book("spin", f"full{i}", cls.full_spin, "X-BOOKDAV-PARTICIPANTS:2\r\n", user=f"filler{i}")
        book("spin", "wait", cls.full_spin)
        book("french", "french", biz.french_start)

        def text_calendar(name, resp, raw=True):
            if resp.status != 200:
                cls.errors[name] = f"{resp.status} {resp.text[:300]}"
                return
            ctype = (resp.header("Content-Type") or "").lower()
            if not ctype.startswith("text/calendar"):
                cls.errors[name] = f"Content-Type {ctype!r}, expected text/calendar"
            if raw:
                cls.raw[name] = resp.body
            cls.bodies[name] = resp.body.decode("utf-8")

        # Booking events, from bookings/ (booking-<id>.ics) and from the service calendar (the client's href).
        found, _ = responses(srv.propfind(HOME + "bookings/", ["d:getetag"], "alice", depth="1").body)
        cls.booking_hrefs = {}
        for href in sorted(h for h in found if h.endswith(".ics")):
            text = srv.request("GET", href, user="alice").text
            cls.booking_hrefs[icstext.first(icstext.components(text, "VEVENT")[0], "UID")] = href
        for key in ("cut", "spin", "wait", "french"):
            href = cls.booking_hrefs.get(f"ij-{key}")
            if href is None:
                cls.errors[f"booking:{key}"] = f"ij-{key} is not in bookings/: {sorted(cls.booking_hrefs)}"
                continue
            text_calendar(f"booking:{key}", srv.request("GET", href, user="alice"))
            service = {"wait": "spin"}.get(key, key)
            text_calendar(f"service-object:{key}", srv.request("GET", f"{HOME}service-{service}/{key}.ics", user="alice"))
        # A course in Europe/Madrid, booked by bob: its events carry TZID=Europe/Madrid and the VTIMEZONE.
        madrid = ZoneInfo("Europe/Madrid")
        first = dt.datetime(biz.day1.year, biz.day1.month, biz.day1.day, 19, tzinfo=madrid)
        cls.madrid_starts = [first + i * dt.timedelta(days=7) for i in range(3)]
        course = {"kind": "course", "name": "Madrid", "timezone": "Europe/Madrid", "duration": "PT1H", "capacity": 5,
                  "schedule": {"weekly": [{"days": [biz.day1.strftime("%a")[:2].upper()], "time": "19:00",
                                           "from": biz.day1.isoformat(), "count": 3}]}}
        r = srv.request("PUT", "/api/v1/services/madrid", json.dumps(course), user="admin",
                        headers={"Content-Type": "application/json"})
        assert r.status == 201, r
        book("madrid", "madrid", cls.madrid_starts[0], user="bob")
        bob = "/dav/calendars/bob/"
        found, _ = responses(srv.propfind(bob + "bookings/", ["d:getetag"], "bob", depth="1").body)
        for href in sorted(h for h in found if h.endswith(".ics")):
            text_calendar("booking:madrid", srv.request("GET", href, user="bob"))
        text_calendar("service-object:madrid", srv.request("GET", bob + "service-madrid/madrid.ics", user="bob"))
        text_calendar("export:service-madrid", srv.request("GET", bob + "service-madrid/", user="bob"))
        # Whole calendars (export).
        for service in ("cut", "spin", "french"):
            text_calendar(f"export:service-{service}", srv.request("GET", f"{HOME}service-{service}/", user="alice"))
        text_calendar("export:bookings", srv.request("GET", HOME + "bookings/", user="alice"))
        text_calendar("export:resource-sam", srv.request("GET", "/dav/calendars/sam/resource-sam/", user="sam"))
        # The bookings/ feed: set {urn:bookdav:}feed-url, whose URL the PROPPATCH answer shows (once),
        # GET it without login.
        pp = ('<?xml version="1.0" encoding="utf-8"?><d:propertyupdate xmlns:d="DAV:" xmlns:b="urn:bookdav:">'
              "<d:set><d:prop><b:feed-url/></d:prop></d:set></d:propertyupdate>")
        r = srv.request("PROPPATCH", HOME + "bookings/", pp, user="alice",
                        headers={"Content-Type": "application/xml; charset=utf-8"})
        found, _ = responses(r.body) if r.status == 207 else ({}, {})
        feed = found.get(HOME + "bookings/", {}).get(f"{{{B}}}feed-url")
        cls.feed_url = feed.text if feed is not None else None
        if r.status != 207 or not cls.feed_url:
            cls.errors["feed"] = f"PROPPATCH feed-url: {r.status} {r.text[:300]}; it showed {cls.feed_url!r}"
        else:
            text_calendar("feed:bookings", srv.request("GET", urllib.parse.urlsplit(cls.feed_url).path))
        # free-busy-query (RFC 4791 7.10) on service calendars (as alice) and on sam's resource calendar (as sam).
        day = biz.day1
        cls.fb_range = (dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc),
                        dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc) + dt.timedelta(days=2))

        def freebusy(name, path, user):
            body = (f'<?xml version="1.0" encoding="utf-8"?><C:free-busy-query xmlns:C="{C}"><C:time-range '
                    f'start="{ical_time(cls.fb_range[0])}" end="{ical_time(cls.fb_range[1])}"/></C:free-busy-query>')
            text_calendar(name, srv.request("REPORT", path, body, user=user,
                                            headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}))

        for service in ("cut", "spin", "french"):
            freebusy(f"freebusy:service-{service}", f"{HOME}service-{service}/", "alice")
        freebusy("freebusy:resource-sam", "/dav/calendars/sam/resource-sam/", "sam")
        # The outbox (RFC 6638 5): alice asks for sam (a resource principal) and bob (a customer).
        cls.outbox_range = (biz.cut_slot - 2 * H, biz.cut_slot + 2 * H)
        request = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav tests//EN\r\nMETHOD:REQUEST\r\n"
                   "BEGIN:VFREEBUSY\r\nUID:ij-fbreq\r\nDTSTAMP:20260101T000000Z\r\n"
                   f"DTSTART:{ical_time(cls.outbox_range[0])}\r\nDTEND:{ical_time(cls.outbox_range[1])}\r\n"
                   f"ORGANIZER:{ALICE}\r\nATTENDEE:{SAM}\r\nATTENDEE:mailto:bob@localhost\r\n"
                   "END:VFREEBUSY\r\nEND:VCALENDAR\r\n")
        r = srv.request("POST", HOME + "outbox/", request, user="alice",
                        headers={"Content-Type": "text/calendar; charset=utf-8"})
        if r.status != 200:
            cls.errors["outbox"] = f"{r.status} {r.text[:300]}"
        else:
            cls.outbox_status = {}
            for resp in ET.fromstring(r.body).findall(f"{{{C}}}response"):
                who = resp.findtext(f"{{{C}}}recipient/{{DAV:}}href")
                cls.outbox_status[who] = resp.findtext(f"{{{C}}}request-status")
                data = resp.findtext(f"{{{C}}}calendar-data")
                if data is not None:
                    cls.bodies[f"outbox:{who}"] = data
                    # The calendar-data's CRs come as &#13; character references, which XML end-of-line
                    # handling keeps: the text is the iCalendar object with its CRLFs.
                    cls.raw[f"outbox:{who}"] = data.encode("utf-8")

    # -- checks every body must pass --
    def setUp(self):
        self.assertIsNone(self.setup_error, self.setup_error)

    def body(self, name):
        source = name.split(":")[0]
        for key in (name, source):
            if key in self.errors:
                self.fail(f"bookdav did not serve {name}: {self.errors[key]}")
        self.assertIn(name, self.bodies, f"{name} was not collected")
        return self.bodies[name]

    def check_strict(self, name):
        text = self.body(name)
        r = self.results.get(name)
        self.assertIsNotNone(r, f"ical.js did not report on {name}")
        self.assertTrue(r["ok"], f"ical.js cannot parse {name}: {r.get('error')}\n--- body:\n{text}")
        self.assertEqual(r["problems"], [], f"{name}: ical.js found invalid values")
        self.assertTrue(r["roundtrip"], f"{name}: ical.js does not round-trip it to the same jCal")
        self.assertNotIn("X-LIC-ERROR", text.upper(), f"{name}: libical parse errors leaked into the output")
        vcal = r["components"][0]
        self.assertEqual(vcal["name"], "VCALENDAR")
        self.assertEqual([p["value"] for p in vcal["props"].get("VERSION", [])], ["2.0"], f"{name}: VERSION")
        self.assertEqual(len(vcal["props"].get("PRODID", [])), 1, f"{name}: PRODID (RFC 5545 3.6)")
        for c in r["components"]:
            if c["name"] in ("VEVENT", "VFREEBUSY"):
                self.assertEqual(len(c["props"].get("DTSTAMP", [])), 1,
                                 f"{name}: {c['path']} needs exactly one DTSTAMP (RFC 5545 3.6.1/3.6.4)")
                self.assertEqual(c["props"]["DTSTAMP"][0]["type"], "date-time", name)
            if c["name"] == "VEVENT":
                self.assertEqual(len(c["props"].get("UID", [])), 1, f"{name}: {c['path']} needs one UID")
        raw = self.raw.get(name)
        self.assertIsNotNone(raw, f"{name}: no raw body")
        self.assertTrue(raw.endswith(b"\r\n"), f"{name}: last line not CRLF-terminated")
        stripped = raw.replace(b"\r\n", b"")
        self.assertNotIn(b"\n", stripped, f"{name}: bare LF line ending (RFC 5545 3.1 wants CRLF)")
        self.assertNotIn(b"\r", stripped, f"{name}: bare CR")
        for i, line in enumerate(raw[:-2].split(b"\r\n")):
            self.assertLessEqual(len(line), 75, f"{name}: line {i + 1} is {len(line)} octets (RFC 5545 3.1): {line!r}")
            self.assertTrue(line, f"{name}: empty line {i + 1}")
        return r

    def comps(self, r, cname):
        return [c for c in r["components"] if c["name"] == cname]

    def event(self, r, uid):
        found = [c["props"] for c in self.comps(r, "VEVENT") if c["props"]["UID"][0]["value"] == uid]
        self.assertEqual(len(found), 1, f"one VEVENT {uid}: {[c['props']['UID'][0]['value'] for c in self.comps(r, 'VEVENT')]}")
        return found[0]

    def one(self, props, name):
        self.assertEqual(len(props.get(name, [])), 1, f"one {name}")
        return props[name][0]

    def attendees(self, props):
        """{address: {PARAM: value}} of the ATTENDEE lines as ical.js reads them (cal-address values)."""
        out = {}
        for a in props.get("ATTENDEE", []):
            self.assertEqual(a["type"], "cal-address")
            out[a["values"][0].lower()] = {k: (v.upper() if isinstance(v, str) else v) for k, v in a["params"].items()}
        return out

    def check_booking(self, props, start, end, status, bookdav_status, resources):
        dtstart = self.one(props, "DTSTART")
        self.assertEqual((dtstart["type"], dtstart["values"][0]), ("date-time", js_utc(start)))
        self.assertEqual(self.one(props, "DTEND")["values"][0], js_utc(end))
        self.assertEqual(self.one(props, "STATUS")["values"][0], status)
        self.assertEqual(self.one(props, "X-BOOKDAV-STATUS")["values"][0], bookdav_status)
        self.assertIn("mailto:bookings@", self.one(props, "ORGANIZER")["values"][0])
        att = self.attendees(props)
        self.assertEqual(att[ALICE]["CUTYPE"], "INDIVIDUAL")
        self.assertEqual(att[ALICE]["ROLE"], "REQ-PARTICIPANT")
        for address, cutype in resources.items():
            self.assertIn(address, att, f"resource {address} as ATTENDEE")
            self.assertEqual((att[address]["CUTYPE"], att[address]["ROLE"]), (cutype, "NON-PARTICIPANT"), address)
        self.assertEqual(sorted(att), sorted([ALICE, *resources]))

    def free_busy(self, r):
        """[(FBTYPE, period as served)] of the one VFREEBUSY, as ical.js reads them."""
        fbs = self.comps(r, "VFREEBUSY")
        self.assertEqual(len(fbs), 1, "one VFREEBUSY")
        out = []
        for p in fbs[0]["props"].get("FREEBUSY", []):
            self.assertEqual(p["type"], "period", "FREEBUSY values are PERIODs")
            out.extend((p["params"].get("FBTYPE", "BUSY"), v) for v in p["value"].split(","))
        return fbs[0]["props"], out

    # -- booking events --
    def test_appointment_event(self):
        start = self.biz.cut_slot
        for name in ("booking:cut", "service-object:cut"):
            with self.subTest(body=name):
                r = self.check_strict(name)
                ev = self.event(r, "ij-cut")
                self.check_booking(ev, start, start + 30 * M, "CONFIRMED", "CONFIRMED",
                                   {SAM: "INDIVIDUAL", CHAIR: "RESOURCE"})
                self.assertEqual(r["occurrences"]["ij-cut"], [js_utc(start)])

    def test_class_event(self):
        start = self.biz.spin_start
        for name in ("booking:spin", "service-object:spin"):
            with self.subTest(body=name):
                ev = self.event(self.check_strict(name), "ij-spin")
                self.check_booking(ev, start, start + 45 * M, "CONFIRMED", "CONFIRMED",
                                   {TARA: "INDIVIDUAL", HALL: "ROOM"})

    def test_waitlisted_class_event(self):
        start = self.full_spin
        for name in ("booking:wait", "service-object:wait"):
            with self.subTest(body=name):
                ev = self.event(self.check_strict(name), "ij-wait")
                self.check_booking(ev, start, start + 45 * M, "TENTATIVE", "WAITLISTED",
                                   {TARA: "INDIVIDUAL", HALL: "ROOM"})
                self.assertEqual(self.attendees(ev)[ALICE]["PARTSTAT"], "TENTATIVE")

    def test_pending_course_event_lists_every_session(self):
        start, week = self.biz.french_start, dt.timedelta(days=7)
        for name in ("booking:french", "service-object:french"):
            with self.subTest(body=name):
                r = self.check_strict(name)
                ev = self.event(r, "ij-french")
                self.check_booking(ev, start, start + H, "TENTATIVE", "PENDING", {TARA: "INDIVIDUAL", HALL: "ROOM"})
                rdate = self.one(ev, "RDATE")
                self.assertEqual(rdate["type"], "date-time", "RDATE date-times: the sessions are equally long")
                # Every session, the first (DTSTART) included: RFC 5545 counts a repeated instance once, and
                # ical.js never yields DTSTART of an RDATE-only event (kewisch/ical.js#534, not merged).
                self.assertEqual(rdate["value"].split(","), [ical_time(start + i * week) for i in range(4)])

    def test_icaljs_iterator_expands_the_course(self):
        """ical.js's own recurrence expansion (ICAL.Event.iterator() + getOccurrenceDetails(), the pattern its
        docs give) gives the course's four sessions. (With RDATE;VALUE=PERIOD, ical.js 2.2.1 throws
        "occurrence.convertToZone is not a function", kewisch/ical.js#640, so bookdav writes date-times.)"""
        start, week = self.biz.french_start, dt.timedelta(days=7)
        for name in ("booking:french", "export:bookings", "feed:bookings", "export:service-french"):
            with self.subTest(body=name):
                r = self.check_strict(name)
                self.assertEqual(r["expansionErrors"], {}, f"{name}: ical.js could not expand")
                self.assertEqual(r["occurrences"]["ij-french"], [js_utc(start + i * week) for i in range(4)])

    def test_events_carry_the_services_zone(self):
        want = [js_utc(t) for t in self.madrid_starts]
        for name in ("booking:madrid", "service-object:madrid", "export:service-madrid"):
            with self.subTest(body=name):
                r = self.check_strict(name)
                zones = [c["props"]["TZID"][0]["values"][0] for c in self.comps(r, "VTIMEZONE")]
                self.assertEqual(zones, ["Europe/Madrid"], "one VTIMEZONE, named by its Olson name")
                events = [c["props"] for c in self.comps(r, "VEVENT")]
                for e in events:
                    for prop in ("DTSTART", "DTEND"):
                        self.assertEqual(e[prop][0]["params"].get("TZID"), "Europe/Madrid", f"{prop} of {e['UID']}")
                booking = [e for e in events if "X-BOOKDAV-BOOKING" in e]
                self.assertEqual(len(booking), 1)
                self.assertEqual(booking[0]["RDATE"][0]["params"].get("TZID"), "Europe/Madrid")
                # ical.js reads the local times through the VTIMEZONE back to the right instants.
                self.assertEqual(r["occurrences"]["ij-madrid"], want)
                sessions = sorted(r["occurrences"][e["UID"][0]["value"]][0] for e in events
                                  if "X-BOOKDAV-BOOKING" not in e)
                self.assertEqual(sessions, want if name.startswith("export") else [])

    # -- whole calendars --
    def test_service_calendar_exports(self):
        biz, day = self.biz, dt.timedelta(days=1)
        want_sessions = {"cut": [], "spin": [biz.spin_start + i * day for i in range(10)],
                         "french": [biz.french_start + i * dt.timedelta(days=7) for i in range(4)]}
        want_bookings = {"cut": ["ij-cut"], "spin": ["ij-spin", "ij-wait"],
                         "french": ["ij-french"]}
        for service in ("cut", "spin", "french"):
            with self.subTest(service=service):
                r = self.check_strict(f"export:service-{service}")
                events = [c["props"] for c in self.comps(r, "VEVENT")]
                sessions = sorted(e["DTSTART"][0]["values"][0] for e in events if "X-BOOKDAV-SESSION" in e
                                  and "X-BOOKDAV-BOOKING" not in e)
                self.assertEqual(sessions, [js_utc(t) for t in want_sessions[service]], "the service's sessions")
                bookings = sorted(e["UID"][0]["value"] for e in events if "X-BOOKDAV-BOOKING" in e)
                self.assertEqual(bookings, sorted(want_bookings[service]), "alice's own bookings of the service")
                if service == "spin":
                    full = [e for e in events if "X-BOOKDAV-BOOKING" not in e
                            and e["DTSTART"][0]["values"][0] == js_utc(self.full_spin)]
                    self.assertEqual([e["X-BOOKDAV-PLACES-LEFT"][0]["values"][0] for e in full], ["0"])

    def check_bookings_calendar(self, name):
        r = self.check_strict(name)
        events = {c["props"]["UID"][0]["value"]: c["props"] for c in self.comps(r, "VEVENT")}
        want = ["ij-cut", "ij-french", "ij-spin", "ij-wait"]
        self.assertEqual(sorted(events), sorted(want))
        statuses = {uid: (p["STATUS"][0]["values"][0], p["X-BOOKDAV-STATUS"][0]["values"][0]) for uid, p in events.items()}
        self.assertEqual(statuses["ij-cut"], ("CONFIRMED", "CONFIRMED"))
        self.assertEqual(statuses["ij-wait"], ("TENTATIVE", "WAITLISTED"))
        self.assertEqual(statuses["ij-french"], ("TENTATIVE", "PENDING"))
        self.assertEqual(events["ij-cut"]["DTSTART"][0]["values"][0], js_utc(self.biz.cut_slot))
        self.assertEqual(len(events["ij-french"]["RDATE"][0]["values"]), 4, "every session of the course")
        return r

    def test_bookings_export(self):
        self.check_bookings_calendar("export:bookings")

    def test_bookings_feed_without_login(self):
        self.assertTrue(self.feed_url and "/feeds/" in self.feed_url, self.feed_url)
        r = self.check_bookings_calendar("feed:bookings")
        self.assertEqual(sorted(c["props"]["UID"][0]["value"] for c in self.comps(r, "VEVENT")),
                         sorted(c["props"]["UID"][0]["value"]
                                for c in self.comps(self.results["export:bookings"], "VEVENT")))

    def test_staff_resource_calendar(self):
        r = self.check_strict("export:resource-sam")
        events = [c["props"] for c in self.comps(r, "VEVENT")]
        mine = [e for e in events if e["DTSTART"][0]["values"][0] == js_utc(self.biz.cut_slot)]
        self.assertEqual(len(mine), 1, [e["DTSTART"][0]["values"][0] for e in events])
        ev = mine[0]
        self.assertEqual(ev["STATUS"][0]["values"][0], "CONFIRMED")
        self.assertEqual(ev["DTEND"][0]["values"][0], js_utc(self.biz.cut_slot + 30 * M))
        att = self.attendees(ev)
        self.assertIn(ALICE, att, "the customer who booked")
        self.assertEqual((att[SAM]["CUTYPE"], att[SAM]["ROLE"]), ("INDIVIDUAL", "NON-PARTICIPANT"))
        self.assertEqual((att[CHAIR]["CUTYPE"], att[CHAIR]["ROLE"]), ("RESOURCE", "NON-PARTICIPANT"))

    # -- VFREEBUSY --
    def check_range(self, props, rng):
        self.assertEqual(props["DTSTART"][0]["values"][0], js_utc(rng[0]), "DTSTART is the range's start")
        self.assertEqual(props["DTEND"][0]["values"][0], js_utc(rng[1]), "DTEND is the range's end")

    def test_free_busy_of_service_calendars(self):
        biz = self.biz
        for service in ("cut", "spin", "french"):
            with self.subTest(service=service):
                props, periods = self.free_busy(self.check_strict(f"freebusy:service-{service}"))
                self.check_range(props, self.fb_range)
                self.assertLessEqual({t for t, _ in periods}, {"FREE", "BUSY", "BUSY-UNAVAILABLE", "BUSY-TENTATIVE"})
                free = sorted(p for t, p in periods if t == "FREE")
                if service == "cut":
                    booked = f"{ical_time(biz.cut_slot)}/{ical_time(biz.cut_slot + 30 * M)}"
                    self.assertNotIn(booked, free, "alice's appointment took the slot")
                    self.assertIn(f"{ical_time(biz.cut_slot + 30 * M)}/{ical_time(biz.cut_slot + H)}", free)
                    self.assertGreater(len(free), 60, "two days of 30-minute slots, one period each")
                elif service == "spin":
                    first = f"{ical_time(biz.spin_start)}/{ical_time(biz.spin_start + 45 * M)}"
                    self.assertIn(first, free, "the first spin session has places left")
                else:
                    self.assertEqual(free, [f"{ical_time(biz.french_start)}/{ical_time(biz.french_start + H)}"])

    def test_free_busy_of_resource_calendar(self):
        props, periods = self.free_busy(self.check_strict("freebusy:resource-sam"))
        self.check_range(props, self.fb_range)
        busy = [p for t, p in periods if t != "FREE"]
        self.assertEqual(busy, [f"{ical_time(self.biz.cut_slot)}/{ical_time(self.biz.cut_slot + 30 * M)}"],
                         "sam is busy with alice's haircut only")

    def test_outbox_free_busy_reply(self):
        self.assertEqual(sorted(self.outbox_status), sorted([SAM, "mailto:bob@localhost"]))
        for who, busy in ((SAM, [f"{ical_time(self.biz.cut_slot)}/{ical_time(self.biz.cut_slot + 30 * M)}"]),
                          ("mailto:bob@localhost", [])):
            with self.subTest(recipient=who):
                self.assertTrue(self.outbox_status[who].startswith("2.0"), self.outbox_status[who])
                r = self.check_strict(f"outbox:{who}")
                self.assertEqual([p["value"] for p in r["components"][0]["props"].get("METHOD", [])], ["REPLY"])
                props, periods = self.free_busy(r)
                self.check_range(props, self.outbox_range)
                self.assertEqual(props["UID"][0]["value"], "ij-fbreq", "the reply keeps the request's UID (RFC 5546)")
                self.assertEqual(props["ORGANIZER"][0]["values"][0].lower(), ALICE)
                self.assertEqual([a["values"][0].lower() for a in props["ATTENDEE"]], [who])
                self.assertEqual([p for t, p in periods if t != "FREE"], busy)


if __name__ == "__main__":
    unittest.main()
