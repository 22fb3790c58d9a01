"""ical.js (the parser of Thunderbird and Cal.com) reads every organizer copy and every iTIP message bookdav
writes for invitations (README "Booking by inviting a service"): an ACCEPTED copy with its NON-PARTICIPANT
resources, a DECLINED copy whose X-BOOKDAV-REASON sentence holds ':' and ',', a copy the business canceled
(STATUS:CANCELLED) and approved, and the CANCEL and REPLY messages in the inbox. Each parses, round-trips,
has no invalid values, and the reason parameter decodes to the sentence the server wrote."""
import datetime as dt
import json
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "protocol"))
import nodejs  # noqa: E402
from bookdav_server import BookdavServer, D, responses  # noqa: E402
from test_business import TestBusiness  # noqa: E402
from test_scheduling import M30, invitation  # noqa: E402

H = dt.timedelta(hours=1)


class SchedulingTextsWithIcalJs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "admin": "admin"})
        cls.srv.start()
        cls.biz.load(cls.srv)
        put = lambda name, body: cls.srv.request(  # noqa: E731
            "PUT", f"/dav/calendars/alice/calendar/{name}", body, user="alice",
            headers={"Content-Type": "text/calendar"})
        s = cls.biz.cut_slot
        put("ok.ics", invitation("alice", "ij-ok", s, s + M30))
        put("no.ics", invitation("alice", "ij-no", s + dt.timedelta(minutes=10), s + dt.timedelta(minutes=40)))
        put("gone.ics", invitation("alice", "ij-gone", s + 2 * H, s + 2 * H + M30))
        f = cls.biz.french_start
        put("fr.ics", invitation("alice", "ij-fr", f, f + H, service="mailto:french@services.localhost"))
        bookings = {b["uid"]: b for b in json.loads(cls.srv.request("GET", "/api/v1/bookings", user="alice").body)[
            "bookings"]}
        admin = dict(user="admin", headers={"Content-Type": "application/json"})
        cls.srv.request("POST", f"/api/v1/bookings/{bookings['ij-gone']['id']}/cancel", "{}", **admin)
        cls.srv.request("POST", f"/api/v1/bookings/{bookings['ij-fr']['id']}/confirm", "{}", **admin)
        deadline = time.monotonic() + 10
        while True:  # the server delivers off the request's path
            found, _ = responses(cls.srv.propfind("/dav/calendars/alice/inbox/", ["d:getetag"], "alice", "1").body)
            messages = [h for h in found if h.endswith(".ics")]
            if len(messages) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        cls.bodies = {h: cls.srv.request("GET", h, user="alice").text for h in messages}
        for name in ("ok.ics", "no.ics", "gone.ics", "fr.ics"):
            cls.bodies[name] = cls.srv.request("GET", f"/dav/calendars/alice/calendar/{name}", user="alice").text
        cls.results, cls.setup_error = nodejs.check_with_icaljs(cls.bodies)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def attendee_params(self, name, address):
        for comp in self.results[name]["components"]:
            for a in comp["props"].get("ATTENDEE", []):
                if a["value"].lower() == address:
                    return a["params"]
        self.fail(f"{address} not in {name}")

    def test_every_text_parses_and_round_trips(self):
        self.assertIsNone(self.setup_error)
        self.assertEqual(len(self.bodies), 6, list(self.bodies))
        for name, result in self.results.items():
            self.assertTrue(result["ok"], f"{name}: {result}")
            self.assertTrue(result["roundtrip"], name)
            self.assertEqual(result["problems"], [], name)

    def test_answers_as_ical_js_reads_them(self):
        self.assertIsNone(self.setup_error)
        cut = "mailto:cut@services.localhost"
        self.assertEqual(self.attendee_params("ok.ics", cut)["PARTSTAT"], "ACCEPTED")
        self.assertEqual(self.attendee_params("ok.ics", "mailto:sam@localhost")["ROLE"], "NON-PARTICIPANT")
        declined = self.attendee_params("no.ics", cut)
        self.assertEqual(declined["PARTSTAT"], "DECLINED")
        self.assertTrue(declined["X-BOOKDAV-REASON"].startswith("slot-unavailable: "), declined)
        self.assertEqual(self.attendee_params("gone.ics", cut)["PARTSTAT"], "DECLINED")
        self.assertEqual(self.attendee_params("fr.ics", "mailto:french@services.localhost")["PARTSTAT"], "ACCEPTED")
        methods = sorted(c["props"]["METHOD"][0]["value"] for name, r in self.results.items() if "/inbox/" in name
                         for c in r["components"] if c["name"].lower() == "vcalendar")
        self.assertEqual(methods, ["CANCEL", "REPLY"])


if __name__ == "__main__":
    unittest.main()
