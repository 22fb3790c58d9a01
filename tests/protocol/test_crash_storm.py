"""kill -9 mid-storm (issue 10): many clients book appointments and places in small classes with a
waitlist (and cancel some) while the server is killed; restarted on the same data directory, three
rounds. Every booking whose 2xx answer arrived is there, a cancel that was answered holds, the
database passes PRAGMA integrity_check (on SQLite), and no session is over its capacity or its waitlist."""
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, at, build_business, slots, utc  # noqa: E402
from server_database import is_postgres, rows  # noqa: E402

CUSTOMERS = [f"storm{i:02d}" for i in range(12)]
THREADS_PER_CUSTOMER = 2
ROUNDS = 3


def invariants(data):
    """The problems found straight in the tables (empty when all is well); on SQLite, the file's
    integrity_check too (PostgreSQL checks its own pages)."""
    problems = []
    if not is_postgres():
        check = rows(data, "PRAGMA integrity_check")
        if check != [("ok",)]:
            problems.append(f"integrity_check: {check[:5]}")
    for sid, capacity, held in rows(
            data, "SELECT s.id, s.capacity, SUM(b.participants) FROM booking_sessions s"
            " JOIN booking_booking_sessions bs ON bs.session_id = s.id"
            " JOIN booking_bookings b ON b.id = bs.booking_id"
            " WHERE b.status IN ('CONFIRMED', 'PENDING') AND s.status = 'scheduled'"
            " GROUP BY s.id HAVING SUM(b.participants) > s.capacity"):
        problems.append(f"session {sid} holds {held} places of {capacity}")
    for sid, room, waiting in rows(
            data, "SELECT s.id, v.waitlist_capacity, SUM(b.participants) FROM booking_sessions s"
            " JOIN booking_services v ON v.id = s.service_id"
            " JOIN booking_booking_sessions bs ON bs.session_id = s.id"
            " JOIN booking_bookings b ON b.id = bs.booking_id"
            " WHERE b.status = 'WAITLISTED' GROUP BY s.id, v.waitlist_capacity"
            " HAVING SUM(b.participants) > v.waitlist_capacity"):
        problems.append(f"session {sid} has {waiting} waiting for a waitlist of {room}")
    for a, b, resource in rows(
            data, "SELECT a.session_id, b.session_id, a.resource_id FROM booking_session_resources a"
            " JOIN booking_session_resources b ON b.resource_id = a.resource_id AND a.session_id < b.session_id"
            " AND b.busy_start < a.busy_end AND a.busy_start < b.busy_end"
            " JOIN booking_sessions sa ON sa.id = a.session_id JOIN booking_sessions sb ON sb.id = b.session_id"
            " WHERE sa.status = 'scheduled' AND sb.status = 'scheduled'"
            " AND sa.kind = 'appointment' AND sb.kind = 'appointment'"):
        problems.append(f"appointments {a} and {b} overlap on {resource}")
    return problems


class Storm:
    """Clients booking and cancelling as fast as they can until the server dies."""

    def __init__(self, srv, cut_starts, yoga_sessions, seed):
        self.srv, self.cut_starts, self.yoga_sessions = srv, cut_starts, yoga_sessions
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.acknowledged = {}   # booking id -> status answered
        self.cancel_sent = set()
        self.canceled = set()    # cancels answered 200
        self.answers = 0
        self.ready = threading.Barrier(len(CUSTOMERS) * THREADS_PER_CUSTOMER + 1, timeout=60)

    def client(self, user, seed):
        rnd = random.Random(seed)
        conn = self.srv.connection(timeout=30)
        headers = {"Authorization": self.srv.auth(user), "Content-Type": "application/json"}
        mine = []

        def call(path, body):
            conn.request("POST", "/api/v1" + path, json.dumps(body), headers)
            r = conn.getresponse()
            return r.status, r.read()

        try:
            conn.request("GET", "/api/v1/me", headers=headers)  # the slow password check, before the storm
            conn.getresponse().read()
            self.ready.wait()
            while True:
                roll = rnd.random()
                if mine and roll < 0.2:
                    booking = mine.pop(rnd.randrange(len(mine)))
                    with self.lock:
                        self.cancel_sent.add(booking)
                    status, _ = call(f"/bookings/{booking}/cancel", {})
                    if status == 200:
                        with self.lock:
                            self.canceled.add(booking)
                    continue
                if roll < 0.6:
                    body = {"serviceId": "yoga", "sessionId": rnd.choice(self.yoga_sessions)}
                else:
                    body = {"serviceId": "cut", "start": rnd.choice(self.cut_starts)}
                status, data = call("/bookings", body)
                with self.lock:
                    self.answers += 1
                if status == 201:
                    booking = json.loads(data)
                    mine.append(booking["id"])
                    with self.lock:
                        self.acknowledged[booking["id"]] = booking["status"]
        except (OSError, threading.BrokenBarrierError):
            return  # the server was killed
        finally:
            conn.close()

    def run(self, kill_after):
        threads = [threading.Thread(target=self.client, args=(user, self.random.random()))
                   for user in CUSTOMERS for _ in range(THREADS_PER_CUSTOMER)]
        for t in threads:
            t.start()
        self.ready.wait()
        time.sleep(kill_after)
        self.srv.proc.kill()  # SIGKILL, mid-storm
        self.srv.proc.wait()
        for t in threads:
            t.join(60)


class CrashStorm(unittest.TestCase):
    def test_kill_9_mid_storm_three_rounds(self):
        data = tempfile.mkdtemp(prefix="bookdav-storm-")
        self.addCleanup(shutil.rmtree, data, True)
        users = {"admin": "admin", **{u: "customer" for u in CUSTOMERS}}
        srv = ApiServer(users=users, data_dir=data).start()
        build_business(srv)
        cut_starts = [s["start"] for s in slots(srv, "cut", days=3, user="admin", start_days=1)][:16]
        yoga = srv.api("GET", f"/sessions?serviceId=yoga&from={utc(at(1, 0))}&to={utc(at(4, 0))}")
        yoga_sessions = [s["id"] for s in yoga.json["sessions"]]
        self.assertEqual(len(yoga_sessions), 3)
        acknowledged, canceled, cancel_sent = {}, set(), set()
        for round_ in range(ROUNDS):
            storm = Storm(srv, cut_starts, yoga_sessions, seed=round_)
            storm.run(kill_after=0.8 + 0.4 * round_)
            print(f"\nround {round_ + 1}: {storm.answers} booking answers, {len(storm.acknowledged)} bookings and "
                  f"{len(storm.canceled)} cancels acknowledged before kill -9", file=sys.stderr)
            self.assertGreater(storm.answers, 0, "the storm was under way when the server died")
            acknowledged.update(storm.acknowledged)
            canceled |= storm.canceled
            cancel_sent |= storm.cancel_sent
            self.assertEqual(invariants(data), [])
            srv = ApiServer(users={}, data_dir=data).start()  # the same data directory
            for booking, status in acknowledged.items():
                r = srv.api("GET", f"/bookings/{booking}")
                self.assertEqual(r.status, 200, f"acknowledged booking {booking} ({status}) survived: {r}")
                now = r.json["status"]
                if booking in canceled:
                    self.assertEqual(now, "CANCELED", f"booking {booking}: its cancel was answered")
                elif booking not in cancel_sent:
                    self.assertIn(now, ("CONFIRMED", "WAITLISTED", "PENDING"), f"booking {booking}")
        code = srv.stop()
        self.assertEqual(code, 0)
        self.assertEqual(invariants(data), [])


if __name__ == "__main__":
    unittest.main()
