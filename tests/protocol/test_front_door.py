"""The front door refuses what HTTP/1.1 forbids and what would let one client hurt the others (issue
10): no Host, ambiguous body lengths, bodies that never end, large bodies before authentication,
too many connections from one address or in all."""
import os
import sys
import threading
import time
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
# Memory is asserted: under ASan (build-asan) keep its quarantine of freed memory small.
os.environ.setdefault("ASAN_OPTIONS", "quarantine_size_mb=4")
from bookdav_server import BookdavServer, ServerTest, ics_event  # noqa: E402
from bookdav_api import sync_token  # noqa: E402
from raw_http import closed_by_peer, connect, proc_status, raise_file_limit, read_response  # noqa: E402

CAL = "/dav/calendars/alice/calendar/"
B = "urn:bookdav:"


class Framing(ServerTest):
    """400 (with a DAV:error, or the JSON error under /api/) for requests RFC 9112 says to refuse."""
    USERS = {"alice": "customer"}

    def send(self, raw):
        s = connect(self.srv.port)
        self.addCleanup(s.close)
        s.sendall(raw)
        return read_response(s)

    def assertRefused(self, raw, status, words=None):
        code, headers, body, _ = self.send(raw)
        self.assertEqual(code, status, body)
        message = ET.fromstring(body).findtext(f"{{{B}}}message")
        self.assertTrue(message, body)
        if words:
            self.assertIn(words, message)
        self.assertEqual(headers.get("connection"), "close")
        return message

    def test_missing_host_is_400(self):
        self.assertRefused(b"OPTIONS /dav/ HTTP/1.1\r\n\r\n", 400, "Host")
        code, headers, body, _ = self.send(b"GET /api/v1/services HTTP/1.1\r\n\r\n")
        self.assertEqual(code, 400)
        self.assertIn("application/json", headers["content-type"])
        self.assertIn(b'"invalid-request"', body)
        # HTTP/1.0 needs none.
        code, _, _, _ = self.send(b"OPTIONS /dav/ HTTP/1.0\r\n\r\n")
        self.assertEqual(code, 200)

    def test_two_content_lengths_are_400_even_when_equal(self):
        body = ics_event("two-cl").encode()
        n = len(body)
        raw = (f"PUT {CAL}two-cl.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.srv.auth('alice')}\r\n"
               f"Content-Type: text/calendar\r\nContent-Length: {n}\r\nContent-Length: {n}\r\n\r\n").encode() + body
        self.assertRefused(raw, 400, "even when they are equal")
        self.assertEqual(self.req("GET", CAL + "two-cl.ics").status, 404)

    def test_content_length_with_transfer_encoding_is_400(self):
        body = ics_event("cl-te").encode()
        chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
        raw = (f"PUT {CAL}cl-te.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.srv.auth('alice')}\r\n"
               f"Content-Type: text/calendar\r\nContent-Length: {len(chunked)}\r\n"
               "Transfer-Encoding: chunked\r\n\r\n").encode() + chunked
        self.assertRefused(raw, 400, "Transfer-Encoding")
        self.assertEqual(self.req("GET", CAL + "cl-te.ics").status, 404)

    def test_other_malformed_requests(self):
        self.assertRefused(b"GET /dav/ HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n", 400, "Content-Length")
        self.assertRefused(b"GET /dav/ HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n", 400, "obs-fold")
        self.assertRefused(b"GET /dav/ HTTP/1.1\r\nHost : x\r\n\r\n", 400, "colon")
        self.assertRefused(b"GET /dav/\r\n\r\n", 400)
        self.assertRefused(b"GET /dav/ HTTP/2.0\r\nHost: x\r\n\r\n", 505)
        self.assertRefused(b"PUT /dav/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501)
        self.assertRefused(b"GET /dav/ HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 431)
        many = b"".join(b"X-%d: 1\r\n" % i for i in range(101))
        self.assertRefused(b"GET /dav/ HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n", 431)
        self.assertRefused(b"PUT /dav/ HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413)

    def test_a_body_shorter_than_its_length_is_never_stored(self):
        before = sync_token(self.srv, CAL, "alice")
        body = ics_event("short-1").encode()  # a whole calendar object: only the length says it is cut
        s = connect(self.srv.port)
        s.sendall((f"PUT {CAL}short-1.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.srv.auth('alice')}\r\n"
                   f"Content-Type: text/calendar\r\nContent-Length: {len(body) + 100}\r\n\r\n").encode() + body)
        time.sleep(0.3)
        s.close()
        time.sleep(0.5)
        self.assertEqual(self.req("GET", CAL + "short-1.ics").status, 404)
        self.assertEqual(sync_token(self.srv, CAL, "alice"), before)

    def test_pipelined_requests_are_answered_in_order(self):
        auth = self.srv.auth("alice")
        reqs = b"".join(f"PROPFIND {CAL} HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\nDepth: 0\r\n"
                        f"X-Order: {i}\r\n\r\n".encode() for i in range(5))
        reqs += f"GET /dav/calendars/alice/nothing-{0}.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\n\r\n".encode()
        s = connect(self.srv.port)
        self.addCleanup(s.close)
        s.sendall(reqs)
        rest = b""
        statuses = []
        for _ in range(6):
            status, _, _, rest = read_response(_Prefixed(s, rest))
            statuses.append(status)
        self.assertEqual(statuses, [207] * 5 + [404])


class Conventions(ServerTest):
    """What stays as it was: Server and Date, absolute-form targets, HTTP/1.0 keep-alive, 204
    without a body, --log-requests."""
    USERS = {"alice": "customer"}
    EXTRA_ARGS = ("--log-requests",)

    def test_headers_targets_and_http_1_0(self):
        s = connect(self.srv.port)
        self.addCleanup(s.close)
        auth = self.srv.auth("alice")
        s.sendall(f"PROPFIND http://127.0.0.1:{self.srv.port}/dav/ HTTP/1.1\r\nHost: 127.0.0.1:{self.srv.port}\r\n"
                  f"Authorization: {auth}\r\nDepth: 0\r\n\r\n".encode())
        status, headers, body, _ = read_response(s)
        self.assertEqual(status, 207)
        self.assertTrue(headers["server"].startswith("bookdav/"), headers)
        self.assertTrue(headers["date"].endswith(" GMT"), headers)
        self.assertIn(b"<d:href>/dav/</d:href>", body)

        s.sendall(b"OPTIONS /api/v1/services HTTP/1.1\r\nHost: x\r\n\r\n")
        status, headers, body, _ = read_response(s)
        self.assertEqual(status, 204)
        self.assertNotIn("content-length", headers)

        old = connect(self.srv.port)
        self.addCleanup(old.close)
        old.sendall(b"OPTIONS /dav/ HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        status, headers, _, _ = read_response(old)
        self.assertEqual((status, headers.get("connection")), (200, "keep-alive"))
        old.sendall(b"OPTIONS /dav/ HTTP/1.0\r\n\r\n")
        status, headers, _, _ = read_response(old)
        self.assertEqual((status, headers.get("connection")), (200, "close"))
        self.assertEqual(old.recv(10), b"")

        with open(self.srv.log_path) as f:
            self.assertIn(f"PROPFIND http://127.0.0.1:{self.srv.port}/dav/ 207", f.read())


class _Prefixed:
    """A socket whose first bytes are already read (what read_response returned after a response)."""

    def __init__(self, sock, prefix):
        self.sock, self.prefix = sock, prefix

    def recv(self, n):
        if self.prefix:
            data, self.prefix = self.prefix, b""
            return data
        return self.sock.recv(n)


class Admission(ServerTest):
    """Bodies larger than 64 KiB wait for authentication: a refused one is never read."""
    USERS = {"alice": "customer"}
    BIG = 31 * 1024 * 1024

    def test_unauthenticated_big_put_with_expect_gets_401_without_continue(self):
        s = connect(self.srv.port)
        self.addCleanup(s.close)
        s.sendall((f"PUT {CAL}big.ics HTTP/1.1\r\nHost: x\r\nContent-Type: text/calendar\r\n"
                   f"Content-Length: {self.BIG}\r\nExpect: 100-continue\r\n\r\n").encode())
        status, headers, body, _ = read_response(s)
        self.assertEqual(status, 401, body)  # not 100: the body is never asked for
        self.assertIn("www-authenticate", headers)
        self.assertEqual(headers.get("connection"), "close")
        self.assertLess(proc_status(self.srv.proc.pid, "VmRSS"), 150)

    def test_authenticated_big_put_with_expect_gets_continue(self):
        body = ics_event("big-ok", extra="DESCRIPTION:" + "x" * 100000 + "\r\n").encode()
        s = connect(self.srv.port)
        self.addCleanup(s.close)
        s.sendall((f"PUT {CAL}big-ok.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.srv.auth('alice')}\r\n"
                   f"Content-Type: text/calendar\r\nContent-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n").encode())
        status, _, _, _ = read_response(s)
        self.assertEqual(status, 100)
        s.sendall(body)
        status, _, _, _ = read_response(s)
        self.assertEqual(status, 201)

    def test_a_refused_small_body_is_drained_and_the_connection_kept(self):
        body = b"x" * (200 * 1024)  # above the admission threshold, below what is drained
        s = connect(self.srv.port)
        self.addCleanup(s.close)
        s.sendall((f"PUT {CAL}drained.ics HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
                  + f"OPTIONS /dav/ HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        status, headers, _, rest = read_response(s)
        self.assertEqual(status, 401)
        self.assertNotEqual(headers.get("connection"), "close")
        status, _, _, _ = read_response(_Prefixed(s, rest))
        self.assertEqual(status, 200)

    def test_many_unauthenticated_trickling_puts_keep_memory_bounded(self):
        """64 unauthenticated PUTs announcing 31 MiB each, without Expect, send 4 MiB of it slowly."""
        sent = [0] * 64
        answers = [None] * 64

        def client(i):
            try:
                s = connect(self.srv.port, timeout=15)
                s.sendall((f"PUT {CAL}trickle-{i}.ics HTTP/1.1\r\nHost: x\r\nContent-Type: text/calendar\r\n"
                           f"Content-Length: {self.BIG}\r\n\r\n").encode())
                piece = b"x" * 65536
                for _ in range(64):
                    s.sendall(piece)
                    sent[i] += len(piece)
                    time.sleep(0.01)
            except OSError:
                pass  # the server closed after its answer
            try:
                answers[i] = read_response(s)[0]
            except OSError:
                pass
            s.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(64)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        hwm = proc_status(self.srv.proc.pid, "VmHWM")
        print(f"\n64 trickling PUTs: {sum(sent) / 2**20:.0f} MiB sent, server VmHWM {hwm:.0f} MiB", file=sys.stderr)
        self.assertLess(hwm, 150, "the bodies of refused PUTs are not kept")
        self.assertIn(401, answers)
        self.assertEqual(self.srv.request("GET", CAL + "trickle-0.ics", user="alice").status, 404)


class AddressCap(unittest.TestCase):
    """Beyond --max-connections-per-address, one address's new connections close at once; the
    others are served."""

    def test_connections_beyond_the_cap_close_while_others_are_served(self):
        with BookdavServer(users={"alice": "customer"}, extra_args=["--max-connections-per-address", "8"]) as srv:
            held = [connect(srv.port, source="127.0.0.2") for _ in range(8)]
            time.sleep(0.3)
            extra = [connect(srv.port, source="127.0.0.2") for _ in range(5)]
            for s in extra:
                self.assertTrue(closed_by_peer(s, 2), "a connection beyond the cap is closed")
            for s in held[:3]:
                self.assertFalse(closed_by_peer(s, 0.05), "those within the cap stay open")
            r = srv.request("PROPFIND", "/dav/", user="alice", headers={"Depth": "0"})
            self.assertEqual(r.status, 207)
            # The held connections are served too.
            held[0].settimeout(10)
            held[0].sendall(b"OPTIONS /dav/ HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertEqual(read_response(held[0])[0], 200)
            for s in held + extra:
                s.close()


class ConnectionCap(unittest.TestCase):
    """With few file descriptors, new clients are served by closing the longest-idle connections."""

    def test_longest_idle_connections_make_room(self):
        raise_file_limit(1024)
        with BookdavServer(users={"alice": "customer"}, open_files=256) as srv:
            idle = []
            for i in range(300):  # more than the server can hold, from 30 addresses
                idle.append(connect(srv.port, source=f"127.0.1.{i % 30 + 1}"))
            time.sleep(0.5)
            self.assertTrue(closed_by_peer(idle[0], 2), "the oldest idle connection made room")
            self.assertFalse(closed_by_peer(idle[-1], 0.05), "the newest is kept")
            r = srv.request("PROPFIND", "/dav/", user="alice", headers={"Depth": "0"})
            self.assertEqual(r.status, 207)
            for s in idle:
                s.close()


if __name__ == "__main__":
    unittest.main()
