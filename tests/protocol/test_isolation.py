"""A user reaches only their own home: every method on another user's paths answers 403 and
changes nothing."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer, ics_event, responses  # noqa: E402

ALICE_CAL = "/dav/calendars/alice/calendar/"


class Isolation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer"}).start()
        r = cls.srv.request("PUT", ALICE_CAL + "secret.ics", ics_event("secret", summary="Alice only"), user="alice",
                            headers={"Content-Type": "text/calendar"})
        assert r.status == 201, r

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def alice_state(self):
        r = self.srv.propfind(ALICE_CAL, ["cs:getctag", "d:getetag", "d:displayname"], "alice", depth="1")
        found, _ = responses(r.body)
        return sorted((h, tuple(sorted((k, (v.text or "")) for k, v in p.items()))) for h, p in found.items())

    def test_bob_cannot_touch_alice(self):
        before = self.alice_state()
        attempts = [
            ("GET", ALICE_CAL + "secret.ics", None, {}),
            ("PROPFIND", ALICE_CAL, None, {"Depth": "1"}),
            ("PROPFIND", "/dav/calendars/alice/", None, {"Depth": "1"}),
            ("PUT", ALICE_CAL + "secret.ics", ics_event("secret", summary="Bob was here"), {"Content-Type": "text/calendar"}),
            ("PUT", ALICE_CAL + "new.ics", ics_event("bob-new"), {"Content-Type": "text/calendar"}),
            ("DELETE", ALICE_CAL + "secret.ics", None, {}),
            ("DELETE", ALICE_CAL, None, {}),
            ("MKCALENDAR", "/dav/calendars/alice/bobs/", None, {}),
            ("MKCOL", "/dav/calendars/alice/bobs/", None, {}),
            ("PROPPATCH", ALICE_CAL, '<propertyupdate xmlns="DAV:"><set><prop><displayname>Bob</displayname></prop></set>'
             "</propertyupdate>", {}),
            ("MOVE", ALICE_CAL + "secret.ics", None, {"Destination": "/dav/calendars/bob/calendar/stolen.ics"}),
            ("COPY", ALICE_CAL + "secret.ics", None, {"Destination": "/dav/calendars/bob/calendar/stolen.ics"}),
            ("COPY", "/dav/calendars/bob/calendar/", None, {"Destination": "/dav/calendars/alice/planted/"}),
            ("REPORT", ALICE_CAL, '<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
             f"<D:prop><D:getetag/></D:prop><D:href>{ALICE_CAL}secret.ics</D:href></C:calendar-multiget>", {"Depth": "1"}),
        ]
        for method, path, body, headers in attempts:
            r = self.srv.request(method, path, body, user="bob", headers=headers)
            self.assertEqual(r.status, 403, (method, path, r))
            self.assertNotIn(b"Alice only", r.body)
        self.assertEqual(self.alice_state(), before)
        self.assertEqual(self.srv.request("GET", "/dav/calendars/bob/calendar/stolen.ics", user="bob").status, 404)
        self.assertIn("Alice only", self.srv.request("GET", ALICE_CAL + "secret.ics", user="alice").text)

    def test_depth_one_on_roots_lists_only_own(self):
        r = self.srv.propfind("/dav/calendars/", ["d:resourcetype"], "bob", depth="1")
        self.assertEqual(r.status, 207)
        found, _ = responses(r.body)
        self.assertIn("/dav/calendars/bob/", found)
        self.assertNotIn("/dav/calendars/alice/", found)
        r = self.srv.propfind("/dav/principals/", ["d:resourcetype"], "bob", depth="1")
        found, _ = responses(r.body)
        self.assertNotIn("/dav/principals/alice/", found)

    def test_other_principal_is_refused(self):
        r = self.srv.propfind("/dav/principals/alice/", ["c:calendar-home-set"], "bob")
        self.assertEqual(r.status, 403)


if __name__ == "__main__":
    unittest.main()
