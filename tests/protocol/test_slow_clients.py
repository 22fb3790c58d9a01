"""Slow clients cannot hold the server: a header block trickled a byte a second is cut off by the
header deadline (which does not restart per byte) while other clients are answered at once, and
SIGTERM ends the process within its grace even with a slow client and handlers stuck on a database
lock another process holds."""
import os
import select
import signal
import socket
import sqlite3
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer, ics_event  # noqa: E402
from raw_http import connect  # noqa: E402

CAL = "/dav/calendars/alice/calendar/"
HEADER_DEADLINE = 10  # seconds (README, "Connections")
SHUTDOWN_GRACE = 10


class Slowloris:
    """Connections that send `prefix` at once, then `text` one byte a second, never finishing it: by
    default a header block."""

    def __init__(self, port, count, source="127.0.0.1", prefix=b"",
                 text=b"GET /dav/ HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 1000):
        self.text = text
        self.socks = [connect(port, source=source) for _ in range(count)]
        for s in self.socks:
            s.sendall(prefix)
        self.closed_after = {}
        self.answers = {}
        self.started = time.monotonic()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        text = self.text
        i = 0
        while not self.stop.is_set() and len(self.closed_after) < len(self.socks):
            for n, s in enumerate(self.socks):
                if n in self.closed_after:
                    continue
                try:
                    # The server's answer (a 408) or its close ends the attack on this connection.
                    answered = select.select([s], [], [], 0)[0]
                    if answered:
                        self.answers[n] = s.recv(65536, socket.MSG_PEEK)
                        raise ConnectionError("answered")
                    s.sendall(text[i % len(text):i % len(text) + 1])
                except OSError:
                    self.closed_after[n] = time.monotonic() - self.started
            i += 1
            self.stop.wait(1)

    def close(self):
        self.stop.set()
        self.thread.join(5)
        for s in self.socks:
            s.close()


class SlowHeaders(unittest.TestCase):
    def test_header_and_body_deadlines_do_not_restart_per_byte(self):
        with BookdavServer(users={"alice": "customer"}) as srv:
            # The first sign-in pays the password hash (600,000 PBKDF2 rounds, about 1 s under ASan):
            # not what is measured here, so it is paid before the slow clients come.
            self.assertEqual(srv.request("PROPFIND", CAL, user="alice", headers={"Depth": "0"}).status, 207)
            slow = Slowloris(srv.port, 20)
            # And bodies: 1,000 bytes announced, a byte a second (the deadline: 10 s + 1,000 B at 16 KiB/s).
            put = (f"PUT {CAL}slow-body.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {srv.auth('alice')}\r\n"
                   "Content-Type: text/calendar\r\nContent-Length: 1000\r\n\r\n").encode()
            slow_body = Slowloris(srv.port, 5, prefix=put, text=ics_event("slow-body").encode().ljust(1000))
            latencies = []
            try:
                deadline = time.monotonic() + HEADER_DEADLINE + 5
                while time.monotonic() < deadline and len(slow.closed_after) + len(slow_body.closed_after) < 25:
                    t = time.monotonic()
                    r = srv.request("PROPFIND", CAL, user="alice", headers={"Depth": "0"})
                    latencies.append(time.monotonic() - t)
                    self.assertEqual(r.status, 207)
                    time.sleep(0.5)
            finally:
                slow.close()
                slow_body.close()
            self.assertEqual(len(slow.closed_after), 20, "every slow connection was closed")
            self.assertEqual(len(slow_body.closed_after), 5, "every slow body was cut off")
            self.assertLess(max(slow_body.closed_after.values()), HEADER_DEADLINE + 4)
            self.assertTrue(all(a.startswith(b"HTTP/1.1 408 ") for a in slow_body.answers.values()),
                            slow_body.answers)
            self.assertEqual(srv.request("GET", CAL + "slow-body.ics", user="alice").status, 404)
            latest = max(slow.closed_after.values())
            self.assertLess(latest, HEADER_DEADLINE + 4, f"closed after {latest:.1f} s")
            self.assertGreater(min(slow.closed_after.values()), HEADER_DEADLINE - 1)
            self.assertTrue(all(a.startswith(b"HTTP/1.1 408 ") for a in slow.answers.values()), slow.answers)
            self.assertLess(max(latencies), 1.0, f"other clients were answered promptly: {latencies}")


class StuckShutdown(unittest.TestCase):
    def test_sigterm_exits_within_the_grace_with_stuck_handlers_and_a_slow_client(self):
        # Two workers, four PUTs: two wait on the lock (up to SQLite's 10 s busy timeout), two more
        # would follow for 10 s more; a slowloris connection holds a header block open.
        srv = BookdavServer(users={"alice": "customer"}, extra_args=["--threads", "2"]).start()
        lock = None
        slow = None
        socks = []
        try:
            srv.request("PROPFIND", CAL, user="alice", headers={"Depth": "0"})  # signed in, provisioned
            lock = sqlite3.connect(os.path.join(srv.data, "bookdav.db"), isolation_level=None, timeout=5)
            lock.execute("BEGIN IMMEDIATE")
            for i in range(4):
                body = ics_event(f"stuck-{i}").encode()
                s = connect(srv.port, timeout=30)
                s.sendall((f"PUT {CAL}stuck-{i}.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {srv.auth('alice')}\r\n"
                           f"Content-Type: text/calendar\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body)
                socks.append(s)
            slow = Slowloris(srv.port, 1)
            time.sleep(1)
            started = time.monotonic()
            srv.proc.send_signal(signal.SIGTERM)
            try:
                code = srv.proc.wait(timeout=SHUTDOWN_GRACE + 5)
            except Exception:
                code = None
            took = time.monotonic() - started
            self.assertEqual(code, 0, f"bookdav exited within {SHUTDOWN_GRACE + 5} s of SIGTERM (took {took:.1f} s)")
            self.assertGreater(took, SHUTDOWN_GRACE - 2, "it gave the requests in flight their grace")
            with open(srv.log_path) as f:
                self.assertIn("still running", f.read())
        finally:
            if slow:
                slow.close()
            for s in socks:
                s.close()
            if lock:
                lock.execute("ROLLBACK")
                lock.close()
            srv.__exit__(None, None, None)


if __name__ == "__main__":
    unittest.main()
