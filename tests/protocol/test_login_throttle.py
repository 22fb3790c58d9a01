"""Login throttling against the real binary (server/auth/LoginThrottle.h, README "Signing in"): after
a few wrong passwords from one address, both faces answer 429 with Retry-After, with delays that
double; a right password from that address waits too, but signs in from another address (all of
127.0.0.0/8 is loopback, so the client binds 127.0.0.2); and throttled attempts cost no password
check: 200 of them take a fraction of what 200 checks take. Takes about 10 s (it waits out the
first delays, 1 + 2 + 4 s, to get a window of 8 s)."""
import http.client
import json
import os
import sys
import time
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import B, D, BookdavServer  # noqa: E402

PROPFIND = ('<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
            '<d:current-user-principal/></d:prop></d:propfind>')
FREE_FAILURES = 5  # the address allowance (LoginThrottle.h): the 6th failure is the first that blocks


class LoginThrottle(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer"}).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def connect(self, source):
        return http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=60, source_address=(source, 0))

    def attempt(self, password, source="127.0.0.1", face="dav", user="alice", conn=None):
        """One request as `user` from `source` on the CalDAV or JSON face."""
        own = conn is None
        conn = conn or self.connect(source)
        try:
            headers = {"Authorization": self.srv.auth(user, password)}
            if face == "dav":
                conn.request("PROPFIND", "/dav/", body=PROPFIND,
                             headers={**headers, "Depth": "0", "Content-Type": "application/xml"})
            else:
                conn.request("GET", "/api/v1/me", headers=headers)
            r = conn.getresponse()
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read()
        finally:
            if own:
                conn.close()

    def assertThrottled(self, answer, face):
        status, headers, body = answer
        self.assertEqual(status, 429, body)
        self.assertGreaterEqual(int(headers["retry-after"]), 1, headers)
        if face == "dav":
            root = ET.fromstring(body)
            self.assertEqual(root.tag, f"{{{D}}}error")
            self.assertIsNotNone(root.find(f"{{{B}}}too-many-requests"), body)
            self.assertIn("try again", root.findtext(f"{{{B}}}message"))
        else:
            error = json.loads(body)["error"]
            self.assertEqual(error["code"], "too-many-requests", body)
            self.assertIn("try again", error["message"])
        return int(headers["retry-after"])

    def test_wrong_passwords_are_throttled_on_both_faces_without_locking_the_user_out(self):
        # What one password check costs here: wrong passwords from an address with a clean record.
        check = min(self.timed(lambda i=i: self.assertEqual(
            self.attempt("wrong", source=f"127.0.0.{3 + i}", user="bob")[0], 401)) for i in range(3))

        for n in range(FREE_FAILURES + 1):
            self.assertEqual(self.attempt(f"guess-{n}")[0], 401, f"failure {n + 1} is checked")
        waits = [self.assertThrottled(self.attempt("guess"), "dav")]
        while waits[-1] < 8:  # wait out the delay, fail once more: the next delay is twice as long
            time.sleep(waits[-1])
            self.assertEqual(self.attempt("guess-after-wait")[0], 401)
            waits.append(self.assertThrottled(self.attempt("guess", face="json"), "json"))
        self.assertEqual(waits, [1, 2, 4, 8])
        window_end = time.monotonic() + waits[-1]

        # During the delay: both faces refuse, even the right password, and a storm costs no hashing.
        self.assertThrottled(self.attempt("guess", face="dav"), "dav")
        self.assertThrottled(self.attempt("guess", face="json"), "json")
        self.assertThrottled(self.attempt("alice", face="dav"), "dav")
        self.assertThrottled(self.attempt("alice", face="json"), "json")
        dav, api = self.connect("127.0.0.1"), self.connect("127.0.0.1")
        try:
            start = time.monotonic()
            for i in range(100):
                self.assertEqual(self.attempt(f"storm-{i}", face="dav", conn=dav)[0], 429)
                self.assertEqual(self.attempt(f"storm-{i}", face="json", conn=api)[0], 429)
            storm = time.monotonic() - start
        finally:
            dav.close()
            api.close()
        self.assertLess(time.monotonic(), window_end, "the storm must fall inside the delay")
        print(f"\none password check {check * 1000:.0f} ms; 200 throttled attempts {storm * 1000:.0f} ms",
              file=sys.stderr)
        self.assertLess(storm, 200 * check / 4, "throttled attempts must not check passwords")

        # The right password from another address signs in, on both faces...
        self.assertEqual(self.attempt("alice", source="127.0.0.2", face="dav")[0], 207)
        status, _, body = self.attempt("alice", source="127.0.0.2", face="json")
        self.assertEqual((status, json.loads(body)["user"]), (200, "alice"))
        # ...and does not free the throttled address.
        self.assertThrottled(self.attempt("alice", face="json"), "json")

    @staticmethod
    def timed(f):
        start = time.monotonic()
        f()
        return time.monotonic() - start


if __name__ == "__main__":
    unittest.main()
