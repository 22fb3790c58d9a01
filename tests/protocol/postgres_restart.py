"""PostgreSQL restarts under a booking storm (issue 14): two bookdav processes on a throw-away
cluster of their own; customers book class places and haircuts through both while the cluster is
restarted, once with `pg_ctl restart -m fast` and once with `-m immediate` (a crash of the server).
No process dies; a request either succeeds, or is answered 503 with Retry-After (nothing changed), or,
only when the connection went away during COMMIT, 500 outcome-unknown; every acknowledged booking is
there afterwards, nothing is over capacity, and both processes serve again without a restart.
PostgreSQL only (run by CTest as postgres.protocol.test_restart): SQLite has no server to restart."""
import collections
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import ROOT  # noqa: E402

CLUSTER_SCRIPT = os.path.join(ROOT, "scripts", "postgres-cluster")
PROCESSES = 2
CUSTOMERS = 16
SPIN_DAYS = 6
RESTART_AFTER = (25, 70)  # acknowledged bookings before each restart


class PostgresRestart(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="bookdav-restart-pg-")
        env = dict(os.environ, BOOKDAV_POSTGRES_SYNCHRONOUS_COMMIT="on")  # an immediate restart loses nothing committed
        url = subprocess.run([CLUSTER_SCRIPT, "start", cls.dir], check=True, capture_output=True, text=True,
                             env=env, timeout=120).stdout.strip()
        os.environ["BOOKDAV_TEST_ENGINE"] = "postgres"
        os.environ["BOOKDAV_TEST_POSTGRES"] = url
        os.environ.pop("BOOKDAV_TEST_POSTGRES_URL_FILE", None)

    @classmethod
    def tearDownClass(cls):
        subprocess.run([CLUSTER_SCRIPT, "stop", cls.dir], capture_output=True, timeout=120)

    def cluster_script(self, *args):
        started = time.monotonic()
        subprocess.run([CLUSTER_SCRIPT, *args], check=True, capture_output=True, timeout=120,
                       env=dict(os.environ, BOOKDAV_POSTGRES_SYNCHRONOUS_COMMIT="on"))
        return time.monotonic() - started

    def restart(self, mode):
        return self.cluster_script("restart", self.dir, mode)

    def test_restarts_lose_nothing_acknowledged_and_every_process_serves_again(self):
        from bookdav_cluster import Cluster, shared_database
        from test_business import TestBusiness, booking_event

        biz = TestBusiness()
        db = shared_database()
        self.addCleanup(db.close)
        users = {f"cust{i:02d}": "customer" for i in range(CUSTOMERS)}
        users["admin"] = "admin"
        cluster = Cluster(db, PROCESSES, users=users)
        biz.load(cluster.servers[0])
        with cluster:
            work = collections.defaultdict(collections.deque)
            for c in range(CUSTOMERS):
                user = f"cust{c:02d}"
                for d in range(SPIN_DAYS):
                    start = biz.spin_start + dt.timedelta(days=d)
                    work[user].append((f"/dav/calendars/{user}/service-spin/s{d}.ics", f"spin-{user}-{d}", start))
                for k in range(3):
                    start = biz.cut_slot + dt.timedelta(days=k, minutes=30 * (c % 12))
                    work[user].append((f"/dav/calendars/{user}/service-cut/c{k}.ics", f"cut-{user}-{k}", start))
            lock = threading.Lock()
            acknowledged = set()
            answers = collections.Counter()
            unexpected = []
            restarts = []

            def restarter():
                for mode, after in zip(("fast", "immediate"), RESTART_AFTER):
                    while len(acknowledged) < after and any(t.is_alive() for t in threads):
                        time.sleep(0.01)
                    took = self.restart(mode)
                    restarts.append((mode, len(acknowledged), took))

            def client(c):
                user = f"cust{c:02d}"
                srv = cluster.servers[c % PROCESSES]
                while work[user]:
                    href, uid, start = work[user][0]
                    r = srv.request("PUT", href, booking_event(uid, start), user=user,
                                    headers={"Content-Type": "text/calendar"})
                    with lock:
                        answers[r.status] += 1
                    if r.status == 503:
                        self.assertTrue(r.header("Retry-After"), r)
                        self.assertIn("error", r.text)
                        time.sleep(0.2)  # nothing changed: the same booking again
                        continue
                    if r.status == 500 and "may or may not have been made" in r.text:
                        work[user].popleft()  # the outcome is unknown: not counted as acknowledged
                        continue
                    if r.status >= 500:
                        unexpected.append((user, uid, r.status, r.text[:300]))
                    work[user].popleft()
                    if 200 <= r.status < 300:
                        with lock:
                            acknowledged.add((user, uid))

            threads = [threading.Thread(target=client, args=(c,)) for c in range(CUSTOMERS)]
            for t in threads:
                t.start()
            chaos = threading.Thread(target=restarter)
            chaos.start()
            for t in threads:
                t.join(300)
            chaos.join(300)
            print(f"\nrestarts (mode, acknowledged before, seconds): {restarts}; answers {dict(answers)};"
                  f" {len(acknowledged)} acknowledged", file=sys.stderr)
            self.assertEqual(len(restarts), 2, "both restarts happened during the storm")
            self.assertEqual(unexpected, [])
            for i, srv in enumerate(cluster.servers):
                self.assertIsNone(srv.proc.poll(), f"process {i} is still running")

            for i, srv in enumerate(cluster.servers):
                bookings = []
                for service in ("spin", "cut"):
                    r = srv.request("GET", f"/api/v1/bookings?serviceId={service}", user="admin")
                    self.assertEqual(r.status, 200, f"process {i} serves after the restarts: {r}")
                    bookings += json.loads(r.body)["bookings"]
                stored = {(b["customer"], b["uid"]) for b in bookings}
                self.assertEqual(sorted(acknowledged - stored), [], "acknowledged but not in the database")
                per_session = collections.Counter((b["start"], b["status"]) for b in bookings if b["serviceId"] == "spin")
                for (start, status), n in per_session.items():
                    self.assertLessEqual(n, {"CONFIRMED": 10, "WAITLISTED": 5}.get(status, 0), (start, status))
                cuts = collections.Counter(b["start"] for b in bookings
                                           if b["serviceId"] == "cut" and b["status"] == "CONFIRMED")
                self.assertTrue(all(n == 1 for n in cuts.values()), cuts)
                r = srv.request("PROPFIND", "/dav/calendars/cust00/", user="cust00", headers={"Depth": "1"})
                self.assertEqual(r.status, 207, r)

            # Down for longer than bookdav waits (about 5 s): 503 with Retry-After, nothing changed,
            # in the DAV:error and the JSON error shapes; back up: both processes serve, nothing lost.
            self.cluster_script("pause", self.dir)
            try:
                late = biz.cut_slot + dt.timedelta(days=5)
                started = time.monotonic()
                r = cluster.servers[0].request("PUT", "/dav/calendars/cust00/service-cut/down.ics",
                                               booking_event("down-0", late), user="cust00",
                                               headers={"Content-Type": "text/calendar"})
                waited = time.monotonic() - started
                self.assertEqual(r.status, 503, r)
                self.assertTrue(r.header("Retry-After"), r)
                self.assertIn("the request changed nothing", r.text)
                self.assertIn("DAV:", r.text)
                r = cluster.servers[1].request("GET", "/api/v1/bookings?serviceId=cut", user="admin")
                self.assertEqual(r.status, 503, r)
                self.assertEqual(json.loads(r.body)["error"]["code"], "database-unavailable", r.body)
                print(f"while the database was down: 503 after {waited:.1f} s", file=sys.stderr)
            finally:
                self.cluster_script("resume", self.dir)
            for i, srv in enumerate(cluster.servers):
                self.assertIsNone(srv.proc.poll(), f"process {i} outlived the outage")
                r = srv.request("PUT", f"/dav/calendars/cust01/service-cut/up{i}.ics",
                                booking_event(f"up-{i}", biz.cut_slot + dt.timedelta(days=5, hours=i + 1)),
                                user="cust01", headers={"Content-Type": "text/calendar"})
                self.assertEqual(r.status, 201, f"process {i} books again after the outage: {r}")
            stored = set()
            for service in ("spin", "cut"):
                r = cluster.servers[0].request("GET", f"/api/v1/bookings?serviceId={service}", user="admin")
                self.assertEqual(r.status, 200, r)
                stored |= {(b["customer"], b["uid"]) for b in json.loads(r.body)["bookings"]}
            self.assertEqual(sorted(acknowledged - stored), [])
            self.assertNotIn(("cust00", "down-0"), stored, "the refused PUT changed nothing")


if __name__ == "__main__":
    unittest.main()
