"""Open windows move with time (issue 11 leftovers): an appointment calendar's ctag, ETag and sync token
move when the passage of time changes its windows (the first one shrinks or goes, a new day enters the
horizon), and a sync-collection from an older token reports every window added, changed or removed
since, so that applying the report to what the client held gives what a full listing shows now. The
server runs on a clock the test sets (`serve --clock FILE`), so nothing sleeps."""
import datetime as dt
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import D, BookdavServer, responses  # noqa: E402
from test_business import UTC, TestBusiness  # noqa: E402

CUT = "/dav/calendars/alice/service-cut/"
CS = "http://calendarserver.org/ns/"


def sync_body(token):
    return ('<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:">'
            f"<d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level>"
            "<d:prop><d:getetag/></d:prop></d:sync-collection>")


class OpenWindowsWithTime(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # The test's "now": the next whole hour of today plus ten seconds (cut's grid is 30 minutes,
        # its notice one hour, its horizon 20 days; it works around the clock in UTC).
        real = dt.datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        cls.t0 = real + dt.timedelta(hours=1, seconds=10)
        cls.clock_dir = tempfile.TemporaryDirectory()
        cls.clock = os.path.join(cls.clock_dir.name, "now")
        cls.set_clock(cls.t0)
        cls.biz = TestBusiness(now=cls.t0)
        cls.srv = BookdavServer(users={"alice": "customer", "admin": "admin", "sam": "staff"},
                                extra_args=["--clock", cls.clock])
        cls.srv.start()
        cls.biz.load(cls.srv)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)
        cls.clock_dir.cleanup()

    @classmethod
    def set_clock(cls, t):
        tmp = cls.clock + ".new"
        with open(tmp, "w") as f:
            f.write(str(int(t.timestamp())))
        os.replace(tmp, cls.clock)

    def members(self):
        """{name: etag} of the calendar's members, from a full listing."""
        r = self.srv.propfind(CUT, ["d:getetag"], "alice", "1")
        self.assertEqual(r.status, 207, r)
        found, _ = responses(r.body)
        return {h.rsplit("/", 1)[1]: p[f"{{{D}}}getetag"].text for h, p in found.items() if h != CUT}

    def position(self):
        """(sync token, ctag, getetag) of the calendar."""
        r = self.srv.propfind(CUT, ["d:sync-token", "cs:getctag", "d:getetag"], "alice")
        found, _ = responses(r.body)
        p = found[CUT]
        return p[f"{{{D}}}sync-token"].text, p[f"{{{CS}}}getctag"].text, p[f"{{{D}}}getetag"].text

    def sync(self, token):
        """The response of a sync-collection from token."""
        return self.srv.request("REPORT", CUT, sync_body(token), user="alice",
                                headers={"Content-Type": "application/xml", "Depth": "0"})

    def apply_sync(self, held, token):
        """What a client holding `held` at `token` holds after one sync-collection, and the new token."""
        r = self.sync(token)
        self.assertEqual(r.status, 207, r)
        root = r.xml()
        held = dict(held)
        for resp in root.findall(f"{{{D}}}response"):
            name = resp.findtext(f"{{{D}}}href").rsplit("/", 1)[1]
            status = resp.findtext(f"{{{D}}}status")
            if status and " 404 " in status:
                held.pop(name, None)
            else:
                held[name] = resp.find(f"{{{D}}}propstat/{{{D}}}prop/{{{D}}}getetag").text
        return held, root.findtext(f"{{{D}}}sync-token")

    def test_time_moves_the_windows_and_sync_reports_every_change(self):
        self.set_clock(self.t0)
        held0 = self.members()
        token0, ctag0, etag0 = self.position()
        first0 = min(n for n in held0 if n.startswith("open-"))

        # A minute later nothing time decides has changed: the same position, nothing to sync.
        self.set_clock(self.t0 + dt.timedelta(minutes=1))
        self.assertEqual(self.position(), (token0, ctag0, etag0))
        self.assertEqual(self.apply_sync(held0, token0), (held0, token0))

        # Five hours later the first window starts later (notice) and the last one reaches further.
        self.set_clock(self.t0 + dt.timedelta(hours=5))
        held1 = self.members()
        token1, ctag1, etag1 = self.position()
        self.assertNotEqual(ctag1, ctag0)
        self.assertNotEqual(etag1, etag0)
        self.assertNotEqual(token1, token0)
        self.assertNotEqual(held1, held0)
        synced, token = self.apply_sync(held0, token0)
        self.assertEqual(synced, held1)
        self.assertEqual(token, token1)

        # Two days and a midnight later: days left, new days entered the horizon. A client at either
        # older token ends with what a full listing shows.
        self.set_clock(self.t0 + dt.timedelta(days=2, hours=7))
        held2 = self.members()
        self.assertNotIn(first0, held2)
        token2, _, _ = self.position()
        for held, token in ((held1, token1), (held0, token0)):
            synced, new_token = self.apply_sync(held, token)
            self.assertEqual(synced, held2)
            self.assertEqual(new_token, token2)

    def test_tokens_older_than_the_horizon_or_from_the_future_are_refused(self):
        self.set_clock(self.t0 + dt.timedelta(days=3))
        token, _, _ = self.position()
        for later in (dt.timedelta(days=25), dt.timedelta(days=-1)):  # the horizon is 20 days
            self.set_clock(self.t0 + dt.timedelta(days=3) + later)
            r = self.sync(token)
            self.assertEqual(r.status, 403, r)
            self.assertIsNotNone(r.xml().find(f"{{{D}}}valid-sync-token"), r)
        self.set_clock(self.t0)


if __name__ == "__main__":
    unittest.main()
