"""Soak (issue 10): 1,000 idle and 300 slowloris connections from one address, kept up (reopened
when the server closes them), while 16 clients book and cancel through the JSON API. The clients'
p99 latency stays under a second and the server's memory stays bounded. Twice: with the default
per-address cap (the cap protects), and with the cap above 1,300 (the event loop has to cope)."""
import http.client
import json
import multiprocessing
import os
import select
import socket
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
# Memory is asserted: under ASan (build-asan) keep its quarantine of freed memory small.
os.environ.setdefault("ASAN_OPTIONS", "quarantine_size_mb=4")
from bookdav_api import ApiServer, build_business, slots  # noqa: E402
from raw_http import proc_status, raise_file_limit  # noqa: E402

IDLE, SLOW, CLIENTS = 1000, 300, 16
ATTACKER, CLIENT_ADDRESS = "127.0.0.2", "127.0.0.1"
LOAD_SECONDS = int(os.environ.get("BOOKDAV_SOAK_SECONDS", "12"))  # CTest runs the PostgreSQL copy shorter
P99_BOUND = 1.0


def attack(port, stop, stats):
    """Keeps IDLE connections that send nothing and SLOW that send a header block a byte a second
    open from ATTACKER, reopening each one the server closes (at most once a second)."""
    raise_file_limit(IDLE + SLOW + 256)
    poller = select.epoll()
    socks = {}  # fd -> (socket, slow?)
    vacant = [False] * IDLE + [True] * SLOW  # slots to (re)open: slow? per slot
    header = b"GET /dav/ HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100000
    sent = {}
    opened = peak = 0
    while not stop.is_set():
        tick = time.monotonic()
        for fd, _ in poller.poll(0):  # answered (a 408) or closed by the server: to be reopened
            s, slow = socks.pop(fd)
            poller.unregister(fd)
            s.close()
            vacant.append(slow)
        peak = max(peak, len(socks))
        for fd, (s, slow) in socks.items():
            if slow:
                try:
                    s.send(header[sent[fd]:sent[fd] + 1])
                    sent[fd] += 1
                except OSError:
                    pass
        reopen, vacant = vacant, []
        for slow in reopen:
            s = socket.socket()
            s.setblocking(False)
            s.bind((ATTACKER, 0))
            try:
                s.connect(("127.0.0.1", port))
            except BlockingIOError:
                pass
            except OSError:
                s.close()
                vacant.append(slow)
                continue
            socks[s.fileno()] = (s, slow)
            sent[s.fileno()] = 0
            poller.register(s.fileno(), select.EPOLLIN | select.EPOLLRDHUP)
            opened += 1
        stop.wait(max(0.0, 1 - (time.monotonic() - tick)))
    stats["opened"], stats["peak"] = opened, peak
    for s, _ in socks.values():
        s.close()


class Soak(unittest.TestCase):
    def run_soak(self, extra_args, label):
        raise_file_limit(4096)
        srv = ApiServer(users={"admin": "admin", "alice": "customer"}, extra_args=extra_args).start()
        try:
            build_business(srv)
            starts = [s["start"] for s in slots(srv, "cut", days=20, start_days=1)]
            self.assertGreaterEqual(len(starts), CLIENTS)
            stop = multiprocessing.Event()
            stats = multiprocessing.Manager().dict()
            attacker = multiprocessing.Process(target=attack, args=(srv.port, stop, stats))
            attacker.start()
            time.sleep(3)  # the connections are up, the slow ones a few bytes in
            latencies, errors = [], []
            lock = threading.Lock()
            end = time.monotonic() + LOAD_SECONDS

            def client(i):
                conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30,
                                                  source_address=(CLIENT_ADDRESS, 0))
                headers = {"Authorization": srv.auth("alice"), "Content-Type": "application/json"}
                mine = []

                def call(method, path, body):
                    t = time.monotonic()
                    conn.request(method, "/api/v1" + path, json.dumps(body), headers)
                    r = conn.getresponse()
                    data = r.read()
                    mine.append(time.monotonic() - t)
                    return r.status, data

                try:
                    while time.monotonic() < end:
                        status, data = call("POST", "/bookings", {"serviceId": "cut", "start": starts[i]})
                        if status != 201:
                            errors.append((status, data[:200]))
                            continue
                        booking = json.loads(data)["id"]
                        status, data = call("POST", f"/bookings/{booking}/cancel", {})
                        if status != 200:
                            errors.append((status, data[:200]))
                except OSError as e:
                    errors.append(("connection", repr(e)))
                finally:
                    conn.close()
                    with lock:
                        latencies.extend(mine)

            threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(LOAD_SECONDS + 60)
            hwm = proc_status(srv.proc.pid, "VmHWM")
            stop.set()
            attacker.join(10)
            self.assertGreater(len(latencies), 100, f"{label}: the clients were answered; errors: {errors[:5]}")
            latencies.sort()
            p50 = latencies[len(latencies) // 2]
            p99 = latencies[int(len(latencies) * 0.99)]
            print(f"\n{label}: {len(latencies)} requests from {CLIENTS} clients in {LOAD_SECONDS} s, "
                  f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {latencies[-1] * 1000:.0f} ms; "
                  f"attacker opened {stats.get('opened')} connections, held {stats.get('peak')} at once; "
                  f"server VmHWM {hwm:.0f} MiB", file=sys.stderr)
            self.assertEqual(errors, [])
            self.assertLess(p99, P99_BOUND, f"{label}: the clients' p99 latency is {p99:.2f} s, over {P99_BOUND} s")
            self.assertLess(hwm, 300, f"{label}: server memory")
            return stats
        finally:
            srv.__exit__(None, None, None)

    def test_1_the_per_address_cap_protects(self):
        stats = self.run_soak([], "default cap (256 per address)")
        self.assertLess(stats["peak"], 400, "the server held about its cap (256) from one address, not all")

    def test_2_the_event_loop_copes_without_the_cap(self):
        stats = self.run_soak(["--max-connections-per-address", "2000"], "cap 2000 per address")
        self.assertGreater(stats["peak"], IDLE + SLOW - 50, "the attack's connections were all held at once")


if __name__ == "__main__":
    unittest.main()
