"""HTTP behaviour real clients rely on: Expect: 100-continue, requests without a body never block,
bodies always drained on keep-alive connections, pipelining, chunked bodies, HEAD, and a SIGTERM
that lets the request in flight finish."""
import os
import signal
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer, ServerTest, ics_event  # noqa: E402

CAL = "/dav/calendars/alice/calendar/"


def read_response(sock):
    """Reads one HTTP response (Content-Length framed) from a socket; returns (status, headers, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the headers")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length], rest[length:]


class Http(ServerTest):
    USERS = {"alice": "customer"}

    def connect(self):
        s = socket.create_connection(("127.0.0.1", self.srv.port), timeout=10)
        self.addCleanup(s.close)
        return s

    def auth(self):
        return self.srv.auth("alice")

    def test_expect_100_continue(self):
        body = ics_event("expect-1").encode()
        s = self.connect()
        s.sendall((f"PUT {CAL}expect-1.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.auth()}\r\n"
                   f"Content-Type: text/calendar\r\nContent-Length: {len(body)}\r\nExpect: 100-continue\r\n\r\n").encode())
        interim = s.recv(1024)
        self.assertTrue(interim.startswith(b"HTTP/1.1 100"), interim)
        s.sendall(body)
        status, _, _, _ = read_response(s)
        self.assertEqual(status, 201)

    def test_propfind_without_body_or_length_does_not_block(self):
        s = self.connect()  # a 10 s socket timeout: a server waiting for a body would trip it
        s.sendall(f"PROPFIND {CAL} HTTP/1.1\r\nHost: x\r\nAuthorization: {self.auth()}\r\nDepth: 0\r\n\r\n".encode())
        status, _, body, _ = read_response(s)
        self.assertEqual(status, 207)
        self.assertIn(b"multistatus", body)

    def test_pipelined_requests_after_bodies(self):
        body = ics_event("pipe-1").encode()
        s = self.connect()
        req1 = (f"PUT {CAL}pipe-1.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.auth()}\r\n"
                f"Content-Type: text/calendar\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
        # A refused PUT (another user's path) must still have its body drained.
        req2 = (f"PUT /dav/calendars/nobody/calendar/x.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.auth()}\r\n"
                f"Content-Length: 10\r\n\r\n0123456789").encode()
        req3 = f"GET {CAL}pipe-1.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.auth()}\r\n\r\n".encode()
        s.sendall(req1 + req2 + req3)
        st1, _, _, rest = read_response(s)
        self.assertEqual(st1, 201)
        statuses = []
        buf = rest
        for _ in range(2):
            while b"\r\n\r\n" not in buf:
                buf += s.recv(65536)
            head, tail = buf.split(b"\r\n\r\n", 1)
            lines = head.decode().split("\r\n")
            headers = {k.lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
            n = int(headers.get("content-length", "0"))
            while len(tail) < n:
                tail += s.recv(65536)
            statuses.append((int(lines[0].split()[1]), tail[:n]))
            buf = tail[n:]
        self.assertEqual(statuses[0][0], 403)
        self.assertEqual(statuses[1][0], 200)
        self.assertIn(b"UID:pipe-1", statuses[1][1])

    def test_chunked_body(self):
        body = ics_event("chunked-1").encode()
        half = len(body) // 2
        s = self.connect()
        s.sendall((f"PUT {CAL}chunked-1.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.auth()}\r\n"
                   "Content-Type: text/calendar\r\nTransfer-Encoding: chunked\r\n\r\n").encode())
        for part in (body[:half], body[half:]):
            s.sendall(f"{len(part):x}\r\n".encode() + part + b"\r\n")
        s.sendall(b"0\r\n\r\n")
        status, _, _, _ = read_response(s)
        self.assertEqual(status, 201)
        self.assertIn("UID:chunked-1", self.srv.request("GET", CAL + "chunked-1.ics", user="alice").text)

    def test_head_has_length_but_no_body(self):
        self.srv.request("PUT", CAL + "head-1.ics", ics_event("head-1"), user="alice", headers={"Content-Type": "text/calendar"})
        get = self.srv.request("GET", CAL + "head-1.ics", user="alice")
        s = self.connect()
        s.sendall(f"HEAD {CAL}head-1.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {self.auth()}\r\n\r\n".encode())
        data = b""
        while b"\r\n\r\n" not in data:
            data += s.recv(4096)
        head, rest = data.split(b"\r\n\r\n", 1)
        self.assertIn(b"200", head.split(b"\r\n")[0])
        self.assertIn(f"Content-Length: {len(get.body)}".encode(), head)
        self.assertIn(get.header("ETag").encode(), head)
        self.assertEqual(rest, b"")


class GracefulStop(unittest.TestCase):
    def test_sigterm_lets_request_in_flight_finish(self):
        srv = BookdavServer(users={"alice": "customer"}).start()
        try:
            body = ics_event("inflight-1").encode()
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
            s.sendall((f"PUT {CAL}inflight-1.ics HTTP/1.1\r\nHost: x\r\nAuthorization: {srv.auth('alice')}\r\n"
                       f"Content-Type: text/calendar\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
                      + body[:20])
            time.sleep(0.3)
            srv.proc.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            s.sendall(body[20:])
            status, _, _, _ = read_response(s)
            s.close()
            self.assertEqual(status, 201)
            self.assertEqual(srv.proc.wait(timeout=30), 0)
            # The write is durable: a new server on the same data directory serves it.
            again = BookdavServer(users={}, data_dir=srv.data).start()
            try:
                r = again.request("GET", CAL + "inflight-1.ics", user="alice")
                self.assertEqual(r.status, 200)
            finally:
                again.stop()
        finally:
            srv.__exit__(None, None, None)


if __name__ == "__main__":
    unittest.main()
