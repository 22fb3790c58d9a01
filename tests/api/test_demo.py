"""`bookdav serve --demo` against the real binary: the demo business has services of all three kinds,
each with at least an hour's notice and a 15-minute grid, the demo users with their roles (ana is
the staff member behind resource ana), and a restart with --demo changes nothing."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import EXAMPLES, ApiServer, at, utc  # noqa: E402
from bookdav_server import binary  # noqa: E402


def seconds(iso):
    """Seconds of an ISO 8601 duration such as PT1H30M or P2D."""
    d, h, mi, s = (int(x or 0) for x in re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", iso).groups())
    return ((d * 24 + h) * 60 + mi) * 60 + s


class Demo(unittest.TestCase):
    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="bookdav-demo-")

    def tearDown(self):
        shutil.rmtree(self.data, ignore_errors=True)

    def snapshot(self, srv):
        week = f"?from={utc(at(1, 0))}&to={utc(at(8, 0))}"
        return (srv.api("GET", "/services").json, srv.api("GET", "/resources").json,
                srv.api("GET", "/sessions" + week).json)

    def test_demo_business_and_users(self):
        with ApiServer(users={}, demo=True, data_dir=self.data) as srv:
            services = srv.api("GET", "/services", user="alice").json["services"]
            self.assertEqual({s["kind"] for s in services}, {"appointment", "class", "course"})
            for s in services:
                self.assertGreaterEqual(seconds(s["policy"]["minimumNotice"]), 3600, s["id"])
                self.assertGreaterEqual(seconds(s["policy"]["slotGranularity"]), 900, s["id"])
            for user, role in (("admin", "admin"), ("ana", "staff"), ("alice", "customer")):
                me = srv.api("GET", "/me", user=user)
                self.assertEqual((me.status, me.json["user"], me.json["role"]), (200, user, role), me)
            self.assertEqual(srv.api("GET", "/me", user="ana").json["resourceIds"], ["ana"])
            self.assertEqual(srv.api("GET", "/calendar", user="ana").status, 200)
            self.assertEqual(srv.api("GET", "/calendar", user="alice").status, 403)

    def test_a_restart_with_demo_changes_nothing(self):
        with ApiServer(users={}, demo=True, data_dir=self.data) as srv:
            before = self.snapshot(srv)
        with ApiServer(users={}, demo=True, data_dir=self.data) as srv:
            self.assertEqual(self.snapshot(srv), before)
        with open(os.path.join(self.data, "server.log"), encoding="utf-8") as f:
            log = f.read()
        self.assertEqual(len(re.findall(r"items: 0 created, 0 updated, \d+ unchanged", log)), 3, log)

    def test_examples_option(self):
        partial = tempfile.mkdtemp(dir=self.data)
        shutil.copy(os.path.join(EXAMPLES, "hair-salon.json"), partial)
        r = subprocess.run([binary(), "serve", "--listen", "127.0.0.1:1", "--data", self.data, "--demo",
                            "--examples", partial], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("yoga-studio.json: cannot be read", r.stderr)
        r = subprocess.run([binary(), "serve", "--data", self.data, "--examples", partial], capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(r.returncode, 2, r.stderr)


if __name__ == "__main__":
    unittest.main()
