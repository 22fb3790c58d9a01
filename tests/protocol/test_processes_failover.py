"""Failover: 3 bookdav processes serve one database and send notifications to a real SMTP server;
customers book class places and haircuts through them, and mid-storm the process holding the
notification worker's lease is killed with kill -9. Its clients go on through the others (as a proxy
would send them); the survivors keep serving; every acknowledged (2xx) booking is in the database,
nothing is over capacity, and the lease moves to a survivor, which sends the messages (the confirmed
customers of bookings made after the kill are told too)."""
import collections
import json
import os
import re
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_cluster import Cluster, shared_database  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402
from test_business import TestBusiness, booking_event  # noqa: E402
import datetime as dt  # noqa: E402

PROCESSES = 3
CUSTOMERS = 24
SPIN_DAYS = 6  # 24 customers for each of 6 sessions of 10 places + 5 waiting
KILL_AFTER = 40  # acknowledged bookings before the kill


def lease_holder_pid(log):
    m = re.findall(r"this process \([^:]*:(\d+):[0-9a-f]+\) runs notifications", log)
    return int(m[-1]) if m else None


class ProcessesFailover(unittest.TestCase):
    def test_a_killed_process_loses_nothing_acknowledged_and_its_lease_moves(self):
        biz = TestBusiness()
        db = shared_database()
        self.addCleanup(db.close)
        with SmtpSink() as sink:
            smtp = ["--smtp", f"127.0.0.1:{sink.port}", "--mail-from", "bookings@gym.example",
                    "--notify-retry-after", "1"]
            users = {f"cust{i:02d}": "customer" for i in range(CUSTOMERS)}
            users["admin"] = "admin"
            cluster = Cluster(db, PROCESSES, users=users, extra_args=smtp)
            biz.load(cluster.servers[0])
            with cluster:
                pids = {srv.proc.pid: i for i, srv in enumerate(cluster.servers)}
                deadline = time.time() + 20
                holder = None
                while holder is None and time.time() < deadline:
                    for i in range(PROCESSES):
                        pid = lease_holder_pid(cluster.log(i))
                        if pid in pids:
                            holder = pids[pid]
                    time.sleep(0.1)
                self.assertIsNotNone(holder, "one process took the notification worker's lease")

                # Each customer's bookings: a place in each spin session, and two haircuts of their own.
                work = collections.defaultdict(collections.deque)
                for c in range(CUSTOMERS):
                    user = f"cust{c:02d}"
                    for d in range(SPIN_DAYS):
                        start = biz.spin_start + dt.timedelta(days=d)
                        work[user].append((f"/dav/calendars/{user}/service-spin/s{d}.ics", f"spin-{user}-{d}", start))
                    for k in range(2):
                        start = biz.cut_slot + dt.timedelta(days=k, minutes=30 * (c % 12))
                        work[user].append((f"/dav/calendars/{user}/service-cut/c{k}.ics", f"cut-{user}-{k}", start))
                lock = threading.Lock()
                acknowledged = {}  # (user, uid) -> when
                killed_at = [None]
                errors = []

                def client(c):
                    user = f"cust{c:02d}"
                    p = c % PROCESSES
                    while work[user]:
                        href, uid, start = work[user][0]
                        srv = cluster.servers[p]
                        try:
                            r = srv.request("PUT", href, booking_event(uid, start), user=user,
                                            headers={"Content-Type": "text/calendar"})
                        except OSError:
                            p = (p + 1) % PROCESSES  # that process is gone: the next one (a proxy's retry)
                            continue
                        if r.status in (500, 502, 503):
                            errors.append((user, uid, r.status, r.body[:200]))
                        work[user].popleft()
                        if 200 <= r.status < 300:
                            with lock:
                                acknowledged[(user, uid)] = time.time()
                                if len(acknowledged) >= KILL_AFTER and killed_at[0] is None:
                                    killed_at[0] = time.time()
                                    cluster.kill(holder)

                threads = [threading.Thread(target=client, args=(c,)) for c in range(CUSTOMERS)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(240)
                self.assertIsNotNone(killed_at[0], "the storm ended before the kill")
                self.assertEqual(errors, [])
                survivors = [i for i in range(PROCESSES) if i != holder]

                # Every acknowledged booking is there, as every survivor sees it; nothing over capacity.
                for i in survivors:
                    bookings = []
                    for service in ("spin", "cut"):
                        r = cluster.servers[i].request("GET", f"/api/v1/bookings?serviceId={service}", user="admin")
                        self.assertEqual(r.status, 200, r)
                        bookings += json.loads(r.body)["bookings"]
                    stored = {(b["customer"], b["uid"]): b for b in bookings}
                    missing = [k for k in acknowledged if k not in stored]
                    self.assertEqual(missing, [], "acknowledged but not in the database")
                    per_session = collections.Counter((b["start"], b["status"]) for b in bookings
                                                      if b["serviceId"] == "spin")
                    for (start, status), n in per_session.items():
                        self.assertLessEqual(n, {"CONFIRMED": 10, "WAITLISTED": 5}.get(status, 0), (start, status))
                    cuts = collections.Counter(b["start"] for b in bookings
                                               if b["serviceId"] == "cut" and b["status"] == "CONFIRMED")
                    self.assertTrue(all(n == 1 for n in cuts.values()), cuts)  # one stylist, one chair

                # The lease moved to a survivor, which sends: every confirmed booking's customer is told.
                deadline = time.time() + 30
                new_holder = None
                while new_holder is None and time.time() < deadline:
                    for i in survivors:
                        if lease_holder_pid(cluster.log(i)) == cluster.servers[i].proc.pid:
                            new_holder = i
                    time.sleep(0.2)
                self.assertIsNotNone(new_holder, "a survivor took the notification worker's lease")
                confirmed = {b["id"]: b["customer"] for b in bookings if b["status"] == "CONFIRMED"}

                def told(msgs):
                    return {int(m["X-Bookdav-Booking"]) for m in msgs if m["X-Bookdav-Kind"] == "confirmed"
                            and m.rcpt[0].startswith(confirmed.get(int(m["X-Bookdav-Booking"]), "?") + "@")}
                msgs = sink.wait_for(lambda msgs: told(msgs) >= set(confirmed), timeout=60)
                after_kill = sum(1 for when in acknowledged.values() if when > killed_at[0])
                by_id = collections.Counter(m["Message-ID"] for m in msgs)
                print(f"\n{len(acknowledged)} acknowledged ({after_kill} after the kill of process {holder}),"
                      f" {len(confirmed)} confirmed, lease moved to process {new_holder},"
                      f" {len(by_id)} messages ({sum(n - 1 for n in by_id.values())} sent again)", file=sys.stderr)
                self.assertGreater(after_kill, 0, "the survivors served after the kill")
                # One process sends at a time: only what the killed one was sending (one batch of 64 at
                # most, at least once) goes out again, not every message once per process.
                self.assertLessEqual(sum(n - 1 for n in by_id.values()), 64)


if __name__ == "__main__":
    unittest.main()
