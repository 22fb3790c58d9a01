"""vdirsyncer (Debian's, 0.19) against a live bookdav: discovery from the bare host, two-way sync of a
bookdav calendar with a local filesystem storage (single, recurring and overridden events), local and
server edits and deletions converging, a collection created on the server by vdirsyncer, metasync of
displayname and color, and a time-range-limited storage that makes vdirsyncer send calendar-query."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import icstext  # noqa: E402
from bookdav_server import D, BookdavServer, responses  # noqa: E402

HOME = "/dav/calendars/alice/"
CAL = HOME + "calendar/"
ICAL_NS = "http://apple.com/ns/ical/"


class VdirsyncerRun:
    """One vdirsyncer configuration in a temp dir, pointed at a server."""

    def __init__(self, test, srv, work, remote_extra="", collections='["from a", "from b"]'):
        self.test, self.srv = test, srv
        self.local = os.path.join(work, "local")
        os.makedirs(self.local, exist_ok=True)
        self.conf = os.path.join(work, "config")
        with open(self.conf, "w") as f:
            f.write(f"""[general]
status_path = "{work}/status/"

[pair cal]
a = "cal_local"
b = "cal_remote"
collections = {collections}
conflict_resolution = "b wins"
metadata = ["displayname", "color"]

[storage cal_local]
type = "filesystem"
path = "{self.local}/"
fileext = ".ics"

[storage cal_remote]
type = "caldav"
url = "{srv.url}/"
username = "alice"
password = "alice"
{remote_extra}
""")

    def run(self, *args, answers="y\n" * 20):
        exe = shutil.which("vdirsyncer")
        self.test.assertIsNotNone(exe, "vdirsyncer is not installed (apt-get install vdirsyncer)")
        r = subprocess.run([exe, "-c", self.conf, *args], input=answers, capture_output=True, text=True,
                           timeout=120, env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
        out = r.stdout + r.stderr
        self.test.assertEqual(r.returncode, 0, f"vdirsyncer {' '.join(args)} failed:\n{out}")
        self.test.assertNotRegex(out, r"(?i)\berror\b|traceback|unknown error", out)
        return out

    def local_files(self, collection):
        """{uid: text} of the collection's .ics files on disk (one item per file)."""
        out = {}
        for path in glob.glob(os.path.join(self.local, collection, "*.ics")):
            with open(path, newline="") as f:
                text = f.read()
            uids = {icstext.first(ev, "UID") for ev in icstext.components(text, "VEVENT")}
            self.test.assertEqual(len(uids), 1, f"{path}: one object per file, got {uids}")
            out[uids.pop()] = text
        return out

    def write_local(self, collection, name, text):
        with open(os.path.join(self.local, collection, name), "w", newline="") as f:
            f.write(text)

    def local_path(self, collection, uid):
        for path in glob.glob(os.path.join(self.local, collection, "*.ics")):
            with open(path, newline="") as f:
                if uid in {icstext.first(ev, "UID") for ev in icstext.components(f.read(), "VEVENT")}:
                    return path
        self.test.fail(f"no local file holds UID {uid}")


class Vdirsyncer(unittest.TestCase):
    def setUp(self):
        self.srv = BookdavServer(users={"alice": "customer"}).start()
        self.addCleanup(self.srv.__exit__, None, None, None)
        self.work = tempfile.mkdtemp(prefix="bookdav-vdirsyncer-")
        self.addCleanup(shutil.rmtree, self.work, True)

    # -- server side, read through plain HTTP --
    def req(self, method, path, body=None, **headers):
        return self.srv.request(method, path, body, user="alice",
                                headers={k.replace("_", "-"): v for k, v in headers.items()})

    def put(self, path, text, **headers):
        r = self.req("PUT", path, text, Content_Type="text/calendar; charset=utf-8", **headers)
        self.assertIn(r.status, (201, 204), r)
        return r

    def server_objects(self, cal):
        """{uid: text} of the calendar's members, via PROPFIND Depth 1 and GET of each."""
        r = self.srv.propfind(cal, ["d:getetag", "d:resourcetype"], "alice", depth="1")
        self.assertEqual(r.status, 207, r)
        found, _ = responses(r.body)
        out = {}
        for href, props in found.items():
            if href.rstrip("/") == cal.rstrip("/"):
                continue
            g = self.req("GET", href)
            self.assertEqual(g.status, 200, g)
            self.assertEqual(g.header("ETag"), props[f"{{{D}}}getetag"].text, href)
            uids = {icstext.first(ev, "UID") for ev in icstext.components(g.text, "VEVENT")}
            self.assertEqual(len(uids), 1, f"{href}: {uids}")
            out[uids.pop()] = g.text
        return out

    def assert_converged(self, v, collection, cal, expected):
        """Both sides hold exactly `expected` ({uid: event_summary rows}), and a further sync copies nothing."""
        local = v.local_files(collection)
        server = self.server_objects(cal)
        self.assertEqual(sorted(local), sorted(expected), "local UIDs")
        self.assertEqual(sorted(server), sorted(expected), "server UIDs")
        for uid, rows in expected.items():
            self.assertEqual(icstext.event_summary(local[uid]), rows, f"local {uid}")
            self.assertEqual(icstext.event_summary(server[uid]), rows, f"server {uid}")
        out = v.run("sync")
        self.assertNotRegex(out, r"(?i)copying|updating|deleting", "a sync after convergence changed something:\n" + out)

    # -- tests --
    def test_discover_and_two_way_sync(self):
        single = icstext.single("vds-single", "Dentist")
        weekly = icstext.recurring("vds-weekly", "Spanish")
        daily = icstext.overridden("vds-daily", "Standup", "Standup moved")
        self.put(CAL + "single.ics", single)
        self.put(CAL + "weekly.ics", weekly)
        self.put(CAL + "daily.ics", daily)

        v = VdirsyncerRun(self, self.srv, self.work)
        # A local-only collection: discover must create it on the server (vdirsyncer sends extended MKCOL).
        os.makedirs(os.path.join(v.local, "fromlocal"))
        v.write_local("fromlocal", "l1.ics", icstext.single("vds-local-1", "Local one"))
        out = v.run("discover")
        self.assertIn('"calendar"', out)
        self.assertIn("fromlocal", out)
        r = self.srv.propfind(HOME + "fromlocal/", ["d:resourcetype"], "alice")
        self.assertEqual(r.status, 207, f"vdirsyncer discover did not create {HOME}fromlocal/: {r}")
        found, _ = responses(r.body)
        rt = found[HOME + "fromlocal/"][f"{{{D}}}resourcetype"]
        self.assertIsNotNone(rt.find("{urn:ietf:params:xml:ns:caldav}calendar"), "created collection is a calendar")

        out = v.run("sync")
        expected = {uid: icstext.event_summary(t) for uid, t in
                    [("vds-single", single), ("vds-weekly", weekly), ("vds-daily", daily)]}
        # First sync: server items arrive byte-for-byte as the server serves them.
        local = v.local_files("calendar")
        server = self.server_objects(CAL)
        self.assertEqual(sorted(local), sorted(expected))
        for uid in expected:
            self.assertEqual(local[uid], server[uid], f"{uid}: local file differs from the server's GET")
        self.assert_converged(v, "calendar", CAL, expected)
        self.assert_converged(v, "fromlocal", HOME + "fromlocal/",
                              {"vds-local-1": icstext.event_summary(icstext.single("vds-local-1", "Local one"))})
        # RRULE, TZID and RECURRENCE-ID survived the trip to the local side.
        weekly_ev = icstext.components(local["vds-weekly"], "VEVENT")[0]
        self.assertEqual(icstext.rrule(icstext.first(weekly_ev, "RRULE")), "FREQ=WEEKLY;BYDAY=MO;COUNT=10")
        self.assertIn("TZID:Europe/Berlin", local["vds-weekly"])
        self.assertIn("RECURRENCE-ID:20261215T090000Z", local["vds-daily"])

        # Local edits: change the single event, add a new one, delete the recurring one.
        edited_single = icstext.single("vds-single", "Dentist (moved)", day="20261202")
        with open(v.local_path("calendar", "vds-single"), "w", newline="") as f:
            f.write(edited_single)
        os.remove(v.local_path("calendar", "vds-weekly"))
        # A UID with '@' (as most clients make them): vdirsyncer uploads it as ".../vds-new-local@studio.example.ics".
        new_local = icstext.overridden("vds-new-local@studio.example", "Yoga", "Yoga moved")
        v.write_local("calendar", "new-local.ics", new_local)
        # Server edits: change the override of the daily event, add one, delete on the server.
        edited_daily = icstext.overridden("vds-daily", "Standup", "Standup moved again")
        etag = self.req("GET", CAL + "daily.ics").header("ETag")
        self.put(CAL + "daily.ics", edited_daily, If_Match=etag)
        new_server = icstext.recurring("vds-new-server", "Piano", count=4)
        self.put(CAL + "new-server.ics", new_server)
        self.put(HOME + "fromlocal/doomed.ics", icstext.single("vds-doomed", "Doomed"))

        out = v.run("sync")
        self.assertRegex(out, r"(?i)uploading", out)
        self.assertRegex(out, r"(?i)deleting", out)
        expected = {
            "vds-single": icstext.event_summary(edited_single),
            "vds-daily": icstext.event_summary(edited_daily),
            "vds-new-local@studio.example": icstext.event_summary(new_local),
            "vds-new-server": icstext.event_summary(new_server),
        }
        self.assert_converged(v, "calendar", CAL, expected)
        self.assertEqual(self.req("GET", CAL + "weekly.ics").status, 404, "local deletion reached the server")

        # Deletion on the server side reaches the local side; deletion of a local file reaches the server.
        self.assertIn("vds-doomed", v.local_files("fromlocal"))
        etag = self.req("GET", HOME + "fromlocal/doomed.ics").header("ETag")
        self.assertEqual(self.req("DELETE", HOME + "fromlocal/doomed.ics", If_Match=etag).status, 204)
        self.assertEqual(self.req("DELETE", CAL + "new-server.ics").status, 204)
        os.remove(v.local_path("calendar", "vds-single"))
        v.run("sync")
        del expected["vds-new-server"], expected["vds-single"]
        self.assert_converged(v, "calendar", CAL, expected)
        self.assertEqual(sorted(v.local_files("fromlocal")), ["vds-local-1"])

    def test_metasync_displayname_and_color(self):
        v = VdirsyncerRun(self, self.srv, self.work)
        v.run("discover")
        v.run("sync")
        # Set on the server, metasync brings it to the local side ("b wins").
        r = self.req("PROPPATCH", CAL,
                     '<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:" xmlns:A="http://apple.com/ns/ical/">'
                     "<D:set><D:prop><D:displayname>Private</D:displayname>"
                     "<A:calendar-color>#336699FF</A:calendar-color></D:prop></D:set></D:propertyupdate>")
        self.assertEqual(r.status, 207, r)
        v.run("metasync")
        with open(os.path.join(v.local, "calendar", "displayname")) as f:
            self.assertEqual(f.read().strip(), "Private")
        with open(os.path.join(v.local, "calendar", "color")) as f:
            self.assertEqual(f.read().strip().upper(), "#336699FF")
        # Changed locally, metasync writes it to the server with PROPPATCH.
        with open(os.path.join(v.local, "calendar", "displayname"), "w") as f:
            f.write("Renamed locally")
        v.run("metasync")
        found, _ = responses(self.srv.propfind(CAL, ["d:displayname"], "alice").body)
        self.assertEqual(found[CAL][f"{{{D}}}displayname"].text, "Renamed locally")

    def test_time_range_storage_uses_calendar_query(self):
        """With start_date/end_date vdirsyncer lists by calendar-query (VEVENT and VTODO comp-filters with
        a time-range): only objects overlapping the window may come down, recurring ones included."""
        self.put(CAL + "in.ics", icstext.single("vds-in", "Inside", day="20261201"))
        self.put(CAL + "out.ics", icstext.single("vds-out", "Outside", day="20270601"))
        # Master starts before the window, an instance falls inside it.
        self.put(CAL + "weekly.ics", icstext.recurring("vds-weekly", "Spanish", count=10))
        extra = ('start_date = "datetime(2026, 11, 30)"\n'
                 'end_date = "datetime(2026, 12, 3)"\n'
                 'item_types = ["VEVENT"]\n')
        extra_rec = ('start_date = "datetime(2026, 12, 20)"\n'
                     'end_date = "datetime(2026, 12, 22)"\n'
                     'item_types = ["VEVENT"]\n')
        v = VdirsyncerRun(self, self.srv, self.work, remote_extra=extra, collections='["calendar"]')
        v.run("discover")
        v.run("sync")
        self.assertEqual(sorted(v.local_files("calendar")), ["vds-in"],
                         "calendar-query with a time-range must return only the overlapping object")
        work2 = os.path.join(self.work, "second")
        os.makedirs(work2)
        v2 = VdirsyncerRun(self, self.srv, work2, remote_extra=extra_rec, collections='["calendar"]')
        v2.run("discover")
        v2.run("sync")
        # 2026-12-21 is a Monday: the weekly event has an instance in the window.
        self.assertEqual(sorted(v2.local_files("calendar")), ["vds-weekly"],
                         "a recurring event with an instance in the range must match (RFC 4791 9.9)")


if __name__ == "__main__":
    unittest.main()
