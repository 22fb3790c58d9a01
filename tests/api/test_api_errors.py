"""The JSON API's answers to bad requests, against the real binary: JSON 401 with the Basic challenge,
404 and 405 as JSON, malformed JSON of every kind, bodies that are not objects, oversized bodies
(413), unknown query parameters; never a 500, and the server keeps serving."""
import os
import socket
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import BusinessTest, at, utc  # noqa: E402


class ApiErrors(BusinessTest):
    def assertJsonError(self, r, status, code):
        self.assertEqual(r.status, status, r)
        self.assertTrue((r.header("Content-Type") or "").startswith("application/json"), r)
        self.assertEqual(r.error.get("code"), code, r)
        self.assertTrue(r.error.get("message"), r)

    def test_unauthenticated_is_json_with_the_challenge(self):
        for kw in ({}, {"user": "alice", "password": "wrong"}, {"user": "nobody"}):
            r = self.srv.api("GET", "/services", **kw) if kw else \
                self.srv.api("GET", "/services", user=None)
            self.assertJsonError(r, 401, "unauthenticated")
            self.assertTrue(r.header("WWW-Authenticate").startswith("Basic realm="), r.response.headers)
        # CalDAV keeps its DAV:error answer.
        dav = self.srv.request("PROPFIND", "/dav/", headers={"Depth": "0"})
        self.assertEqual(dav.status, 401)
        self.assertIn("xml", dav.header("Content-Type"))

    def test_unknown_paths_and_methods(self):
        for path in ("/api/v2/services", "/api/", "/api/v1/", "/api/v1/nothing", "/api/v1/services/cut/extra/more"):
            r = self.srv.request("GET", path, user="alice")
            self.assertEqual(r.status, 404, (path, r))
            self.assertIn("json", r.header("Content-Type"))
        r = self.srv.api("PATCH", "/bookings", {}, user="alice")
        self.assertJsonError(r, 405, "method-not-allowed")
        self.assertEqual(r.header("Allow"), "GET, POST")
        options = self.srv.request("OPTIONS", "/api/v1/bookings")
        self.assertEqual(options.status, 204)
        self.assertIn("POST", options.header("Allow"))
        head = self.srv.request("HEAD", "/api/v1/services", user="alice")
        self.assertEqual((head.status, head.body), (200, b""))

    def test_malformed_json(self):
        for raw in ["", "   ", "{", "}", "{\"serviceId\": }", "{'serviceId': 'cut'}", "{\"a\": 1,}", "nul",
                    "{\"a\": 1} {\"b\": 2}", "\x00\x01", "{\"a\": \"\\u12\"}", "[" * 10000, "{\"a\":" * 10000,
                    "\"just a string\"", "42", "null", "[]", "true"]:
            r = self.srv.api("POST", "/bookings", raw=raw, user="alice")
            self.assertJsonError(r, 400, "invalid-request")
        bad_utf8 = b'{"serviceId": "cut", "start": "' + utc(at(3, 9)).encode() + b'", "note": "\xff\xfe"}'
        r = self.srv.api("POST", "/bookings", raw=bad_utf8, user="alice")
        self.assertJsonError(r, 400, "invalid-request")
        self.assertIn("UTF-8", r.error["message"])
        self.assertEqual(self.srv.api("GET", "/services", user="alice").status, 200, "still serving")

    def test_content_type_is_not_required(self):
        r = self.srv.request("POST", "/api/v1/availability/query",
                             '{"serviceId": "cut", "from": "%s", "to": "%s"}' % (utc(at(2, 9)), utc(at(2, 10))),
                             user="alice", headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status, 200, r)

    def test_oversized_bodies_are_413(self):
        big = '{"note": "' + "x" * (2 * 1024 * 1024) + '"}'
        r = self.srv.api("POST", "/bookings", raw=big, user="alice")
        self.assertJsonError(r, 413, "too-large")
        self.assertEqual(self.srv.api("GET", "/bookings", user="alice").status, 200, "still serving")

    def test_wrong_types_and_ranges_name_the_field(self):
        for body, field in [({"serviceId": 7, "from": utc(at(2, 0)), "to": utc(at(3, 0))}, "serviceId"),
                            ({"serviceId": "cut", "from": [], "to": utc(at(3, 0))}, "from"),
                            ({"serviceId": "cut", "from": utc(at(2, 0)), "to": {"t": 1}}, "to"),
                            ({"serviceId": "cut", "from": utc(at(2, 0)), "to": utc(at(3, 0)), "resourceIds": [True]},
                             "resourceIds[0]")]:
            r = self.srv.api("POST", "/availability/query", body, user="alice")
            self.assertJsonError(r, 400, "invalid-request")
            self.assertEqual(r.error["field"], field)

    def test_query_strings(self):
        r = self.srv.api("GET", "/services?verbose=1", user="alice")
        self.assertJsonError(r, 400, "invalid-request")
        self.assertEqual(r.error["field"], "verbose")
        r = self.srv.api("GET", "/bookings?status=CONFIRMED&status=PENDING", user="alice")
        self.assertJsonError(r, 400, "invalid-request")
        r = self.srv.api("GET", "/bookings?from=%zz", user="alice")
        self.assertJsonError(r, 400, "invalid-request")
        # An offset written with %2B works; a raw '+' is taken literally as well.
        ok = self.srv.api("GET", "/bookings?from=2026-12-01T00:00:00%2B01:00", user="alice")
        self.assertEqual(ok.status, 200, ok)
        ok = self.srv.api("GET", "/bookings?from=2026-12-01T00:00:00+01:00", user="alice")
        self.assertEqual(ok.status, 200, ok)

    def test_a_truncated_body_does_not_hang_or_crash(self):
        with socket.create_connection(("127.0.0.1", self.srv.port), timeout=30) as s:
            s.sendall(b"POST /api/v1/bookings HTTP/1.1\r\nHost: x\r\nAuthorization: " + self.srv.auth("alice").encode()
                      + b"\r\nContent-Length: 100\r\n\r\n{\"serviceId\":")
            s.shutdown(socket.SHUT_WR)
            answer = s.recv(4096)
        self.assertTrue(answer.startswith(b"HTTP/1.1 4"), answer[:100])
        self.assertEqual(self.srv.api("GET", "/services", user="alice").status, 200)


if __name__ == "__main__":
    unittest.main()
