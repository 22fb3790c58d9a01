"""GET /api/v1/calendar against the real binary: the business's overview of sessions and bookings in a
range, filtered by service and resource; staff see their own resources' day; customers are refused."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, at, build_business, utc, yoga_session  # noqa: E402


class Calendar(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = srv = ApiServer().start()
        build_business(srv)
        cls.with_ana = srv.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(3, 9)), "resourceId": "ana"},
                               user="alice").json
        cls.with_ben = srv.api("POST", "/bookings", {"serviceId": "solo", "start": utc(at(3, 11))}, user="bob").json
        cls.yoga = srv.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": yoga_session(srv, 3)},
                           user="alice").json
        cls.gone = srv.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(3, 13))}, user="bob").json
        srv.api("POST", f"/bookings/{cls.gone['id']}/cancel", user="bob")
        cls.day = f"from={utc(at(3, 0))}&to={utc(at(4, 0))}"

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def overview(self, query, user="admin", status=200):
        r = self.srv.api("GET", "/calendar?" + query, user=user)
        self.assertEqual(r.status, status, r)
        return r

    def test_the_business_sees_the_whole_day(self):
        c = self.overview(self.day).json
        self.assertEqual((c["from"], c["to"]), (utc(at(3, 0)), utc(at(4, 0))))
        bookings = {b["id"] for b in c["bookings"]}
        self.assertEqual(bookings, {self.with_ana["id"], self.with_ben["id"], self.yoga["id"]}, "canceled ones are gone")
        kinds = sorted(s["kind"] for s in c["sessions"])
        self.assertEqual(kinds, ["appointment", "appointment", "class", "course"])
        starts = [s["start"] for s in c["sessions"]]
        self.assertEqual(starts, sorted(starts))

    def test_filters(self):
        c = self.overview(self.day + "&serviceId=yoga").json
        self.assertEqual([b["id"] for b in c["bookings"]], [self.yoga["id"]])
        self.assertEqual([s["kind"] for s in c["sessions"]], ["class"])
        c = self.overview(self.day + "&serviceId=course").json
        self.assertEqual(([s["kind"] for s in c["sessions"]], c["bookings"]), (["course"], []))
        c = self.overview(self.day + "&resourceId=ben").json
        self.assertEqual([b["id"] for b in c["bookings"]], [self.with_ben["id"]])
        self.assertEqual(len(c["sessions"]), 1)
        c = self.overview(self.day + "&resourceId=ben&serviceId=cut").json
        self.assertEqual((c["bookings"], c["sessions"]), ([], []))
        self.overview(self.day + "&serviceId=nope", status=404)

    def test_staff_see_their_own_day(self):
        c = self.overview(self.day, user="ana").json
        self.assertEqual([b["id"] for b in c["bookings"]], [self.with_ana["id"]])
        self.assertEqual([s["resourceIds"] for s in c["sessions"]], [["ana"]])
        self.assertEqual(self.overview(self.day + "&resourceId=ana", user="ana").json["bookings"], c["bookings"])
        r = self.overview(self.day + "&resourceId=ben", user="ana", status=403)
        self.assertEqual(r.error["code"], "not-allowed")

    def test_customers_are_refused(self):
        r = self.overview(self.day, user="alice", status=403)
        self.assertEqual(r.error["code"], "not-allowed")

    def test_bad_input(self):
        for query, field in [(f"from={utc(at(4, 0))}&to={utc(at(3, 0))}", "to"), ("from=monday", "from"),
                             (f"from={utc(at(0, 0))}&to={utc(at(450, 0))}", "to"), (self.day + "&staff=ana", "staff"),
                             (self.day + "&from=" + utc(at(1, 0)), "from")]:
            r = self.overview(query, status=400)
            self.assertEqual((r.error["code"], r.error.get("field")), ("invalid-request", field), r)
        r = self.srv.api("POST", "/calendar", {})
        self.assertEqual((r.status, r.header("Allow")), (405, "GET"))
        self.assertEqual(self.srv.api("GET", "/calendar/today").status, 404)
        # A default range: a week from now.
        c = self.overview("").json
        self.assertIn(self.with_ana["id"], [b["id"] for b in c["bookings"]])


if __name__ == "__main__":
    unittest.main()
