"""tsdav (npm, the CalDAV client Cal.com uses) against a live bookdav. tests/clients/js/tsdav_flow.mjs runs the
whole flow once (discovery, calendars, create, time-range and expanded queries, update and delete with
ETags, sync-collection and tsdav's sync helpers, free-busy) and prints JSON; each test here asserts one
part of it, and reads the server's state back over plain HTTP where that matters."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import icstext  # noqa: E402
import nodejs  # noqa: E402
from bookdav_server import BookdavServer, C, D, responses  # noqa: E402

HOME = "/dav/calendars/alice/"
CAL = HOME + "tsdav/"


class Tsdav(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.setup_error = nodejs.setup_error()
        cls.srv = BookdavServer(users={"alice": "customer"}).start()
        cls.out = {}
        if cls.setup_error is None:
            try:
                cls.out = nodejs.run("tsdav_flow.mjs", cls.srv.url + "/", "alice", "alice")
            except AssertionError as exc:
                cls.setup_error = str(exc)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def setUp(self):
        self.assertIsNone(self.setup_error, self.setup_error)

    def value(self, name):
        """The step's value; the test fails with tsdav's own error if the step threw."""
        self.assertIn(name, self.out, f"tsdav_flow.mjs did not run step {name}")
        r = self.out[name]
        self.assertTrue(r["ok"], f"tsdav {name} failed:\n{r.get('error')}")
        return r["value"]

    def get(self, path):
        return self.srv.request("GET", path, user="alice")

    def url(self, path):
        return self.srv.url + path

    # -- discovery --
    def test_login_discovers_principal_and_home(self):
        for name in ("login", "createAccount"):
            a = self.value(name)
            self.assertEqual(a["rootUrl"], self.url("/dav/"), name)  # via /.well-known/caldav -> 301 /dav/
            self.assertEqual(a["principalUrl"], self.url("/dav/principals/alice/"), name)
            self.assertEqual(a["homeUrl"], self.url(HOME), name)
        self.assertEqual(self.value("fetchPrincipalUrl"), self.url("/dav/principals/alice/"))
        self.assertEqual(self.value("fetchHomeUrl"), self.url(HOME))
        addrs = self.value("fetchCalendarUserAddresses")
        self.assertTrue(any(a.startswith("mailto:") for a in addrs), addrs)

    # -- calendars --
    def test_make_calendar_and_fetch_calendars(self):
        made = self.value("makeCalendar")
        self.assertEqual([m["status"] for m in made], [201], made)
        found, _ = responses(self.srv.propfind(CAL, ["d:displayname", "ical:calendar-color",
                                                     "c:calendar-description"], "alice").body)
        p = found[CAL]
        self.assertEqual(p[f"{{{D}}}displayname"].text, "Tsdav")
        self.assertEqual(p["{http://apple.com/ns/ical/}calendar-color"].text, "#FF8800FF")
        self.assertEqual(p[f"{{{C}}}calendar-description"].text, "made by tsdav")

        cals = {c["url"]: c for c in self.value("fetchCalendars")}
        # The home also holds the computed bookings/ calendar (no services exist in this test).
        self.assertEqual(sorted(cals), sorted([self.url(HOME + "calendar/"), self.url(CAL),
                                               self.url(HOME + "bookings/")]),
                         "fetchCalendars lists the calendars, not inbox/outbox")
        c = cals[self.url(CAL)]
        self.assertEqual(c["displayName"], "Tsdav")
        self.assertEqual(c["description"], "made by tsdav")
        self.assertEqual(c["calendarColor"], "#FF8800FF")
        self.assertIn("calendar", c["resourcetype"])
        self.assertIn("VEVENT", c["components"])
        self.assertTrue(c["ctag"] is not None and c["syncToken"], c)
        for report in ("calendarQuery", "calendarMultiget", "syncCollection"):
            self.assertIn(report, c["reports"])

    def test_advertised_reports_are_implemented(self):
        """supported-report-set (RFC 3253 3.1.5) must list only reports the collection answers; tsdav's
        syncCalendars picks its sync method from it."""
        c = {c["url"]: c for c in self.value("fetchCalendars")}[self.url(CAL)]
        bodies = {
            "calendarQuery": '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop>'
                             '<D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter>'
                             "</C:calendar-query>",
            "calendarMultiget": '<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                                f"<D:prop><D:getetag/></D:prop><D:href>{CAL}ts-daily.ics</D:href>"
                                "</C:calendar-multiget>",
            "freeBusyQuery": '<C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"><C:time-range '
                             'start="20261214T000000Z" end="20261217T000000Z"/></C:free-busy-query>',
            "syncCollection": '<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level>'
                              "<D:prop><D:getetag/></D:prop></D:sync-collection>",
        }
        for report in c["reports"]:
            with self.subTest(report=report):
                self.assertIn(report, bodies, f"unexpected report advertised: {report}")
                depth = "0" if report == "syncCollection" else "1"
                r = self.srv.request("REPORT", CAL, bodies[report], user="alice",
                                     headers={"Depth": depth, "Content-Type": "application/xml"})
                self.assertIn(r.status, (200, 207), f"{report} is advertised in supported-report-set but "
                                                    f"answers {r.status}: {r.text[:300]}")

    # -- create / read --
    def test_create_calendar_object(self):
        created = self.value("createCalendarObject")
        for uid in ("ts-single", "ts-weekly", "ts-daily"):
            self.assertEqual(created[uid]["status"], 201, created[uid])
        # An ETag on PUT is allowed only if the stored body is the one sent (RFC 4791 5.3.4); ts-daily is not
        # touched later, so its ETag must still be the current one.
        if created["ts-daily"]["etag"] is not None:
            self.assertEqual(created["ts-daily"]["etag"], self.get(CAL + "ts-daily.ics").header("ETag"))
        self.assertEqual(created["again"]["status"], 412, "If-None-Match: * on an existing object")

    def test_fetch_calendar_objects_all(self):
        objs = {o["url"]: o for o in self.value("fetchCalendarObjects_all")}
        self.assertEqual(sorted(objs), sorted(CAL + f"ts-{n}.ics" for n in ("single", "weekly", "daily")))
        etags = {r["href"]: r["etag"] for r in self.value("syncCollection_initial")["responses"]}
        for url, o in objs.items():
            self.assertEqual(o["etag"], etags[url], url)
            self.assertIn("UID:" + url.rsplit("/", 1)[1][:-4], o["data"])

    def test_fetch_calendar_objects_by_url_multiget(self):
        objs = {o["url"]: o for o in self.value("fetchCalendarObjects_multiget_urls")}
        self.assertEqual(sorted(objs), [CAL + "ts-daily.ics", CAL + "ts-single.ics"])
        self.assertEqual(len(icstext.components(objs[CAL + "ts-daily.ics"]["data"], "VEVENT")), 2)

    def test_fetch_calendar_objects_time_range(self):
        objs = self.value("fetchCalendarObjects_timeRange")
        self.assertEqual(sorted(o["url"] for o in objs), [CAL + "ts-daily.ics", CAL + "ts-weekly.ics"],
                         "2026-12-14..17 overlaps the weekly (Mon 14th 19:00Z) and daily events, not the 1st")
        self.assertEqual(self.value("fetchCalendarObjects_timeRange_empty"), [])

    def test_fetch_calendar_objects_expanded(self):
        """Cal.com reads busy times this way (expand: true); RFC 4791 9.6.5: instances with RECURRENCE-ID,
        no RRULE, in UTC."""
        objs = {o["url"]: o for o in self.value("fetchCalendarObjects_timeRange_expand")}
        self.assertEqual(sorted(objs), [CAL + "ts-daily.ics", CAL + "ts-weekly.ics"])
        rows = []
        for url, o in objs.items():
            self.assertIsNotNone(o["data"], f"{url}: no calendar-data in the expanded answer")
            self.assertNotIn("RRULE", o["data"], f"{url} not expanded")
            for ev in icstext.components(o["data"], "VEVENT"):
                rows.append((icstext.first(ev, "UID"), icstext.first(ev, "RECURRENCE-ID"),
                             icstext.first(ev, "DTSTART"), icstext.first(ev, "SUMMARY")))
        self.assertEqual(sorted(rows), [
            ("ts-daily", "20261214T090000Z", "20261214T090000Z", "Standup"),
            ("ts-daily", "20261215T090000Z", "20261215T150000Z", "Standup moved"),
            ("ts-daily", "20261216T090000Z", "20261216T090000Z", "Standup"),
            ("ts-weekly", "20261214T190000Z", "20261214T190000Z", "Spanish"),
        ])

    # -- update / delete with ETags --
    def test_update_calendar_object_with_etag(self):
        u = self.value("updateCalendarObject")
        self.assertIn(u["ok"]["status"], (200, 204), u["ok"])
        self.assertEqual(u["stale"]["status"], 412, "If-Match with a stale ETag must fail")
        g = self.get(CAL + "ts-single.ics")
        ev = icstext.components(g.text, "VEVENT")[0]
        self.assertEqual(icstext.first(ev, "SUMMARY"), "Dentist (moved)")
        self.assertEqual(icstext.first(ev, "DTSTART"), "20261202T100000Z")
        self.assertNotEqual(g.header("ETag"), u["etagBefore"])
        if u["ok"]["etag"] is not None:
            self.assertEqual(u["ok"]["etag"], g.header("ETag"))

    def test_delete_calendar_object_with_etag(self):
        d = self.value("deleteCalendarObject")
        self.assertEqual(d["stale"]["status"], 412)
        self.assertEqual(d["ok"]["status"], 204)
        self.assertEqual(d["after"], 404)

    # -- sync --
    def test_sync_collection(self):
        first = self.value("syncCollection_initial")
        self.assertTrue(first["token"])
        self.assertEqual(sorted(r["href"] for r in first["responses"]),
                         sorted(CAL + f"ts-{n}.ics" for n in ("single", "weekly", "daily")))
        second = self.value("syncCollection_incremental")
        self.assertTrue(second["token"])
        self.assertNotEqual(second["token"], first["token"])
        got = {r["href"]: r for r in second["responses"]}
        self.assertEqual(sorted(got), [CAL + "ts-single.ics", CAL + "ts-weekly.ics"])
        self.assertEqual(got[CAL + "ts-weekly.ics"]["status"], 404)
        self.assertEqual(got[CAL + "ts-single.ics"]["etag"], self.get(CAL + "ts-single.ics").header("ETag"))
        before, after = self.value("isCollectionDirty_before"), self.value("isCollectionDirty_after")
        self.assertTrue(after["isDirty"])
        self.assertNotEqual(after["newCtag"], before["newCtag"])

    def test_smart_collection_sync(self):
        s = self.value("smartCollectionSyncDetailed")
        self.assertEqual(s, {"created": [], "updated": [CAL + "ts-single.ics"], "deleted": [CAL + "ts-weekly.ics"],
                             "syncToken": self.value("syncCollection_incremental")["token"]})

    def test_sync_calendars(self):
        s = self.value("syncCalendars")
        self.assertEqual(s["created"], [])
        self.assertEqual(s["deleted"], [])
        updated = {u["url"]: u["objects"] for u in s["updated"]}
        self.assertIn(CAL, updated)
        self.assertEqual(updated[CAL], [CAL + "ts-daily.ics", CAL + "ts-single.ics"])

    # -- free/busy --
    def test_free_busy_query(self):
        fb = self.value("freeBusyQuery")
        self.assertEqual(fb["status"], 200, fb)
        vfb = icstext.components(fb["raw"], "VFREEBUSY")
        self.assertEqual(len(vfb), 1, fb["raw"])
        busy = [p.split("/")[0] for params, v in vfb[0].get("FREEBUSY", []) if "FBTYPE=FREE" not in params.upper()
                for p in v.split(",")]
        # The weekly event was deleted earlier in the flow; the daily one remains (14th, moved 15th, 16th).
        self.assertEqual(sorted(busy), ["20261214T090000Z", "20261215T150000Z", "20261216T090000Z"], fb["raw"])


if __name__ == "__main__":
    unittest.main()
