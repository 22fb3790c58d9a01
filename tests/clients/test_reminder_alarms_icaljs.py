"""A service's reminders as VALARMs in the booking events bookdav serves (issue 13, item 5), read by ical.js
(tests/clients/js/icaljs_check.mjs): alice's appointment in bookings/ and in service-cut/ carries one display
alarm per offset of the business file (TRIGGER a negative duration before the start, DESCRIPTION). Loading
the business file again with other offsets (`bookdav load` beside the running server) moves the event's ETag,
the calendar's ctag and sync token, and a sync-collection report from the old token names the event; a
customer who opts out (PUT /api/v1/notification-settings) gets events without alarms, also with a new ETag."""
import copy
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import nodejs  # noqa: E402
from bookdav_server import CS, D, BookdavServer, responses  # noqa: E402
from test_business import TestBusiness, booking_event  # noqa: E402

HOME = "/dav/calendars/alice/"
BOOKINGS = HOME + "bookings/"


class ReminderAlarmsWithIcalJs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "sam": "staff", "admin": "admin"}).start()
        cls.load(["P1D", "PT2H"])
        r = cls.srv.request("PUT", HOME + "service-cut/cut.ics", booking_event("alarm-cut", cls.biz.cut_slot),
                            user="alice", headers={"Content-Type": "text/calendar; charset=utf-8"})
        assert r.status == 201, r
        found, _ = responses(cls.srv.propfind(BOOKINGS, ["d:getetag"], "alice", depth="1").body)
        members = [h for h in found if h.endswith(".ics")]
        assert len(members) == 1, found
        cls.member = members[0]

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    @classmethod
    def load(cls, reminders):
        """`bookdav load` of the business file with these reminders on the cut service."""
        doc = copy.deepcopy(cls.biz.document())
        for s in doc["services"]:
            if s["id"] == "cut":
                s["reminders"] = reminders
        fd, path = tempfile.mkstemp(suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump(doc, f)
        try:
            cls.srv.cli("load", path)
        finally:
            os.unlink(path)

    def get(self, path):
        r = self.srv.request("GET", path, user="alice")
        self.assertEqual(r.status, 200, r)
        return r

    def collection(self):
        """(ctag, sync token) of alice's bookings/."""
        found, _ = responses(self.srv.propfind(BOOKINGS, ["cs:getctag", "d:sync-token"], "alice").body)
        props = found[BOOKINGS]
        return props[f"{{{CS}}}getctag"].text, props[f"{{{D}}}sync-token"].text

    def alarms(self, text):
        """[(ACTION, TRIGGER, DESCRIPTION, path)] of the VALARMs ical.js reads in the text."""
        results, error = nodejs.check_with_icaljs({"event": text})
        self.assertIsNone(error)
        result = results["event"]
        self.assertTrue(result["ok"], result)
        self.assertEqual(result["problems"], [])
        self.assertTrue(result["roundtrip"])
        out = []
        for c in result["components"]:
            if c["name"] != "VALARM":
                continue
            self.assertTrue(c["path"].startswith("VCALENDAR/VEVENT"), c["path"])
            trigger = c["props"]["TRIGGER"][0]
            self.assertEqual(trigger["type"], "duration")
            out.append((c["props"]["ACTION"][0]["values"][0], trigger["values"][0],
                        c["props"]["DESCRIPTION"][0]["values"][0], c["path"]))
        return out

    def test_1_alarms_per_offset_in_both_calendars(self):
        for path in (self.member, HOME + "service-cut/cut.ics"):
            alarms = self.alarms(self.get(path).text)
            self.assertEqual(sorted((a, t, d) for a, t, d, _ in alarms),
                             [("DISPLAY", "-P1D", "Reminder: Cut"), ("DISPLAY", "-PT2H", "Reminder: Cut")], path)
        self.assertEqual(self.get(self.member).header("ETag"), self.get(HOME + "service-cut/cut.ics").header("ETag"))

    def test_2_other_offsets_move_etag_ctag_and_sync_token(self):
        etag = self.get(self.member).header("ETag")
        ctag, token = self.collection()
        self.load(["P1D", "PT2H"])  # the same offsets: nothing moves
        self.assertEqual(self.get(self.member).header("ETag"), etag)
        self.assertEqual(self.collection(), (ctag, token))

        self.load(["PT30M"])
        after = self.get(self.member)
        self.assertNotEqual(after.header("ETag"), etag)
        self.assertEqual([(a, t) for a, t, _, _ in self.alarms(after.text)], [("DISPLAY", "-PT30M")])
        ctag2, token2 = self.collection()
        self.assertNotEqual(ctag2, ctag)
        self.assertNotEqual(token2, token)
        report = ('<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:">'
                  f"<d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level>"
                  "<d:prop><d:getetag/></d:prop></d:sync-collection>")
        r = self.srv.request("REPORT", BOOKINGS, report, user="alice",
                             headers={"Content-Type": "application/xml; charset=utf-8"})
        self.assertEqual(r.status, 207, r)
        found, _ = responses(r.body)
        self.assertIn(self.member, found)
        self.assertEqual(found[self.member][f"{{{D}}}getetag"].text, after.header("ETag"))

    def test_3_opting_out_removes_them(self):
        etag = self.get(self.member).header("ETag")
        r = self.srv.request("PUT", "/api/v1/notification-settings", json.dumps({"reminders": False}), user="alice",
                             headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        after = self.get(self.member)
        self.assertEqual(self.alarms(after.text), [])
        self.assertNotEqual(after.header("ETag"), etag)


if __name__ == "__main__":
    unittest.main()
