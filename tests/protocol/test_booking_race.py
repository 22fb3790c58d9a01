"""No overbooking over HTTP: 60 customers, each on its own connection, PUT a booking for the same
10-place class session at the same moment, and 60 more for one appointment slot. Exactly the
capacity is confirmed, the waitlist fills in order, everything else is refused with its
precondition, and each customer's sync-collection agrees with the database. Changes made from one
ETag (If-Match) race too: exactly one wins."""
import datetime as dt
import json
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer, D  # noqa: E402
from test_business import TestBusiness, booking_event  # noqa: E402

N = 60


class BookingRace(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        users = {f"racer{i:02d}": "customer" for i in range(N)}
        users["admin"] = "admin"
        cls.srv = BookdavServer(users=users)
        cls.srv.start()
        cls.biz.load(cls.srv)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def race(self, service, start):
        """All N customers PUT at once; returns {user: (status, body)}."""
        barrier = threading.Barrier(N, timeout=60)  # a client that died must not hang the rest
        results = {}

        def client(i):
            user = f"racer{i:02d}"
            conn = self.srv.connection(timeout=120)
            # Authenticate first (the slow hash), so that the PUTs themselves race.
            self.srv.request("OPTIONS", "/dav/", user=user, conn=conn)
            self.srv.request("PROPFIND", f"/dav/calendars/{user}/", user=user, headers={"Depth": "0"}, conn=conn)
            # The server remembers the credentials, not the connection: a fresh one (connected at the
            # PUT) cannot hit the keep-alive timeout while 60 sign-ins finish at the barrier.
            conn.close()
            conn = self.srv.connection(timeout=120)
            barrier.wait()
            r = self.srv.request("PUT", f"/dav/calendars/{user}/service-{service}/race.ics",
                                 booking_event(f"race-{service}-{user}", start), user=user,
                                 headers={"Content-Type": "text/calendar"}, conn=conn)
            results[user] = (r.status, r.body)
            conn.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(N)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(180)
        self.assertEqual(len(results), N, "every client got an answer")
        return results

    def status_of(self, user, service):
        r = self.srv.request("GET", f"/dav/calendars/{user}/service-{service}/race.ics", user=user)
        if r.status == 404:
            return None
        for line in r.text.splitlines():
            if line.startswith("X-BOOKDAV-STATUS:"):
                return line.split(":", 1)[1]
        return "?"

    def test_class_session_never_overbooks(self):
        results = self.race("spin", self.biz.spin_start)
        created = [u for u, (st, _) in results.items() if st == 201]
        refused = {u: body for u, (st, body) in results.items() if st != 201}
        self.assertEqual(len(created), 15, "10 places and 5 on the waitlist")
        for u, body in refused.items():
            self.assertEqual(results[u][0], 403, body)
            self.assertIn(b"session-full", body)
        statuses = {u: self.status_of(u, "spin") for u in created}
        self.assertEqual(sorted(statuses.values()).count("CONFIRMED"), 10, statuses)
        self.assertEqual(sorted(statuses.values()).count("WAITLISTED"), 5, statuses)
        for u in refused:
            self.assertIsNone(self.status_of(u, "spin"), "a refused PUT stored nothing")
        # The database agrees: one session, 10 places held, 5 waiting, and the API says the same.
        sessions = json.loads(self.srv.request(
            "GET", f"/api/v1/sessions?serviceId=spin&from={self.biz.spin_start:%Y-%m-%dT%H:%M:%SZ}"
                   f"&to={self.biz.spin_start.replace(hour=23):%Y-%m-%dT%H:%M:%SZ}", user="admin").body)["sessions"]
        self.assertEqual(len(sessions), 1)
        bookings = json.loads(self.srv.request("GET", "/api/v1/bookings?serviceId=spin", user="admin").body)["bookings"]
        by_status = {}
        for b in bookings:
            by_status.setdefault(b["status"], []).append(b["customer"])
        self.assertEqual(len(by_status.get("CONFIRMED", [])), 10)
        self.assertEqual(len(by_status.get("WAITLISTED", [])), 5)
        self.assertEqual(set(by_status["CONFIRMED"]), {u for u, s in statuses.items() if s == "CONFIRMED"})
        # Each customer's sync-collection of the service calendar shows their own booking, and only if
        # the database holds it.
        sync = ('<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:sync-level>1'
                "</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>")
        for i in range(N):
            user = f"racer{i:02d}"
            r = self.srv.request("REPORT", f"/dav/calendars/{user}/service-spin/", sync, user=user)
            self.assertEqual(r.status, 207)
            hrefs = [x.findtext(f"{{{D}}}href") for x in r.xml().findall(f"{{{D}}}response")]
            mine = [h for h in hrefs if h.endswith("/race.ics")]
            self.assertEqual(len(mine), 1 if user in created else 0, (user, hrefs))
            self.assertEqual(user in created, any(b["customer"] == user for b in bookings))

    def test_appointment_slot_goes_to_exactly_one(self):
        results = self.race("cut", self.biz.cut_slot)
        winners = [u for u, (st, _) in results.items() if st == 201]
        self.assertEqual(len(winners), 1, {u: st for u, (st, _) in results.items()})
        for u, (st, body) in results.items():
            if u in winners:
                continue
            self.assertEqual(st, 409, body)  # taken by the winner: a lost race
            self.assertIn(b"slot-unavailable", body)
        self.assertEqual(self.status_of(winners[0], "cut"), "CONFIRMED")
        bookings = json.loads(self.srv.request("GET", "/api/v1/bookings?serviceId=cut", user="admin").body)["bookings"]
        active = [b for b in bookings if b["status"] in ("CONFIRMED", "PENDING")]
        self.assertEqual([b["customer"] for b in active], winners)

    def etag_race(self, user, href, requests):
        """Sends each (method, body) at once on its own signed-in connection, all with If-Match of the
        booking's current ETag; returns the statuses."""
        etag = self.srv.request("GET", href, user=user).header("ETag")
        self.assertTrue(etag)
        barrier = threading.Barrier(len(requests), timeout=60)
        statuses = [None] * len(requests)

        def client(i, method, body):
            conn = self.srv.connection(timeout=120)
            self.srv.request("OPTIONS", "/dav/", user=user, conn=conn)  # the slow hash before the race
            barrier.wait()
            r = self.srv.request(method, href, body, user=user, conn=conn,
                                 headers={"Content-Type": "text/calendar", "If-Match": etag})
            statuses[i] = (r.status, r.body)
            conn.close()

        threads = [threading.Thread(target=client, args=(i, m, b)) for i, (m, b) in enumerate(requests)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(180)
        return statuses

    def test_moves_from_one_etag_only_one_wins(self):
        user = "racer59"
        href = f"/dav/calendars/{user}/service-cut/move.ics"
        start = self.biz.cut_slot + dt.timedelta(hours=2)
        r = self.srv.request("PUT", href, booking_event("move-1", start), user=user,
                             headers={"Content-Type": "text/calendar"})
        self.assertEqual(r.status, 201, r)
        # 16 moves to 16 different free times, all from the same ETag: If-Match is compared in the
        # transaction that moves the booking, so one move wins and the others find the ETag changed.
        moves = [("PUT", booking_event("move-1", start + dt.timedelta(hours=1, minutes=30 * i)))
                 for i in range(16)]
        statuses = self.etag_race(user, href, moves)
        self.assertEqual(sorted(s for s, _ in statuses), [204] + [412] * 15, statuses)
        bookings = json.loads(self.srv.request("GET", "/api/v1/bookings?serviceId=cut", user=user).body)["bookings"]
        # Only this object's booking counts: the same customer may have won an earlier race.
        moved = [b for b in bookings if b["uid"] == "move-1"]
        self.assertEqual(len(moved), 1, bookings)
        self.assertEqual(moved[0]["status"], "CONFIRMED", moved)

    def test_cancel_and_move_from_one_etag_only_one_wins(self):
        user = "racer58"
        href = f"/dav/calendars/{user}/service-cut/both.ics"
        start = self.biz.cut_slot + dt.timedelta(hours=10)
        r = self.srv.request("PUT", href, booking_event("both-1", start), user=user,
                             headers={"Content-Type": "text/calendar"})
        self.assertEqual(r.status, 201, r)
        requests = [("DELETE", None)] * 4 + [("PUT", booking_event("both-1", start + dt.timedelta(minutes=30 * (i + 1))))
                                             for i in range(4)]
        statuses = self.etag_race(user, href, requests)
        self.assertEqual(len([s for s, _ in statuses if s in (200, 204)]), 1, statuses)
        # The losers: 412, or 404 for a DELETE that comes after the booking is gone (RFC 9110 13.2.1:
        # preconditions do not apply when the answer without them would not be 2xx).
        for (method, _), (status, body) in zip(requests, statuses):
            if status not in (200, 204):
                self.assertIn(status, (412, 404) if method == "DELETE" else (412,), body)
        bookings = json.loads(self.srv.request("GET", "/api/v1/bookings?serviceId=cut", user=user).body)["bookings"]
        mine = [b for b in bookings if b["uid"] == "both-1"]
        self.assertEqual(len(mine), 1, bookings)
        won = next(method for (method, _), (status, _) in zip(requests, statuses) if status in (200, 204))
        self.assertEqual(mine[0]["status"], "CANCELED" if won == "DELETE" else "CONFIRMED", mine)


if __name__ == "__main__":
    unittest.main()
