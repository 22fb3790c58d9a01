"""POST /api/v1/availability/query against the real binary: the answer's shape (DESIGN.md), local
times in the asked zone, resource filters, the policy's notice and horizon, classes with places and
waitlists, courses as one slot, and bad input."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import BusinessTest, at, utc, yoga_session  # noqa: E402

SLOT_KEYS = {"start", "end", "resourceIds", "openSpots", "totalSpots", "bookable", "waitlist"}


class Availability(BusinessTest):
    def query(self, body, user="alice"):
        return self.srv.api("POST", "/availability/query", body, user=user)

    def slots(self, body, user="alice"):
        r = self.query(body, user)
        self.assertEqual(r.status, 200, r)
        return r.json["slots"]

    def assertInvalid(self, body, field, status=400, code="invalid-request"):
        r = self.query(body)
        self.assertEqual(r.status, status, r)
        self.assertEqual(r.error["code"], code, r)
        if field:
            self.assertEqual(r.error.get("field"), field, r)

    def test_appointment_slots_have_the_contract_shape(self):
        r = self.query({"serviceId": "cut", "from": utc(at(2, 9)), "to": utc(at(2, 10))})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["serviceId"], r.json["timezone"]), ("cut", "UTC"))
        slots = r.json["slots"]
        self.assertEqual([s["start"] for s in slots], [utc(at(2, 9)), utc(at(2, 9, 30))])
        for s in slots:
            self.assertTrue(SLOT_KEYS <= set(s), s)
            self.assertEqual((s["openSpots"], s["totalSpots"], s["bookable"], s["waitlist"]), (2, 2, True, False))
            self.assertEqual(s["resourceIds"], ["ana"])
        self.assertEqual(slots[0]["end"], utc(at(2, 9, 30)))

    def test_local_times_in_the_asked_zone(self):
        s = self.slots({"serviceId": "cut", "from": utc(at(2, 9)), "to": utc(at(2, 9, 30)),
                        "timezone": "Asia/Kolkata"})[0]
        self.assertEqual(s["start"], utc(at(2, 9)))
        self.assertEqual(s["localStart"], at(2, 14, 30).strftime("%Y-%m-%dT%H:%M:00+05:30"))
        # Offsets are accepted in the range.
        t = at(2, 9).strftime("%Y-%m-%dT11:00:00+02:00")
        self.assertEqual(self.slots({"serviceId": "cut", "from": t, "to": utc(at(2, 9, 30))})[0]["start"],
                         utc(at(2, 9)))

    def test_resources_narrow_the_slots(self):
        booked = self.srv.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(3, 9)), "resourceId": "ben"},
                              user="bob")
        self.assertEqual(booked.status, 201, booked)
        both = self.slots({"serviceId": "cut", "from": utc(at(3, 9)), "to": utc(at(3, 9, 30))})
        self.assertEqual((both[0]["openSpots"], both[0]["totalSpots"], both[0]["resourceIds"]), (1, 2, ["ana"]))
        self.assertEqual(self.slots({"serviceId": "cut", "from": utc(at(3, 9)), "to": utc(at(3, 9, 30)),
                                     "resourceIds": ["ben"]}), [])
        only_ben = self.slots({"serviceId": "cut", "from": utc(at(3, 9)), "to": utc(at(3, 11)), "resourceIds": ["ben"]})
        self.assertEqual(only_ben[0]["start"], utc(at(3, 9, 30)))
        self.assertEqual(only_ben[0]["resourceIds"], ["ben"])

    def test_notice_and_horizon(self):
        slots = self.slots({"serviceId": "cut", "from": utc(at(0, 0)), "to": utc(at(1, 23))})
        import datetime
        soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
        self.assertTrue(slots)
        self.assertTrue(all(s["start"] >= utc(soon - datetime.timedelta(seconds=5)) for s in slots), slots[0])
        self.assertEqual(self.slots({"serviceId": "strict", "from": utc(at(12, 0)), "to": utc(at(13, 0))}), [])
        self.assertTrue(self.slots({"serviceId": "strict", "from": utc(at(5, 0)), "to": utc(at(6, 0))}))

    def test_class_slots_count_places_and_waitlist(self):
        sid = yoga_session(self.srv, 4)
        day = {"serviceId": "yoga", "from": utc(at(4, 0)), "to": utc(at(5, 0))}
        s = self.slots(day)[0]
        self.assertEqual((s["sessionId"], s["openSpots"], s["totalSpots"], s["bookable"], s["waitlist"]),
                         (sid, 2, 2, True, False))
        self.assertEqual(self.srv.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": sid, "participants": 2},
                                      user="alice").status, 201)
        s = self.slots(day)[0]
        self.assertEqual((s["openSpots"], s["totalSpots"], s["bookable"], s["waitlist"]), (0, 2, True, True))
        self.assertEqual(self.srv.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": sid}, user="bob").json["status"],
                         "WAITLISTED")
        self.assertEqual(self.slots(day), [], "full, and the waitlist too")
        s = self.slots(dict(day, includeUnbookable=True))[0]
        self.assertEqual((s["bookable"], s["reason"]), (False, "session-full"))

    def test_course_is_one_slot_needing_approval(self):
        slots = self.slots({"serviceId": "course", "from": utc(at(0, 0)), "to": utc(at(10, 0))})
        self.assertEqual(len(slots), 1, slots)
        s = slots[0]
        self.assertEqual(s["start"], utc(at(2, 15)))
        self.assertEqual(len(s["sessionIds"]), 3)
        self.assertEqual((s["needsApproval"], s["totalSpots"]), (True, 3))

    def test_bad_input(self):
        ok = {"serviceId": "cut", "from": utc(at(2, 9)), "to": utc(at(2, 10))}
        self.assertInvalid({k: v for k, v in ok.items() if k != "serviceId"}, "serviceId")
        self.assertInvalid({k: v for k, v in ok.items() if k != "from"}, "from")
        self.assertInvalid({k: v for k, v in ok.items() if k != "to"}, "to")
        self.assertInvalid(dict(ok, to=ok["from"]), "to")
        self.assertInvalid(dict(ok, to=utc(at(600, 0))), "to")
        self.assertInvalid(dict(ok, **{"from": "2026-13-01T00:00:00Z"}), "from")
        self.assertInvalid(dict(ok, **{"from": 1700000000}), "from")
        self.assertInvalid(dict(ok, timezone="Moon/Base"), "timezone")
        self.assertInvalid(dict(ok, timezone=3), "timezone")
        self.assertInvalid(dict(ok, resourceIds="ana"), "resourceIds")
        self.assertInvalid(dict(ok, resourceIds=["ana", "ghost"]), "resourceIds[1]")
        self.assertInvalid(dict(ok, includeUnbookable="yes"), "includeUnbookable")
        self.assertInvalid(dict(ok, service="cut"), "service")
        self.assertInvalid(dict(ok, serviceId="nope"), None, 404, "not-found")
        r = self.srv.api("GET", "/availability/query", user="alice")
        self.assertEqual((r.status, r.header("Allow")), (405, "POST"))
        self.assertEqual(self.srv.api("POST", "/availability", ok, user="alice").status, 404)


if __name__ == "__main__":
    unittest.main()
