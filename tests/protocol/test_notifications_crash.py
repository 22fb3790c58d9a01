"""kill -9 in the middle of a burst of bookings (issue 13): several threads book through the JSON API
while the notification worker sends to a real SMTP server (aiosmtpd on loopback); the server is killed
with SIGKILL halfway and restarted on the same data directory. Afterwards every committed booking's
confirmation has been delivered, none was sent for a booking that never committed, and a message
that came twice carried the same Message-ID both times (at least once, never two different ones)."""
import collections
import json
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, build_business, slots  # noqa: E402
from server_database import rows  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402

THREADS = 6
BOOKINGS = 300        # asked for in all
KILL_AFTER = 150      # acknowledged bookings before the kill
CUSTOMERS = ["alice", "bob"]


class KilledMidBurst(unittest.TestCase):
    def test_every_committed_booking_is_told_once_none_other(self):
        with SmtpSink() as sink:
            smtp = ["--smtp", f"127.0.0.1:{sink.port}", "--mail-from", "bookings@salon.example",
                    "--notify-retry-after", "1", "--durability", "process-crash"]
            srv = ApiServer(extra_args=smtp)
            srv.start()
            build_business(srv)
            starts = [s["start"] for s in slots(srv, "cut", days=20, start_days=1)]
            self.assertGreater(len(starts) * 2, BOOKINGS)
            todo = collections.deque((starts[i // 2], CUSTOMERS[i % 2]) for i in range(BOOKINGS))
            lock = threading.Lock()
            acknowledged = set()
            killed = threading.Event()

            def client():
                conn = srv.connection(timeout=30)
                try:
                    book(conn)
                finally:
                    conn.close()

            def book(conn):
                while not killed.is_set():
                    with lock:
                        if not todo:
                            return
                        start, user = todo.popleft()
                    try:
                        conn.request("POST", "/api/v1/bookings",
                                     '{"serviceId": "cut", "start": "%s"}' % start,
                                     {"Authorization": srv.auth(user), "Content-Type": "application/json"})
                        r = conn.getresponse()
                        body = r.read()
                    except OSError:
                        return  # the server died under this request
                    if r.status == 201:
                        with lock:
                            acknowledged.add(json.loads(body)["id"])
                            if len(acknowledged) >= KILL_AFTER and not killed.is_set():
                                killed.set()
                                srv.proc.kill()

            threads = [threading.Thread(target=client) for _ in range(THREADS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
            self.assertTrue(killed.is_set(), "the burst ended before the kill")
            srv.proc.wait(20)
            sent_before_restart = len(sink.snapshot())

            again = ApiServer(extra_args=smtp, data_dir=srv.data)
            with again:
                db = srv.data
                committed = {row[0] for row in rows(db, "SELECT id FROM booking_bookings")}
                self.assertTrue(acknowledged <= committed, sorted(acknowledged - committed)[:10])

                def customers_told(msgs):
                    return {int(m["X-Bookdav-Booking"]) for m in msgs if m["X-Bookdav-Kind"] == "confirmed"
                            and m.rcpt[0] in ("alice@localhost", "bob@localhost")}
                sink.wait_for(lambda msgs: customers_told(msgs) >= committed, timeout=90)
                deadline = time.time() + 30
                while time.time() < deadline and rows(db, "SELECT COUNT(*) FROM notifications"
                                                           " WHERE state <> 'sent'")[0][0]:
                    time.sleep(0.2)
                self.assertEqual(rows(db, "SELECT state, COUNT(*) FROM notifications GROUP BY state"),
                                 [("sent", len(rows(db, "SELECT id FROM notifications")))])
                msgs = sink.snapshot()

            # None for a booking that never committed.
            told = {int(m["X-Bookdav-Booking"]) for m in msgs}
            self.assertTrue(told <= committed, sorted(told - committed)[:10])
            # One Message-ID per booking, kind and recipient; a repeat is the same message again.
            ids = collections.defaultdict(set)
            for m in msgs:
                ids[(m["X-Bookdav-Booking"], m["X-Bookdav-Kind"], m.rcpt[0])].add(m["Message-ID"])
            self.assertEqual([k for k, v in ids.items() if len(v) != 1], [])
            by_id = collections.Counter(m["Message-ID"] for m in msgs)
            repeats = sum(n - 1 for n in by_id.values())
            # Every committed booking: its customer told once (and its stylist, when ana has it).
            staff = {row[0] for row in rows(db, "SELECT b.id FROM booking_bookings b"
                                                 " JOIN booking_booking_sessions bs ON bs.booking_id = b.id"
                                                 " JOIN booking_session_resources r ON r.session_id = bs.session_id"
                                                 " WHERE r.resource_id = 'ana'")}
            self.assertEqual(len(by_id), len(committed) + len(staff))
            print(f"\n{len(acknowledged)} acknowledged, {len(committed)} committed, {len(by_id)} messages"
                  f" ({sent_before_restart} before the kill), {repeats} sent again after the restart",
                  file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
