"""JSON API sessions against the real binary: listing by range, service and resource as each role may
see them; one-off class sessions and staff time off made by the business; moving, resizing, locking
and canceling; bad input."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import BusinessTest, at, utc, yoga_session  # noqa: E402


class Sessions(BusinessTest):
    def ids(self, query, user="admin"):
        r = self.api("GET", "/sessions" + query, user=user)
        self.assertEqual(r.status, 200, r)
        return [s["id"] for s in r.json["sessions"]]

    def test_class_sessions_are_public_with_places(self):
        r = self.api("GET", f"/sessions?serviceId=yoga&from={utc(at(1, 0))}&to={utc(at(4, 0))}", user="alice")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["from"], utc(at(1, 0)))
        sessions = r.json["sessions"]
        self.assertEqual([s["start"] for s in sessions], [utc(at(d, 10)) for d in (1, 2, 3)])
        s = sessions[0]
        self.assertEqual((s["kind"], s["status"], s["capacity"], s["taken"], s["openSpots"]), ("class", "scheduled", 2, 0, 2))
        self.assertEqual(s["resourceIds"], ["room-a"])
        self.assertTrue(s["origin"].endswith("T10:00"), s)
        self.assertNotIn("lockNote", s)
        # The default range is a week from now.
        self.assertEqual(len(self.ids("?serviceId=yoga", "alice")), 7)

    def test_appointments_and_time_off_are_for_the_business_and_their_staff(self):
        b = self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(5, 9)), "resourceId": "ana"}, user="bob")
        self.assertEqual(b.status, 201, b)
        appt = b.json["sessionIds"][0]
        off = self.api("POST", "/sessions", {"kind": "time-off", "start": utc(at(5, 12)), "end": utc(at(5, 14)),
                                             "resourceIds": ["ben"], "title": "Dentist"})
        self.assertEqual(off.status, 201, off)
        self.assertEqual((off.json["kind"], off.json["serviceId"], off.json["title"]), ("time-off", None, "Dentist"))
        day = f"?from={utc(at(5, 0))}&to={utc(at(6, 0))}"
        self.assertTrue({appt, off.json["id"]} <= set(self.ids(day)))
        alice = self.ids(day, "alice")
        self.assertNotIn(appt, alice)
        self.assertNotIn(off.json["id"], alice)
        ana = self.ids(day, "ana")
        self.assertIn(appt, ana, "the appointment is on ana")
        self.assertNotIn(off.json["id"], ana, "ben's time off is not ana's business")
        self.assertEqual(self.api("GET", f"/sessions/{appt}", user="alice").status, 404)
        self.assertEqual(self.api("GET", f"/sessions/{appt}", user="ana").status, 200)
        self.assertIn(off.json["id"], self.ids(day + "&resourceId=ben"))
        # Time off takes ben out of the slots.
        slots = self.api("POST", "/availability/query", {"serviceId": "solo", "from": utc(at(5, 11)),
                                                          "to": utc(at(5, 15))}, user="alice").json["slots"]
        self.assertEqual([s["start"] for s in slots], [utc(at(5, 11)), utc(at(5, 14)), utc(at(5, 14, 30))])
        self.assertEqual(self.api("DELETE", f"/sessions/{off.json['id']}").status, 200)

    def test_business_adds_moves_locks_and_cancels_a_class_session(self):
        r = self.api("POST", "/sessions", {"serviceId": "yoga", "start": utc(at(3, 18)), "resourceIds": ["room-a"],
                                           "capacity": 5})
        self.assertEqual(r.status, 201, r)
        s = r.json
        self.assertEqual(r.header("Location"), f"/api/v1/sessions/{s['id']}")
        self.assertEqual((s["kind"], s["end"], s["capacity"], s["origin"]), ("class", utc(at(3, 19)), 5, None))
        r = self.api("PATCH", f"/sessions/{s['id']}", {"start": utc(at(3, 19)), "capacity": 6})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["start"], r.json["end"], r.json["capacity"]), (utc(at(3, 19)), utc(at(3, 20)), 6))
        r = self.api("PATCH", f"/sessions/{s['id']}", {"locked": True, "lockNote": "screening"})
        self.assertEqual((r.json["locked"], r.json["lockNote"]), (True, "screening"))
        refused = self.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": s["id"]}, user="alice")
        self.assertError(refused, 403, "session-locked")
        self.assertEqual(self.api("PATCH", f"/sessions/{s['id']}", {"locked": False}).json["locked"], False)
        booked = self.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": s["id"]}, user="alice")
        self.assertEqual(booked.status, 201, booked)
        r = self.api("DELETE", f"/sessions/{s['id']}")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "canceled")
        self.assertEqual(r.json["canceledBookings"], [booked.json["id"]])
        self.assertEqual(self.api("GET", f"/bookings/{booked.json['id']}", user="alice").json["status"], "CANCELED")
        self.assertNotIn(s["id"], self.ids(f"?serviceId=yoga&from={utc(at(3, 0))}&to={utc(at(4, 0))}"))
        self.assertIn(s["id"], self.ids(f"?serviceId=yoga&from={utc(at(3, 0))}&to={utc(at(4, 0))}&includeCanceled=true"))

    def test_only_the_business_changes_sessions(self):
        sid = yoga_session(self.srv, 6)
        for user in ("ana", "alice"):
            self.assertError(self.api("POST", "/sessions", {"serviceId": "yoga", "start": utc(at(6, 18))}, user=user),
                             403, "not-allowed")
            self.assertError(self.api("PATCH", f"/sessions/{sid}", {"capacity": 9}, user=user), 403, "not-allowed")
            self.assertError(self.api("DELETE", f"/sessions/{sid}", user=user), 403, "not-allowed")
        self.assertEqual(self.api("GET", f"/sessions/{sid}").json["capacity"], 2)

    def test_staff_add_move_and_cancel_time_off_on_their_own_resources_only(self):
        # domain::Permissions: the same rule as CalDAV PUT/DELETE in resource-ana/.
        off = {"kind": "time-off", "start": utc(at(8, 12)), "end": utc(at(8, 13)), "resourceIds": ["ana"],
               "title": "Dentist"}
        r = self.api("POST", "/sessions", off, user="ana")
        self.assertEqual(r.status, 201, r)
        mine = r.json["id"]
        self.assertError(self.api("POST", "/sessions", dict(off, resourceIds=["ben"]), user="ana"), 403, "not-allowed")
        self.assertError(self.api("POST", "/sessions", dict(off, resourceIds=["ana", "ben"]), user="ana"),
                         403, "not-allowed")
        self.assertError(self.api("POST", "/sessions", off, user="alice"), 403, "not-allowed")
        r = self.api("PATCH", f"/sessions/{mine}", {"end": utc(at(8, 14)), "title": "Dentist, then lunch"}, user="ana")
        self.assertEqual((r.status, r.json["end"]), (200, utc(at(8, 14))), r)
        self.assertError(self.api("PATCH", f"/sessions/{mine}", {"resourceIds": ["ben"]}, user="ana"), 403, "not-allowed")
        self.assertError(self.api("PATCH", f"/sessions/{mine}", {"locked": True}, user="ana"), 403, "not-allowed")
        theirs = self.api("POST", "/sessions", dict(off, resourceIds=["ben"]))
        self.assertEqual(theirs.status, 201, theirs)
        self.assertError(self.api("DELETE", f"/sessions/{theirs.json['id']}", user="ana"), 404, "not-found")
        self.assertEqual(self.api("DELETE", f"/sessions/{mine}", user="ana").status, 200)
        self.assertEqual(self.api("DELETE", f"/sessions/{theirs.json['id']}").status, 200)
        # Working hours stay the business's.
        self.assertError(self.api("PUT", "/resources/ana/working-hours", {"weekly": []}, user="ana"), 403, "not-allowed")

    def test_bad_input(self):
        sid = yoga_session(self.srv, 7)
        for body, field in [
            ({"serviceId": "yoga"}, "start"),
            ({"serviceId": "yoga", "start": "tomorrow"}, "start"),
            ({"serviceId": "yoga", "start": utc(at(7, 12)), "end": utc(at(7, 11))}, "end"),
            ({"serviceId": "nope", "start": utc(at(7, 12))}, "serviceId"),
            ({"serviceId": "course", "kind": "course", "start": utc(at(7, 12))}, "kind"),
            ({"kind": "time-off", "start": utc(at(7, 12))}, "end"),
            ({"serviceId": "yoga", "start": utc(at(7, 12)), "resourceIds": ["ghost"]}, "resourceIds[0]"),
            ({"serviceId": "yoga", "start": utc(at(7, 12)), "capacity": -1}, "capacity"),
            ({"serviceId": "yoga", "start": utc(at(7, 12)), "room": "a"}, "room"),
        ]:
            self.assertError(self.api("POST", "/sessions", body), 400, "invalid-request", field)
        self.assertError(self.api("PATCH", f"/sessions/{sid}", {"capacity": 0}), 400, "invalid-request", "capacity")
        self.assertError(self.api("PATCH", f"/sessions/{sid}", {"colour": "red"}), 400, "invalid-request", "colour")
        self.assertError(self.api("PATCH", f"/sessions/{sid}", {"end": utc(at(7, 9))}), 400, "invalid-request", "end")
        self.assertError(self.api("GET", "/sessions/abc"), 404, "not-found")
        self.assertError(self.api("GET", "/sessions/999999"), 404, "not-found")
        self.assertError(self.api("PUT", f"/sessions/{sid}", {}), 405, "method-not-allowed")
        self.assertError(self.api("GET", "/sessions?from=yesterday"), 400, "invalid-request", "from")
        self.assertError(self.api("GET", f"/sessions?from={utc(at(2, 0))}&to={utc(at(1, 0))}"), 400, "invalid-request", "to")
        self.assertError(self.api("GET", f"/sessions?from={utc(at(0, 0))}&to={utc(at(500, 0))}"), 400, "invalid-request", "to")
        self.assertError(self.api("GET", "/sessions?service=yoga"), 400, "invalid-request", "service")
        self.assertError(self.api("GET", "/sessions?serviceId=nope"), 404, "not-found")
        self.assertEqual(self.api("GET", f"/sessions/{sid}").json["capacity"], 2, "nothing changed")


if __name__ == "__main__":
    unittest.main()
