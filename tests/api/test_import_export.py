"""bookdav import / export against the real binary: a calendar exported to .ics and imported into a
fresh database holds the same events; bad files are refused with the file's line number and leave
nothing half-imported; re-importing replaces by UID; a progress bar is drawn on a terminal only."""
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer, binary, ics_event, storage_args  # noqa: E402
from bookdav_api import calendar_events  # noqa: E402

CAL = "/dav/calendars/alice/work/"

RECURRING = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n"
             "BEGIN:VTIMEZONE\r\nTZID:Europe/Madrid\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
             "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
             "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
             "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
             "BEGIN:VEVENT\r\nUID:standup@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
             "DTSTART;TZID=Europe/Madrid:20261201T093000\r\nDURATION:PT15M\r\nRRULE:FREQ=DAILY;COUNT=10\r\n"
             "SUMMARY:Stand-up\r\nEND:VEVENT\r\n"
             "BEGIN:VEVENT\r\nUID:standup@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
             "RECURRENCE-ID;TZID=Europe/Madrid:20261203T093000\r\nDTSTART;TZID=Europe/Madrid:20261203T110000\r\n"
             "DURATION:PT15M\r\nSUMMARY:Stand-up (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
TODO = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nBEGIN:VTODO\r\nUID:todo-1\r\n"
        "DTSTAMP:20261101T000000Z\r\nSUMMARY:Order towels\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
ALLDAY = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nBEGIN:VEVENT\r\nUID:holiday\r\n"
          "DTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261208\r\nSUMMARY:Inmaculada Concepción — closed\r\n"
          "END:VEVENT\r\nEND:VCALENDAR\r\n")


def components(ics):
    """{(type, UID, RECURRENCE-ID or ""): {property: value}} of an iCalendar text, for comparing."""
    text = re.sub(r"\r?\n[ \t]", "", ics)
    out = {}
    for kind, block in re.findall(r"BEGIN:(VEVENT|VTODO)\r?\n(.*?)END:\1", text, re.S):
        props = {}
        for line in block.splitlines():
            m = re.match(r"([A-Z-]+)((?:;[^:]*)?):(.*)", line)
            if m and m.group(1) not in ("DTSTAMP", "BEGIN", "END") and not m.group(1).startswith("X-"):
                props[m.group(1)] = m.group(2) + ":" + m.group(3)
        out[(kind, props.get("UID"), props.get("RECURRENCE-ID", ""))] = props
    return out


class ImportExport(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bookdav-ie-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cli(self, *args, data, stdin=None):
        """Runs bookdav; stdout and stderr decoded as UTF-8 with their CRLFs kept."""
        r = subprocess.run([binary(), *args, *storage_args(data)], capture_output=True, timeout=120,
                           input=stdin.encode() if stdin is not None else None)
        return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(), r.stderr.decode())

    def fresh(self):
        data = tempfile.mkdtemp(dir=self.tmp)
        self.assertEqual(self.run_cli("user", "add", "alice", "--password", "alice", "--role", "customer",
                                      data=data).returncode, 0)
        return data

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    def test_export_then_import_into_a_fresh_database_keeps_the_events(self):
        with BookdavServer(users={"alice": "customer"}) as srv:
            self.assertEqual(srv.request("MKCALENDAR", CAL, user="alice").status, 201)
            bodies = {"standup.ics": RECURRING, "todo.ics": TODO, "holiday.ics": ALLDAY}
            bodies.update({f"e{i}.ics": ics_event(f"event-{i}@example.com", f"202612{10 + i:02d}T100000Z",
                                                   f"202612{10 + i:02d}T110000Z", f"Event {i}") for i in range(5)})
            for name, body in bodies.items():
                r = srv.request("PUT", CAL + name, body, user="alice", headers={"Content-Type": "text/calendar"})
                self.assertEqual(r.status, 201, r)
            exported = self.run_cli("export", "--calendar", CAL, data=srv.data)
            self.assertEqual(exported.returncode, 0, exported.stderr)
            self.assertIn("8 objects", exported.stderr)
            before = calendar_events(srv, CAL, "alice")
        first = components(exported.stdout)
        self.assertEqual(len(first), 9, first.keys())  # 8 objects, one with an override
        self.assertTrue(exported.stdout.startswith("BEGIN:VCALENDAR\r\n"))

        ics = self.write("work.ics", exported.stdout)
        data = self.fresh()
        r = self.run_cli("import", ics, "--calendar", CAL, data=data)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("imported 8 objects", r.stdout)
        again = self.run_cli("export", "--calendar", CAL, data=data)
        self.assertEqual(components(again.stdout), first)
        with BookdavServer(users={}, data_dir=data) as srv:
            after = calendar_events(srv, CAL, "alice")
        self.assertEqual(sorted(e for events in before.values() for e in events),
                         sorted(e for events in after.values() for e in events))

    def test_import_again_replaces_by_uid_and_reads_stdin(self):
        data = self.fresh()
        one = self.write("one.ics", ics_event("same-uid", summary="First"))
        self.assertEqual(self.run_cli("import", one, "--calendar", "/dav/calendars/alice/calendar", data=data).returncode, 0)
        r = self.run_cli("import", "-", "--calendar", "/dav/calendars/alice/calendar/", data=data,
                         stdin=ics_event("same-uid", summary="Second"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("0 new, 1 replaced", r.stdout)
        out = self.run_cli("export", "--calendar", "/dav/calendars/alice/calendar/", data=data).stdout
        self.assertEqual(out.count("BEGIN:VEVENT"), 1)
        self.assertIn("SUMMARY:Second", out)

    def test_bad_files_name_the_line_and_import_nothing(self):
        data = self.fresh()
        good = ics_event("ok-1")
        broken_line = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nthis line has no colon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        reversed_times = (good.replace("END:VCALENDAR\r\n", "") + "BEGIN:VEVENT\r\nUID:bad-2\r\nDTSTAMP:20261101T000000Z\r\n"
                          "DTSTART:20261201T100000Z\r\nDTEND:20261201T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        never = (good.replace("END:VCALENDAR\r\n", "") + "BEGIN:VEVENT\r\nUID:never\r\nDTSTAMP:20261101T000000Z\r\n"
                 "DTSTART:20261201T100000Z\r\nRRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\r\nEND:VEVENT\r\n"
                 "END:VCALENDAR\r\n")
        for text, line, words in [(broken_line, 5, ""), (reversed_times, 15, "DTEND"),
                                  (never, 11, "produces no instance"),
                                  ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u\r\n", 0, ""),
                                  ("hello world\r\n", 1, ""), ("", 0, "")]:
            path = self.write("bad.ics", text)
            r = self.run_cli("import", path, "--calendar", CAL, data=data)
            self.assertEqual(r.returncode, 1, (text, r.stdout, r.stderr))
            self.assertIn(path, r.stderr)
            if line:
                self.assertIn(f"line {line}", r.stderr)
            self.assertIn(words, r.stderr)
            self.assertEqual(r.stdout, "")
        # Nothing was imported: the calendar does not even exist.
        r = self.run_cli("export", "--calendar", CAL, data=data)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no calendar", r.stderr)

    def test_usage_and_unknown_targets(self):
        data = self.fresh()
        ics = self.write("one.ics", ics_event("u1"))
        self.assertEqual(self.run_cli("import", ics, data=data).returncode, 2, "--calendar is required")
        self.assertEqual(self.run_cli("import", ics, "--calendar", "/elsewhere/", data=data).returncode, 2)
        self.assertEqual(self.run_cli("import", ics, "--calendar", "/dav/calendars/alice/a/b/", data=data).returncode, 2)
        for computed in ("bookings", "service-cut", "resource-ana", "inbox"):
            r = self.run_cli("import", ics, "--calendar", f"/dav/calendars/alice/{computed}/", data=data)
            self.assertEqual(r.returncode, 2, computed)
            self.assertIn("ordinary calendar", r.stderr)
        r = self.run_cli("import", ics, "--calendar", "/dav/calendars/zed/calendar/", data=data)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no user zed", r.stderr)
        r = self.run_cli("import", os.path.join(self.tmp, "missing.ics"), "--calendar", CAL, data=data)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot be read", r.stderr)
        self.assertEqual(self.run_cli("export", data=data).returncode, 2)
        out = os.path.join(self.tmp, "out.ics")
        r = self.run_cli("export", "--calendar", "/dav/calendars/alice/calendar/", "--output", out, data=data)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(open(out, encoding="utf-8").read().startswith("BEGIN:VCALENDAR"))

    def test_progress_bar_only_on_a_terminal(self):
        data = self.fresh()
        big = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n" + "".join(
            f"BEGIN:VEVENT\r\nUID:bulk-{i}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20270101T{i % 24:02d}0000Z\r\n"
            f"DURATION:PT30M\r\nSUMMARY:Bulk {i}\r\nEND:VEVENT\r\n" for i in range(400)) + "END:VCALENDAR\r\n"
        path = self.write("big.ics", big)
        piped = self.run_cli("import", path, "--calendar", CAL, data=data)
        self.assertEqual(piped.returncode, 0, piped.stderr)
        self.assertNotIn("[#", piped.stderr)
        # Again with stderr on a pseudo-terminal: the bar is drawn there, and stdout stays clean.
        master, slave = pty.openpty()
        proc = subprocess.Popen([binary(), "import", path, "--calendar", CAL, *storage_args(data)],
                                stdout=subprocess.PIPE, stderr=slave, text=True)
        os.close(slave)
        drawn = b""
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
        out, _ = proc.communicate(timeout=60)
        os.close(master)
        self.assertEqual(proc.returncode, 0)
        self.assertIn(b"400/400 (100%)", drawn)
        self.assertIn(b"[##############################]", drawn)
        self.assertIn("0 new, 400 replaced", out)
        self.assertNotIn("[", out)


if __name__ == "__main__":
    unittest.main()
