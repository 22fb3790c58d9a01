"""JSON API bookings against the real binary: create, list, get, cancel, confirm, decline and
reschedule; every refusal code with its status (403 policy, 409 lost race, 404, 400); customers see
and change only their own bookings, staff see their resources' bookings and decide on the pending ones; concurrent bookers of one
slot get exactly one booking."""
import datetime
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import BusinessTest, at, utc, yoga_session  # noqa: E402

PEOPLE = {"admin": "admin", "ana": "staff", "alice": "customer", "bob": "customer", "carol": "customer"}
PEOPLE.update({f"racer{i}": "customer" for i in range(6)})


class Bookings(BusinessTest):
    USERS = PEOPLE

    def book(self, body, user="alice", status=201):
        r = self.api("POST", "/bookings", body, user=user)
        self.assertEqual(r.status, status, r)
        return r.json

    def test_customer_books_an_appointment_and_sees_only_their_own(self):
        r = self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(2, 11)), "participantNames": ["Alice"],
                                           "contact": {"phone": "+34 600 000 000"}, "note": "short please"},
                     user="alice")
        self.assertEqual(r.status, 201, r)
        b = r.json
        self.assertEqual(r.header("Location"), f"/api/v1/bookings/{b['id']}")
        self.assertEqual((b["serviceId"], b["status"], b["start"], b["end"], b["customer"], b["participants"]),
                         ("cut", "CONFIRMED", utc(at(2, 11)), utc(at(2, 11, 30)), "alice", 1))
        self.assertEqual(b["resourceIds"], ["ana"])
        self.assertEqual(b["price"], {"amount": "20.00", "currency": "EUR"})
        self.assertEqual((b["note"], b["contact"]["phone"]), ("short please", "+34 600 000 000"))
        self.assertEqual(b["cancellableUntil"], utc(at(2, 10)))
        self.assertEqual(self.api("GET", f"/bookings/{b['id']}", user="alice").json, b)
        self.assertIn(b["id"], [x["id"] for x in self.api("GET", "/bookings", user="alice").json["bookings"]])
        # Bob never learns about it.
        self.assertError(self.api("GET", f"/bookings/{b['id']}", user="bob"), 404, "not-found")
        self.assertNotIn(b["id"], [x["id"] for x in self.api("GET", "/bookings", user="bob").json["bookings"]])
        for action in ("cancel", "reschedule", "confirm", "decline"):
            self.assertError(self.api("POST", f"/bookings/{b['id']}/{action}", {"start": utc(at(2, 12))}, user="bob"),
                             404, "not-found")
        self.assertError(self.api("GET", "/bookings?customer=alice", user="bob"), 403, "not-allowed")
        # Staff see the bookings of their resources (ana), but cannot change someone else's booking.
        self.assertEqual(self.api("GET", f"/bookings/{b['id']}", user="ana").status, 200)
        self.assertIn(b["id"], [x["id"] for x in self.api("GET", "/bookings", user="ana").json["bookings"]])
        self.assertError(self.api("POST", f"/bookings/{b['id']}/cancel", user="ana"), 403, "not-your-booking")
        self.assertError(self.api("GET", "/bookings?resourceId=ben", user="ana"), 403, "not-allowed")
        # The business sees everything and filters.
        self.assertIn(b["id"], [x["id"] for x in self.api("GET", "/bookings?customer=alice&serviceId=cut").json["bookings"]])
        self.assertEqual(self.api("GET", "/bookings?serviceId=yoga&customer=alice&status=CONFIRMED").json["bookings"], [])
        ranged = self.api("GET", f"/bookings?from={utc(at(2, 0))}&to={utc(at(3, 0))}&status=confirmed,pending").json
        self.assertIn(b["id"], [x["id"] for x in ranged["bookings"]])
        # Cancel: CANCELED, the slot is free again, a second cancel is refused.
        c = self.api("POST", f"/bookings/{b['id']}/cancel", user="alice")
        self.assertEqual((c.status, c.json["status"]), (200, "CANCELED"))
        self.assertError(self.api("POST", f"/bookings/{b['id']}/cancel", user="alice"), 403, "already-canceled")
        again = self.book({"serviceId": "cut", "start": utc(at(2, 11)), "resourceId": "ana"}, user="bob")
        self.assertEqual(again["resourceIds"], ["ana"])

    def test_business_books_for_anyone(self):
        b = self.book({"serviceId": "cut", "start": utc(at(3, 8)), "customer": "bob"}, user="admin")
        self.assertEqual(b["customer"], "bob")
        self.assertEqual(self.api("GET", f"/bookings/{b['id']}", user="bob").status, 200)
        walk_in = self.book({"serviceId": "cut", "start": utc(at(3, 8)), "contact": {"name": "Walk-in Wendy"}},
                            user="admin")
        self.assertEqual((walk_in["customer"], walk_in["contact"]["name"]), (None, "Walk-in Wendy"))
        self.assertError(self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(3, 9))}), 400,
                         "invalid-request", "customer")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(3, 9)), "customer": "zed"}),
                         400, "invalid-request", "customer")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(3, 9)), "customer": "bob"},
                                  user="alice"), 403, "not-allowed")
        # The business is not bound by the notice the customers are.
        import datetime
        soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=10)
        slot = soon.replace(second=0, microsecond=0) + datetime.timedelta(minutes=30 - soon.minute % 30)
        self.assertError(self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(slot)}, user="alice"),
                         403, "too-early")
        self.assertEqual(self.book({"serviceId": "cut", "start": utc(slot), "customer": "alice"}, user="admin")["start"],
                         utc(slot))

    def test_policy_refusals(self):
        self.assertError(self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(0, 0))}, user="alice"),
                         403, "too-early")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "strict", "start": utc(at(12, 10))}, user="alice"),
                         403, "too-late")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(4, 10, 10))}, user="alice"),
                         403, "slot-unavailable")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "yoga", "start": utc(at(4, 11))}, user="alice"),
                         403, "not-a-session-time")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "yoga", "start": utc(at(4, 10)), "participants": 3},
                                  user="alice"), 403, "too-many-participants")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "course", "sessionId": yoga_session(self.srv, 4)},
                                  user="alice"), 404, "not-found")

    def test_a_lost_race_is_409_and_concurrent_bookers_get_one_booking(self):
        start = utc(at(6, 9))
        self.book({"serviceId": "solo", "start": start}, user="alice")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "solo", "start": start}, user="bob"),
                         409, "slot-unavailable")
        start = utc(at(6, 13))
        barrier = threading.Barrier(6)
        results = [None] * 6

        def race(i):
            barrier.wait()
            results[i] = self.api("POST", "/bookings", {"serviceId": "solo", "start": start}, user=f"racer{i}")

        threads = [threading.Thread(target=race, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(r.status for r in results), [201, 409, 409, 409, 409, 409], results)
        self.assertTrue(all(r.error["code"] == "slot-unavailable" for r in results if r.status == 409))
        held = [b for b in self.api("GET", f"/bookings?serviceId=solo&from={start}&to={utc(at(6, 14))}").json["bookings"]
                if b["status"] == "CONFIRMED"]
        self.assertEqual(len(held), 1)

    def test_waitlist_and_promotion(self):
        sid = yoga_session(self.srv, 5)
        first = self.book({"serviceId": "yoga", "sessionId": sid, "participants": 2}, user="alice")
        self.assertEqual(first["status"], "CONFIRMED")
        waiting = self.book({"serviceId": "yoga", "start": utc(at(5, 10))}, user="bob")
        self.assertEqual((waiting["status"], waiting["waitlistPosition"]), ("WAITLISTED", 1))
        self.assertError(self.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": sid}, user="carol"),
                         403, "session-full")
        self.assertEqual(self.api("POST", f"/bookings/{first['id']}/cancel", user="alice").json["status"], "CANCELED")
        promoted = self.api("GET", f"/bookings/{waiting['id']}", user="bob").json
        self.assertEqual(promoted["status"], "CONFIRMED")
        self.assertNotIn("waitlistPosition", promoted)

    def test_one_active_booking_per_customer_per_session(self):
        sid = yoga_session(self.srv, 7)
        self.book({"serviceId": "yoga", "sessionId": sid}, user="alice")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": sid}, user="alice"),
                         403, "already-booked")
        self.assertError(self.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": sid, "customer": "alice"}),
                         403, "already-booked")
        walk_in = {"serviceId": "yoga", "sessionId": sid, "contact": {"name": "Walk-in Wendy"}}
        self.assertEqual(self.book(walk_in, user="admin")["status"], "CONFIRMED")

    def test_deadlines(self):
        b = self.book({"serviceId": "strict", "start": utc(at(3, 14))}, user="alice")
        self.assertError(self.api("POST", f"/bookings/{b['id']}/cancel", user="alice"), 403, "cancellation-closed")
        self.assertError(self.api("POST", f"/bookings/{b['id']}/reschedule", {"start": utc(at(3, 15))}, user="alice"),
                         403, "reschedule-closed")
        self.assertEqual(self.api("GET", f"/bookings/{b['id']}", user="alice").json["start"], utc(at(3, 14)))
        self.assertEqual(self.api("POST", f"/bookings/{b['id']}/cancel", user="admin").json["status"], "CANCELED")

    def test_a_late_joined_course_counts_its_deadline_from_the_next_meeting(self):
        yesterday = (at(-1, 0)).date().isoformat()
        r = self.api("PUT", "/services/late", {
            "kind": "course", "name": "Late", "timezone": "UTC", "duration": "PT1H", "capacity": 5,
            "policy": {"lateJoin": True, "cancellationDeadline": "PT1H", "rescheduleDeadline": "PT1H"},
            "schedule": {"weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "time": "00:00",
                                     "from": yesterday, "count": 4}]}})
        self.assertEqual(r.status, 201, r)
        sessions = self.api("GET", f"/sessions?serviceId=late&from={utc(at(-2, 0))}&to={utc(at(4, 0))}").json
        starts = [s["start"] for s in sessions["sessions"]]
        self.assertEqual(starts, [utc(at(d, 0)) for d in (-1, 0, 1, 2)])
        b = self.book({"serviceId": "late", "sessionId": sessions["sessions"][2]["id"]}, user="alice")
        self.assertEqual(b["start"], utc(at(-1, 0)))  # the course, from its first meeting
        self.assertEqual(b["cancellableUntil"], utc(at(1, 0) - datetime.timedelta(hours=1)))
        self.assertEqual(self.api("POST", f"/bookings/{b['id']}/cancel", user="alice").json["status"], "CANCELED")

    def test_reschedule(self):
        b = self.book({"serviceId": "cut", "start": utc(at(7, 9)), "resourceId": "ben"}, user="alice")
        r = self.api("POST", f"/bookings/{b['id']}/reschedule", {"start": utc(at(7, 10))}, user="alice")
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["id"], r.json["start"], r.json["resourceIds"], r.json["status"]),
                         (b["id"], utc(at(7, 10)), ["ben"], "CONFIRMED"))
        # Onto a taken time: refused, and the booking stands where it was.
        self.book({"serviceId": "solo", "start": utc(at(7, 12))}, user="bob")
        self.book({"serviceId": "cut", "start": utc(at(7, 12)), "resourceId": "ana"}, user="bob")
        refused = self.api("POST", f"/bookings/{b['id']}/reschedule", {"start": utc(at(7, 12))}, user="alice")
        self.assertEqual(refused.status, 409, refused)  # taken by another booking
        self.assertEqual(refused.error["code"], "slot-unavailable")
        self.assertEqual(self.api("GET", f"/bookings/{b['id']}", user="alice").json["start"], utc(at(7, 10)))
        # A class booking moves to another session.
        y = self.book({"serviceId": "yoga", "sessionId": yoga_session(self.srv, 8)}, user="alice")
        r = self.api("POST", f"/bookings/{y['id']}/reschedule", {"sessionId": yoga_session(self.srv, 9)}, user="alice")
        self.assertEqual((r.status, r.json["start"]), (200, utc(at(9, 10))), r)
        self.assertError(self.api("POST", f"/bookings/{y['id']}/reschedule", {}, user="alice"), 400,
                         "invalid-request", "start")
        self.assertError(self.api("POST", f"/bookings/{y['id']}/reschedule", {"start": "later"}, user="alice"), 400,
                         "invalid-request", "start")

    def test_confirm_and_decline(self):
        course = self.api("POST", "/availability/query", {"serviceId": "course", "from": utc(at(0, 0)), "to": utc(at(9, 0))},
                          user="alice").json["slots"][0]
        a = self.book({"serviceId": "course", "sessionId": course["sessionId"]}, user="alice")
        self.assertEqual((a["status"], len(a["sessionIds"]), a["price"]["amount"]), ("PENDING", 3, "90.00"))
        self.assertError(self.api("POST", f"/bookings/{a['id']}/confirm", user="alice"), 403, "not-allowed")
        self.assertError(self.api("POST", f"/bookings/{a['id']}/reschedule", {"start": utc(at(3, 15))}, user="alice"),
                         400, "invalid-request")
        c = self.api("POST", f"/bookings/{a['id']}/confirm", user="admin")
        self.assertEqual((c.status, c.json["status"]), (200, "CONFIRMED"))
        self.assertError(self.api("POST", f"/bookings/{a['id']}/confirm", user="admin"), 403, "not-pending")
        self.assertError(self.api("POST", f"/bookings/{a['id']}/confirm", user="ana"), 404, "not-found")  # not with ana
        b = self.book({"serviceId": "course", "start": course["start"]}, user="bob")
        d = self.api("POST", f"/bookings/{b['id']}/decline", user="admin")
        self.assertEqual((d.status, d.json["status"]), (200, "DECLINED"))
        self.assertError(self.api("POST", f"/bookings/{b['id']}/decline", {"why": "full"}, user="admin"), 400,
                         "invalid-request", "why")

    def test_staff_decide_on_pending_bookings_with_them(self):
        consult = {"id": "ana-consult", "kind": "appointment", "name": "Consultation", "timezone": "UTC",
                   "duration": "PT30M", "resources": [["ana"]], "policy": {"manualApproval": True}}
        self.assertIn(self.api("PUT", "/services/ana-consult", consult, user="admin").status, (200, 201))
        a = self.book({"serviceId": "ana-consult", "start": utc(at(6, 9))}, user="alice")
        b = self.book({"serviceId": "ana-consult", "start": utc(at(6, 10))}, user="bob")
        self.assertEqual((a["status"], b["status"]), ("PENDING", "PENDING"))
        c = self.api("POST", f"/bookings/{a['id']}/confirm", user="ana")
        self.assertEqual((c.status, c.json["status"]), (200, "CONFIRMED"), c)
        d = self.api("POST", f"/bookings/{b['id']}/decline", user="ana")
        self.assertEqual((d.status, d.json["status"]), (200, "DECLINED"), d)
        self.assertError(self.api("POST", f"/bookings/{a['id']}/confirm", user="ana"), 403, "not-pending")

    def test_bad_input(self):
        ok = {"serviceId": "cut", "start": utc(at(8, 9))}
        for body, field in [
            ({"start": ok["start"]}, "serviceId"),
            ({"serviceId": "cut"}, "start"),
            (dict(ok, serviceId="nope"), "serviceId"),
            (dict(ok, start="2026-12-01 10:00"), "start"),
            (dict(ok, participants=0), "participants"),
            (dict(ok, participants="two"), "participants"),
            (dict(ok, participants=1.5), "participants"),
            (dict(ok, participants=10**12), "participants"),
            (dict(ok, participantNames=["a", "b"]), "participantNames"),
            (dict(ok, sessionId="1"), "sessionId"),
            (dict(ok, resourceId=["ana"]), "resourceId"),
            (dict(ok, contact={"email": "not-an-address"}), "contact.email"),
            (dict(ok, contact={"mail": "x@example.com"}), "contact.mail"),
            (dict(ok, when="now"), "when"),
        ]:
            self.assertError(self.api("POST", "/bookings", body, user="alice"), 400, "invalid-request", field)
        self.assertError(self.api("GET", "/bookings/abc", user="alice"), 404, "not-found")
        self.assertError(self.api("GET", "/bookings/0", user="alice"), 404, "not-found")
        self.assertError(self.api("GET", "/bookings/99999", user="alice"), 404, "not-found")
        self.assertError(self.api("POST", "/bookings/1/explode", user="alice"), 404, "not-found")
        self.assertError(self.api("GET", "/bookings/1/cancel", user="alice"), 405, "method-not-allowed")
        self.assertError(self.api("DELETE", "/bookings/1", user="alice"), 405, "method-not-allowed")
        self.assertError(self.api("GET", "/bookings?status=LOST", user="alice"), 400, "invalid-request", "status")
        self.assertError(self.api("GET", "/bookings?from=soon", user="alice"), 400, "invalid-request", "from")
        self.assertError(self.api("GET", "/bookings?sort=asc", user="alice"), 400, "invalid-request", "sort")
        mine = self.api("GET", "/bookings?serviceId=cut", user="carol").json["bookings"]
        self.assertEqual(mine, [], "nothing was booked by the refused requests")


if __name__ == "__main__":
    unittest.main()
