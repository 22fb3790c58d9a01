"""No overbooking across processes: 3 bookdav processes serve one database; 96 customers split over
them PUT a booking for one appointment slot (exactly 1 wins) and for one 10-place class session with a
waitlist of 5 (exactly 10 confirmed and 5 waitlisted, nothing over capacity), all at the same moment.
A change made through one process is seen by sync-collection through another, and the processes
agree on sync tokens. A front desk sign-in on one process works on the others."""
import json
import os
import sys
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_cluster import Cluster, shared_database  # noqa: E402
from bookdav_server import D  # noqa: E402
from test_business import TestBusiness, booking_event  # noqa: E402

N = 96
PROCESSES = 3


def sync_body(token=""):
    return ('<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>' + token +
            "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>")


class ProcessesRace(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.db = shared_database()
        users = {f"racer{i:02d}": "customer" for i in range(N)}
        users["admin"] = "admin"
        users["probe"] = "customer"
        cls.cluster = Cluster(cls.db, PROCESSES, users=users)
        # The business is loaded before the processes start, as an operator would.
        cls.biz.load(cls.cluster.servers[0])
        cls.cluster.start()
        # Each customer signs in once, a few at a time, on the process it races through: the slow
        # password hash is then remembered there, and the races below wait on bookings, not on hashing.
        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(lambda i: cls.cluster.servers[i % PROCESSES].request(
                "OPTIONS", "/dav/", user=f"racer{i:02d}"), range(N)))

    @classmethod
    def tearDownClass(cls):
        cls.cluster.__exit__(None, None, None)
        cls.db.close()

    def server(self, i):
        return self.cluster.servers[i % PROCESSES]

    def race(self, service, start):
        """All N customers PUT at once, customer i through process i % 3; returns {user: (status, body)}."""
        barrier = threading.Barrier(N, timeout=300)
        results = {}

        def client(i):
            user, srv = f"racer{i:02d}", self.server(i)
            conn = srv.connection(timeout=180)
            srv.request("OPTIONS", "/dav/", user=user, conn=conn)  # the slow hash before the race
            srv.request("PROPFIND", f"/dav/calendars/{user}/", user=user, headers={"Depth": "0"}, conn=conn)
            conn.close()
            conn = srv.connection(timeout=180)
            barrier.wait()
            r = srv.request("PUT", f"/dav/calendars/{user}/service-{service}/race.ics",
                            booking_event(f"race-{service}-{user}", start), user=user,
                            headers={"Content-Type": "text/calendar"}, conn=conn)
            results[user] = (r.status, r.body)
            conn.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(N)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        self.assertEqual(len(results), N, "every client got an answer")
        return results

    def bookings(self, service, through):
        r = self.server(through).request("GET", f"/api/v1/bookings?serviceId={service}", user="admin")
        self.assertEqual(r.status, 200, r)
        return json.loads(r.body)["bookings"]

    def test_class_session_never_overbooks_across_processes(self):
        results = self.race("spin", self.biz.spin_start)
        created = {u for u, (st, _) in results.items() if st == 201}
        for u, (st, body) in results.items():
            if u not in created:
                self.assertEqual(st, 403, body)
                self.assertIn(b"session-full", body)
        self.assertEqual(len(created), 15, "10 places and 5 on the waitlist")
        # Every process tells the same story (which process the winners came through depends on timing).
        seen = []
        for p in range(PROCESSES):
            by_status = {}
            for b in self.bookings("spin", p):
                by_status.setdefault(b["status"], set()).add(b["customer"])
            self.assertEqual(len(by_status.get("CONFIRMED", ())), 10, by_status)
            self.assertEqual(len(by_status.get("WAITLISTED", ())), 5, by_status)
            self.assertEqual(by_status["CONFIRMED"] | by_status["WAITLISTED"], created)
            seen.append(by_status)
        self.assertTrue(all(s == seen[0] for s in seen))
        through = [sum(1 for u in created if int(u[5:]) % PROCESSES == p) for p in range(PROCESSES)]
        print(f"\nclass session: {N} clients over {PROCESSES} processes: 10 confirmed, 5 waitlisted,"
              f" {N - 15} refused; winners through each process: {through}", file=sys.stderr)

    def test_appointment_slot_goes_to_exactly_one_across_processes(self):
        results = self.race("cut", self.biz.cut_slot)
        winners = [u for u, (st, _) in results.items() if st == 201]
        self.assertEqual(len(winners), 1, {u: st for u, (st, _) in results.items()})
        for u, (st, body) in results.items():
            if u not in winners:
                self.assertEqual(st, 409, body)
                self.assertIn(b"slot-unavailable", body)
        for p in range(PROCESSES):
            active = [b["customer"] for b in self.bookings("cut", p) if b["status"] in ("CONFIRMED", "PENDING")]
            self.assertEqual(active, winners)
        print(f"\nappointment slot: {N} clients over {PROCESSES} processes: 1 confirmed", file=sys.stderr)

    def sync(self, p, user, path, token=""):
        r = self.server(p).request("REPORT", path, sync_body(token), user=user, headers={"Depth": "0"})
        self.assertEqual(r.status, 207, r)
        root = r.xml()
        # The service's open windows (open-*.ics, README "Open windows") change with every booking in
        # it; this test follows the customer's own event.
        hrefs = {x.findtext(f"{{{D}}}href"): x.findtext(f"{{{D}}}status") for x in root.findall(f"{{{D}}}response")
                 if not x.findtext(f"{{{D}}}href").rsplit("/", 1)[-1].startswith("open-")}
        return hrefs, root.findtext(f"{{{D}}}sync-token")

    def test_a_change_through_one_process_is_seen_by_sync_on_another(self):
        user, cal = "probe", "/dav/calendars/probe/service-cut/"
        _, token = self.sync(1, user, cal)
        start = self.biz.cut_slot.replace(hour=15)
        r = self.server(0).request("PUT", cal + "seen.ics", booking_event("seen-1", start), user=user,
                                   headers={"Content-Type": "text/calendar"})
        self.assertEqual(r.status, 201, r)
        changed, token1 = self.sync(1, user, cal, token)
        self.assertEqual(list(changed), [cal + "seen.ics"])
        self.assertNotEqual(token1, token)
        # Every process hands out the same token for the same state, and takes another's token.
        tokens = {self.sync(p, user, cal)[1] for p in range(PROCESSES)}
        self.assertEqual(tokens, {token1})
        self.assertEqual(self.sync(2, user, cal, token1)[0], {})
        r = self.server(2).request("DELETE", cal + "seen.ics", user=user)
        self.assertIn(r.status, (200, 204), r)
        gone, _ = self.sync(0, user, cal, token1)
        self.assertEqual(list(gone), [cal + "seen.ics"])
        self.assertIn("404", gone[cal + "seen.ics"])

    def test_a_front_desk_sign_in_on_one_process_works_on_the_others(self):
        s0 = self.server(0)
        r = s0.request("POST", "/desk/session", json.dumps({"user": "admin", "password": "admin"}),
                       headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        cookie = r.header("Set-Cookie").split(";")[0]
        csrf = json.loads(r.body)["csrfToken"]
        for p in (1, 2):
            r = self.server(p).request("GET", "/desk/session", headers={"Cookie": cookie})
            self.assertEqual(r.status, 200, r)
            self.assertEqual(json.loads(r.body)["csrfToken"], csrf)
            r = self.server(p).request("GET", "/api/v1/bookings?serviceId=cut", headers={"Cookie": cookie})
            self.assertEqual(r.status, 200, r)
        # Signed out through process 2: gone on process 1 too.
        r = self.server(2).request("DELETE", "/desk/session", headers={"Cookie": cookie, "X-CSRF-Token": csrf})
        self.assertEqual(r.status, 204, r)
        self.assertEqual(self.server(1).request("GET", "/desk/session", headers={"Cookie": cookie}).status, 401)


if __name__ == "__main__":
    unittest.main()
