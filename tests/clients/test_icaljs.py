"""ical.js (npm; Mozilla's parser, used by Thunderbird and Cal.com) parses every kind of calendar body bookdav
serves: GET of objects, calendar-data in REPORT answers (calendar-query, time-range, expand, multiget,
sync-collection), GET of a whole calendar (export), /feeds/<token>.ics, free-busy-query and the outbox's
free-busy reply. For each body: ical.js parses it and round-trips it, values decorate, no X-LIC-ERROR,
VERSION and PRODID present, DTSTAMP on every VEVENT/VTODO/VFREEBUSY, unique VTIMEZONEs, CRLF line ends
and lines folded at 75 octets; and the content is what was stored (UID, DTSTART with TZID, RRULE,
RECURRENCE-ID, VTIMEZONE) with ical.js computing the same occurrences in UTC."""
import os
import sys
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import icstext  # noqa: E402
import nodejs  # noqa: E402
from bookdav_server import BookdavServer, C, D  # noqa: E402

HOME = "/dav/calendars/alice/"
CAL = HOME + "ij/"
LONG_SUMMARY = "Ünïcödé résumé — " * 8 + "fin"
LONG_DESCRIPTION = "Zimmer 3, 2. Stock; bring: Handtuch, Wasser €2,50\n日本語のクラス\n" * 6

OBJECTS = {
    "ij-single": icstext.single("ij-single", "Dentist", day="20261201"),
    "ij-weekly": icstext.recurring("ij-weekly", "Spanish"),
    "ij-berlin": icstext.vcalendar(icstext.BERLIN, icstext.vevent(
        "ij-berlin", "DTSTART;TZID=Europe/Berlin:20261215T083000", "DTEND;TZID=Europe/Berlin:20261215T093000",
        "Breakfast")),
    "ij-daily": icstext.overridden("ij-daily", "Standup", "Standup moved"),
    "ij-allday": icstext.allday("ij-allday", "Holiday", day="20261224"),
    "ij-todo": icstext.vcalendar("BEGIN:VTODO\r\nUID:ij-todo\r\nDTSTAMP:20261101T000000Z\r\n"
                                 "DUE:20261216T170000Z\r\nSUMMARY:Pay rent\r\nEND:VTODO\r\n"),
    "ij-long": icstext.vcalendar("BEGIN:VEVENT\r\nUID:ij-long\r\nDTSTAMP:20261101T000000Z\r\n"
                                 "DTSTART:20261216T120000Z\r\nDTEND:20261216T130000Z\r\n"
                                 + icstext.fold("SUMMARY:" + icstext.escape(LONG_SUMMARY))
                                 + icstext.fold("DESCRIPTION:" + icstext.escape(LONG_DESCRIPTION))
                                 + "END:VEVENT\r\n"),
}
# In a calendar of its own, so that its findings do not mask the others:
# - sloppy clients leave DTSTAMP out (RFC 5545 3.6.1 requires it): the server may refuse such an object
#   (403 valid-calendar-data) or store it, but what it serves must then carry DTSTAMP;
# - TEXT values keep leading and trailing white space (RFC 5545 3.3.11 has no rule that drops it).
SLOPPY = HOME + "ij-sloppy/"
NO_DTSTAMP = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sloppy//EN\r\nBEGIN:VEVENT\r\nUID:ij-nodtstamp\r\n"
              "DTSTART:20261215T110000Z\r\nDTEND:20261215T113000Z\r\nSUMMARY:No stamp\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
SPACES = icstext.vcalendar(icstext.vevent("ij-spaces", summary="  two leading, one trailing ",
                                          extra="DESCRIPTION:line one\\n  indented line\\n\r\n"))

# What ical.js must compute for the recurring objects, in UTC.
WEEKLY_UTC = ["2026-12-07T19:00:00Z", "2026-12-14T19:00:00Z", "2026-12-21T19:00:00Z", "2026-12-28T19:00:00Z",
              "2027-01-04T19:00:00Z", "2027-01-11T19:00:00Z", "2027-01-18T19:00:00Z", "2027-01-25T19:00:00Z",
              "2027-02-01T19:00:00Z", "2027-02-08T19:00:00Z"]
DAILY_UTC = ["2026-12-14T09:00:00Z", "2026-12-15T15:00:00Z", "2026-12-16T09:00:00Z", "2026-12-17T09:00:00Z",
             "2026-12-18T09:00:00Z"]
RANGE = ("20261214T000000Z", "20261217T000000Z")


def report(srv, path, body, depth="1"):
    return srv.request("REPORT", path, '<?xml version="1.0" encoding="utf-8"?>' + body, user="alice",
                       headers={"Depth": depth, "Content-Type": "application/xml; charset=utf-8"})


def calendar_data(resp_body):
    """{href: calendar-data text} of a multistatus."""
    root = ET.fromstring(resp_body)
    out = {}
    for r in root.findall(f"{{{D}}}response"):
        data = r.find(f".//{{{C}}}calendar-data")
        if data is not None:
            out[r.findtext(f"{{{D}}}href")] = data.text or ""
    return out


class IcalJs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = BookdavServer(users={"alice": "customer"}).start()
        cls.bodies = {}       # name -> text (as served; for XML, the calendar-data text)
        cls.raw = {}          # name -> bytes of a text/calendar response body
        cls.errors = {}       # source -> why its bodies could not be fetched
        cls.put_status = {}
        try:
            cls.collect()
        finally:
            cls.results, cls.setup_error = nodejs.check_with_icaljs(cls.bodies)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    @classmethod
    def collect(cls):
        srv = cls.srv
        mk = ('<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" '
              'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><C:calendar-timezone><![CDATA['
              + icstext.vcalendar(icstext.BERLIN) + "]]></C:calendar-timezone></D:prop></D:set></C:mkcalendar>")
        r = srv.request("MKCALENDAR", CAL, mk, user="alice")
        assert r.status == 201, r
        for uid, text in OBJECTS.items():
            r = srv.request("PUT", f"{CAL}{uid}.ics", text, user="alice",
                            headers={"Content-Type": "text/calendar; charset=utf-8"})
            assert r.status == 201, (uid, r)
        names = list(OBJECTS)

        def text_calendar(source, name, resp):
            if resp.status != 200:
                cls.errors[source] = f"{resp.status} {resp.text[:300]}"
                return
            ctype = (resp.header("Content-Type") or "").lower()
            if not ctype.startswith("text/calendar"):
                cls.errors[source] = f"Content-Type {ctype!r}, expected text/calendar"
            cls.raw[name] = resp.body
            cls.bodies[name] = resp.body.decode("utf-8")

        def multistatus(source, resp):
            if resp.status != 207:
                cls.errors[source] = f"{resp.status} {resp.text[:300]}"
                return
            for href, data in calendar_data(resp.body).items():
                cls.bodies[f"{source}:{href.rsplit('/', 1)[1][:-4]}"] = data

        # GET of each object.
        for uid in names:
            text_calendar("get", f"get:{uid}", srv.request("GET", f"{CAL}{uid}.ics", user="alice"))
        # calendar-query: everything; a time-range; a time-range with expand.
        prop = "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
        q = '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">{prop}<C:filter>' \
            '<C:comp-filter name="VCALENDAR">{inner}</C:comp-filter></C:filter></C:calendar-query>'
        tr = f'<C:comp-filter name="VEVENT"><C:time-range start="{RANGE[0]}" end="{RANGE[1]}"/></C:comp-filter>'
        multistatus("query", report(srv, CAL, q.format(prop=prop, inner="")))
        multistatus("range", report(srv, CAL, q.format(prop=prop, inner=tr)))
        expand = (f'<D:prop><D:getetag/><C:calendar-data><C:expand start="{RANGE[0]}" end="{RANGE[1]}"/>'
                  "</C:calendar-data></D:prop>")
        multistatus("expand", report(srv, CAL, q.format(prop=expand, inner=tr)))
        # calendar-multiget of every object.
        hrefs = "".join(f"<D:href>{CAL}{uid}.ics</D:href>" for uid in names)
        multistatus("multiget", report(srv, CAL, '<C:calendar-multiget xmlns:D="DAV:" '
                                       f'xmlns:C="urn:ietf:params:xml:ns:caldav">{prop}{hrefs}</C:calendar-multiget>'))
        # sync-collection asking for calendar-data (tsdav's smartCollectionSync does).
        multistatus("sync", report(srv, CAL, '<D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                                   f"<D:sync-token/><D:sync-level>1</D:sync-level>{prop}</D:sync-collection>", "0"))
        # The calendar-timezone property (RFC 4791 5.2.2) is a VCALENDAR too.
        r = srv.propfind(CAL, ["c:calendar-timezone"], "alice")
        tz = ET.fromstring(r.body).find(f".//{{{C}}}calendar-timezone") if r.status == 207 else None
        if tz is None or not (tz.text or "").strip():
            cls.errors["timezone-prop"] = f"PROPFIND calendar-timezone: {r.status} {r.text[:300]}"
        else:
            cls.bodies["timezone-prop"] = tz.text
        # Export (GET of the collection) and the feed.
        text_calendar("export", "export", srv.request("GET", CAL, user="alice"))
        feed = srv.cli("feed", "create", "--calendar", CAL).stdout.strip().splitlines()[-1]
        feed_path = urllib.parse.urlsplit(feed).path
        if not feed_path.startswith("/feeds/"):
            cls.errors["feed"] = f"`bookdav feed create` printed {feed!r}"
        else:
            text_calendar("feed", "feed", srv.request("GET", feed_path))
        # free-busy-query REPORT (RFC 4791 7.10: the answer is text/calendar).
        fb = report(srv, CAL, '<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">'
                    f'<C:time-range start="{RANGE[0]}" end="{RANGE[1]}"/></C:free-busy-query>', "1")
        text_calendar("freebusy", "freebusy", fb)
        # Outbox free-busy request (RFC 6638 5; DESIGN.md): the reply's calendar-data.
        fbreq = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav tests//EN\r\nMETHOD:REQUEST\r\n"
                 "BEGIN:VFREEBUSY\r\nUID:ij-fbreq\r\nDTSTAMP:20261101T000000Z\r\n"
                 f"DTSTART:{RANGE[0]}\r\nDTEND:{RANGE[1]}\r\nORGANIZER:mailto:alice@localhost\r\n"
                 "ATTENDEE:mailto:alice@localhost\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n")
        r = srv.request("POST", HOME + "outbox/", fbreq, user="alice",
                        headers={"Content-Type": "text/calendar; charset=utf-8"})
        if r.status != 200:
            cls.errors["outbox"] = f"{r.status} {r.text[:300]}"
        else:
            for i, d in enumerate(ET.fromstring(r.body).iter(f"{{{C}}}calendar-data")):
                cls.bodies[f"outbox:{i}"] = d.text or ""
        # The sloppy calendar: GET of each accepted object and of the calendar.
        assert srv.request("MKCALENDAR", SLOPPY, user="alice").status == 201
        for uid, text in (("ij-nodtstamp", NO_DTSTAMP), ("ij-spaces", SPACES)):
            r = srv.request("PUT", f"{SLOPPY}{uid}.ics", text, user="alice",
                            headers={"Content-Type": "text/calendar; charset=utf-8"})
            cls.put_status[uid] = (r.status, r.text)
            if r.status == 201:
                text_calendar("sloppy", f"sloppy:{uid}", srv.request("GET", f"{SLOPPY}{uid}.ics", user="alice"))
        text_calendar("sloppy-export", "sloppy-export", srv.request("GET", SLOPPY, user="alice"))

    # -- helpers --
    def setUp(self):
        self.assertIsNone(self.setup_error, self.setup_error)

    def names(self, source):
        if source in self.errors:
            self.fail(f"bookdav did not serve the {source} bodies: {self.errors[source]}")
        names = sorted(n for n in self.bodies if n == source or n.startswith(source + ":"))
        self.assertTrue(names, f"no {source} bodies were collected")
        return names

    def parsed(self, name):
        r = self.results.get(name)
        self.assertIsNotNone(r, f"ical.js did not report on {name}")
        self.assertTrue(r["ok"], f"ical.js cannot parse {name}: {r.get('error')}\n--- body:\n{self.bodies[name]}")
        return r

    def comps(self, result, cname):
        return [c for c in result["components"] if c["name"] == cname]

    def check_strict(self, name):
        """The checks every body served must pass; returns ical.js's result."""
        text = self.bodies[name]
        r = self.parsed(name)
        self.assertEqual(r["problems"], [], f"{name}: ical.js found invalid values")
        self.assertTrue(r["roundtrip"], f"{name}: ical.js does not round-trip it to the same jCal")
        self.assertNotIn("X-LIC-ERROR", text.upper(), f"{name}: libical parse errors leaked into the output")
        vcal = r["components"][0]
        self.assertEqual(vcal["name"], "VCALENDAR")
        self.assertEqual([p["value"] for p in vcal["props"].get("VERSION", [])], ["2.0"], f"{name}: VERSION")
        self.assertEqual(len(vcal["props"].get("PRODID", [])), 1, f"{name}: PRODID (RFC 5545 3.6)")
        for c in r["components"]:
            if c["name"] in ("VEVENT", "VTODO", "VFREEBUSY"):
                self.assertEqual(len(c["props"].get("DTSTAMP", [])), 1,
                                 f"{name}: {c['path']} needs exactly one DTSTAMP (RFC 5545 3.6.1/3.6.2/3.6.4)")
                if c["name"] != "VFREEBUSY":
                    self.assertEqual(len(c["props"].get("UID", [])), 1, f"{name}: {c['path']} needs one UID")
        tzids = [c["props"]["TZID"][0]["value"] for c in self.comps(r, "VTIMEZONE")]
        self.assertEqual(len(tzids), len(set(tzids)),
                         f"{name}: duplicate VTIMEZONE {tzids} (RFC 5545 3.2.19: one VTIMEZONE per unique TZID; 3.8.3.1)")
        used = {p["params"]["TZID"] for c in r["components"] for ps in c["props"].values() for p in ps
                if "TZID" in p["params"]}
        self.assertLessEqual(used, set(tzids), f"{name}: TZID used without its VTIMEZONE (RFC 5545 3.2.19)")
        self.check_lines(name)
        return r

    def check_lines(self, name):
        """CRLF line ends (text/calendar bodies) and folding at 75 octets (all)."""
        raw = self.raw.get(name)
        if raw is not None:
            self.assertTrue(raw.endswith(b"\r\n"), f"{name}: last line not CRLF-terminated")
            stripped = raw.replace(b"\r\n", b"")
            self.assertNotIn(b"\n", stripped, f"{name}: bare LF line ending (RFC 5545 3.1 wants CRLF)")
            self.assertNotIn(b"\r", stripped, f"{name}: bare CR")
            lines = raw[:-2].split(b"\r\n")
        else:
            # calendar-data inside XML: XML end-of-line handling turns CRLF into LF, so only folding is checked.
            lines = self.bodies[name].encode("utf-8").replace(b"\r\n", b"\n").rstrip(b"\n").split(b"\n")
        for i, line in enumerate(lines):
            self.assertLessEqual(len(line), 75, f"{name}: line {i + 1} is {len(line)} octets (RFC 5545 3.1): {line[:90]!r}")
            self.assertTrue(line, f"{name}: empty line {i + 1}")

    def vevents(self, r, uid):
        return [c for c in r["components"] if c["name"] in ("VEVENT", "VTODO")
                and c["props"]["UID"][0]["value"] == uid]

    def check_object(self, name, uid, r):
        """The object `uid` in the ical.js result `r` holds what was stored (whole, unexpanded)."""
        sent = OBJECTS[uid]
        sent_comps = icstext.components(sent, "VEVENT") + icstext.components(sent, "VTODO")
        got = self.vevents(r, uid)
        self.assertEqual(len(got), len(sent_comps), f"{name}: components of {uid}")
        by_rid = {(c["props"].get("RECURRENCE-ID") or [{"value": None}])[0]["value"]: c for c in got}
        for s in sent_comps:
            rid = icstext.first(s, "RECURRENCE-ID")
            self.assertIn(rid, by_rid, f"{name}: {uid} lost RECURRENCE-ID {rid}")
            g = by_rid[rid]["props"]
            for prop in ("DTSTART", "DUE"):
                if prop in s:
                    params, value = s[prop][0]
                    self.assertEqual(g[prop][0]["value"], value, f"{name}: {uid} {prop}")
                    if "TZID=" in params:
                        self.assertEqual(g[prop][0]["params"].get("TZID"), params.split("TZID=")[1], f"{name}: {uid}")
                    if "VALUE=DATE" in params:
                        self.assertEqual(g[prop][0]["type"], "date", f"{name}: {uid} {prop} is a DATE")
            if "RRULE" in s:
                self.assertEqual(icstext.rrule(g["RRULE"][0]["value"]), icstext.rrule(icstext.first(s, "RRULE")))
            self.assertEqual(g["SUMMARY"][0]["values"][0], icstext.unescape(icstext.first(s, "SUMMARY")),
                             f"{name}: {uid} SUMMARY")
            if "DESCRIPTION" in s:
                self.assertEqual(g["DESCRIPTION"][0]["values"][0], icstext.unescape(icstext.first(s, "DESCRIPTION")))
        if "TZID=Europe/Berlin" in sent:
            self.assertIn("Europe/Berlin", [c["props"]["TZID"][0]["value"] for c in self.comps(r, "VTIMEZONE")])
        occ = r["occurrences"]
        if uid == "ij-weekly":
            self.assertEqual(occ["ij-weekly"], WEEKLY_UTC, f"{name}: weekly occurrences as ical.js computes them")
        if uid == "ij-daily":
            self.assertEqual(occ["ij-daily"], DAILY_UTC, f"{name}: daily occurrences with the moved instance")
        if uid == "ij-berlin":
            self.assertEqual(occ["ij-berlin"], ["2026-12-15T07:30:00Z"])

    def expected_uids(self):
        return sorted(OBJECTS)

    # -- tests, one per kind of body --
    def test_object_without_dtstamp(self):
        status, body = self.put_status["ij-nodtstamp"]
        self.assertIn(status, (201, 403), f"PUT without DTSTAMP: {status} {body}")
        if status == 403:
            self.assertIn("valid-calendar-data", body)
            return
        self.check_strict("sloppy:ij-nodtstamp")

    def test_text_white_space_kept(self):
        self.assertEqual(self.put_status["ij-spaces"][0], 201, self.put_status["ij-spaces"])
        r = self.check_strict("sloppy:ij-spaces")
        ev = self.vevents(r, "ij-spaces")[0]["props"]
        self.assertEqual(ev["SUMMARY"][0]["values"][0], "  two leading, one trailing ")
        self.assertEqual(ev["DESCRIPTION"][0]["values"][0], "line one\n  indented line\n")

    def test_export_of_sloppy_calendar(self):
        self.assertEqual(self.names("sloppy-export"), ["sloppy-export"])
        self.check_strict("sloppy-export")

    def test_get_objects(self):
        names = self.names("get")
        self.assertEqual(names, [f"get:{u}" for u in self.expected_uids()])
        for name in names:
            with self.subTest(body=name):
                r = self.check_strict(name)
                self.check_object(name, name.split(":", 1)[1], r)

    def test_calendar_query(self):
        names = self.names("query")
        self.assertEqual(names, [f"query:{u}" for u in self.expected_uids()])
        for name in names:
            with self.subTest(body=name):
                self.check_object(name, name.split(":", 1)[1], self.check_strict(name))

    def test_calendar_query_time_range(self):
        names = self.names("range")
        # 2026-12-14..17: weekly (14th), berlin (15th), daily, long (16th); not single/allday/todo.
        want = ["ij-berlin", "ij-daily", "ij-long", "ij-weekly"]
        self.assertEqual(names, sorted(f"range:{u}" for u in want))
        for name in names:
            with self.subTest(body=name):
                self.check_object(name, name.split(":", 1)[1], self.check_strict(name))

    def test_calendar_query_expand(self):
        names = self.names("expand")
        instances = []
        for name in names:
            with self.subTest(body=name):
                r = self.check_strict(name)
                self.assertEqual(self.comps(r, "VTIMEZONE"), [], f"{name}: expanded data has no VTIMEZONE (RFC 4791 9.6.5)")
                for c in r["components"]:
                    if c["name"] == "VEVENT":
                        self.assertNotIn("RRULE", c["props"], f"{name}: not expanded")
                        start = c["props"]["DTSTART"][0]
                        self.assertNotIn("TZID", start["params"], f"{name}: expanded times must be UTC")
                        rid = c["props"].get("RECURRENCE-ID", [{"value": None}])[0]["value"]
                        instances.append((c["props"]["UID"][0]["value"], rid, start["value"]))
        want = [("ij-berlin", None, "20261215T073000Z"),
                ("ij-daily", "20261214T090000Z", "20261214T090000Z"),
                ("ij-daily", "20261215T090000Z", "20261215T150000Z"),
                ("ij-daily", "20261216T090000Z", "20261216T090000Z"),
                ("ij-long", None, "20261216T120000Z"),
                ("ij-weekly", "20261214T190000Z", "20261214T190000Z")]
        self.assertEqual(sorted(instances, key=str), sorted(want, key=str))

    def test_multiget(self):
        names = self.names("multiget")
        self.assertEqual(names, [f"multiget:{u}" for u in self.expected_uids()])
        for name in names:
            with self.subTest(body=name):
                self.check_object(name, name.split(":", 1)[1], self.check_strict(name))

    def test_sync_collection_calendar_data(self):
        names = self.names("sync")
        self.assertEqual(names, [f"sync:{u}" for u in self.expected_uids()])
        for name in names:
            with self.subTest(body=name):
                self.check_object(name, name.split(":", 1)[1], self.check_strict(name))

    def check_whole_calendar(self, name):
        r = self.check_strict(name)
        uids = sorted({c["props"]["UID"][0]["value"] for c in r["components"] if c["name"] in ("VEVENT", "VTODO")})
        self.assertEqual(uids, self.expected_uids(), f"{name}: every object of the calendar")
        for uid in uids:
            self.check_object(name, uid, r)
        # Two objects use Europe/Berlin: one VTIMEZONE for both (checked in check_strict as uniqueness).
        self.assertEqual([c["props"]["TZID"][0]["value"] for c in self.comps(r, "VTIMEZONE")], ["Europe/Berlin"])

    def test_calendar_timezone_property(self):
        self.assertEqual(self.names("timezone-prop"), ["timezone-prop"])
        r = self.check_strict("timezone-prop")
        self.assertEqual([c["props"]["TZID"][0]["value"] for c in self.comps(r, "VTIMEZONE")], ["Europe/Berlin"])
        self.assertEqual([c["name"] for c in r["components"] if c["path"].count("/") == 1], ["VTIMEZONE"],
                         "calendar-timezone holds exactly one VTIMEZONE (RFC 4791 5.2.2)")

    def test_export_whole_calendar(self):
        self.assertEqual(self.names("export"), ["export"])
        self.check_whole_calendar("export")

    def test_feed(self):
        self.assertEqual(self.names("feed"), ["feed"])
        self.check_whole_calendar("feed")

    def check_freebusy(self, name, r):
        fbs = self.comps(r, "VFREEBUSY")
        self.assertEqual(len(fbs), 1, f"{name}: one VFREEBUSY")
        p = fbs[0]["props"]
        self.assertEqual((p["DTSTART"][0]["value"], p["DTEND"][0]["value"]), RANGE,
                         f"{name}: DTSTART/DTEND are the requested range (RFC 4791 7.10)")
        busy = sorted(v.split("/")[0] for fb in p.get("FREEBUSY", []) if fb["params"].get("FBTYPE", "BUSY") != "FREE"
                      for v in fb["value"].split(","))
        want = ["20261214T090000Z", "20261214T190000Z", "20261215T073000Z", "20261215T150000Z",
                "20261216T090000Z", "20261216T120000Z"]
        self.assertEqual(busy, sorted(want), f"{name}: busy periods")
        for fb in p.get("FREEBUSY", []):
            self.assertEqual(fb["type"], "period", f"{name}: FREEBUSY values are PERIODs")

    def test_free_busy_query(self):
        self.assertEqual(self.names("freebusy"), ["freebusy"])
        self.check_freebusy("freebusy", self.check_strict("freebusy"))

    def test_outbox_free_busy_reply(self):
        names = self.names("outbox")
        self.assertEqual(len(names), 1, names)
        r = self.check_strict(names[0])
        vcal = r["components"][0]
        self.assertEqual([p["value"] for p in vcal["props"].get("METHOD", [])], ["REPLY"])
        self.check_freebusy(names[0], r)


if __name__ == "__main__":
    unittest.main()
