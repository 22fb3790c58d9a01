"""litmus (Debian's WebDAV compliance suite) against a live bookdav, on a calendar-home path.
basic, copymove, props and http must pass 100%; locks must be skipped by litmus itself because
bookdav does not claim DAV class 2."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer  # noqa: E402


class Litmus(unittest.TestCase):
    def test_litmus_suites(self):
        litmus = shutil.which("litmus")
        self.assertIsNotNone(litmus, "litmus is not installed (apt-get install litmus)")
        with BookdavServer(users={"alice": "customer"}) as srv, tempfile.TemporaryDirectory() as work:
            r = subprocess.run([litmus, "-k", srv.url + "/dav/calendars/alice/", "alice", "alice"],
                               capture_output=True, text=True, timeout=600, cwd=work)
            out = r.stdout + r.stderr
            print(out)
            summaries = dict(re.findall(r"summary for `(\w+)': of \d+ tests run: \d+ passed, \d+ failed\. ([\d.]+)%",
                                        out))
            for suite in ("basic", "copymove", "props", "http"):
                self.assertEqual(summaries.get(suite), "100.0", f"litmus {suite}: {summaries.get(suite)}")
            self.assertIn("locking tests skipped", out)
            self.assertNotIn("FAIL", out)


if __name__ == "__main__":
    unittest.main()
