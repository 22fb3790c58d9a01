"""The README walkthrough against the real binary with --demo: its curl block (find slots, book, list)
and its export/import block run as written, and the Google Calendar feed of alice's bookings answers
without a login."""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, events_starting, slots  # noqa: E402
from bookdav_server import ROOT, binary, storage_args  # noqa: E402


def readme_block(marker):
    """The ```sh block after the `<!-- walkthrough: marker` comment of README.md."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"<!-- walkthrough: " + marker + r"\b.*?-->\n```sh\n(.*?)```", text, re.S)
    assert m, f"README.md has no walkthrough block {marker}"
    return m.group(1)


class Walkthrough(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ApiServer(users={}, demo=True).start()
        cls.cwd = tempfile.mkdtemp(prefix="bookdav-walk-")

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)
        shutil.rmtree(cls.cwd, ignore_errors=True)

    def run_block(self, marker):
        script = readme_block(marker).replace("http://127.0.0.1:8080", self.srv.url)
        storage = " ".join(shlex.quote(a) for a in storage_args(self.srv.data))
        script = script.replace("build/bookdav", os.path.abspath(binary())).replace("--data data", storage)
        r = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=self.cwd, capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return r

    def test_curl_block_books_a_haircut(self):
        self.assertIsNotNone(shutil.which("curl"), "curl is not installed (scripts/install-deps installs it)")
        out = self.run_block("curl").stdout
        self.assertIn('"services":', out)
        self.assertIn('"slots":', out)
        self.assertIn('"localStart":', out)
        self.assertIn('"status":"CONFIRMED"', out)
        self.assertIn('"sessions":', out, "the admin's calendar overview")
        mine = self.srv.api("GET", "/bookings?serviceId=haircut", user="alice").json["bookings"]
        self.assertEqual(len(mine), 1)
        self.assertEqual(len(events_starting(self.srv, "/dav/calendars/alice/bookings/", "alice", mine[0]["start"])), 1)

    def test_export_block_and_the_feed(self):
        slot = slots(self.srv, "vinyasa-flow", days=14)[0]
        b = self.srv.api("POST", "/bookings", {"serviceId": "vinyasa-flow", "sessionId": slot["sessionId"]}, user="alice")
        self.assertEqual(b.status, 201, b)
        r = self.run_block("export")
        self.assertIn("imported", r.stdout)
        with open(os.path.join(self.cwd, "alice-bookings.ics"), encoding="utf-8") as f:
            exported = f.read()
        self.assertTrue(exported.startswith("BEGIN:VCALENDAR"))
        self.assertIn("BEGIN:VEVENT", exported)
        archived = self.srv.request("GET", "/dav/calendars/alice/archive/", user="alice")
        self.assertEqual(archived.status, 200)
        self.assertIn("BEGIN:VEVENT", archived.text)
        feed = subprocess.run([binary(), "feed", "create", "--calendar", "/dav/calendars/alice/bookings/",
                               *storage_args(self.srv.data), "--base-url", self.srv.url], capture_output=True, text=True, timeout=60)
        self.assertEqual(feed.returncode, 0, feed.stderr)
        url = feed.stdout.strip()
        self.assertTrue(url.startswith(self.srv.url + "/feeds/"), url)
        got = self.srv.request("GET", url[len(self.srv.url):])
        self.assertEqual(got.status, 200, got)
        self.assertTrue(got.header("Content-Type").startswith("text/calendar"))
        self.assertIn("BEGIN:VEVENT", got.text)


if __name__ == "__main__":
    unittest.main()
