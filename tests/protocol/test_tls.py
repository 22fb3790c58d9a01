"""HTTPS without a proxy: --tls-cert and --tls-key serve the same CalDAV over TLS."""
import os
import socket
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer, D, ics_event, responses  # noqa: E402


class Tls(unittest.TestCase):
    def test_https_round_trip(self):
        with tempfile.TemporaryDirectory() as d:
            cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                            "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
            with BookdavServer(users={"alice": "customer"}, extra_args=["--tls-cert", cert, "--tls-key", key]) as srv:
                # The TLS port speaks only TLS: a plain-HTTP request gets no HTTP answer.
                with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as plain:
                    plain.sendall(b"OPTIONS /dav/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    try:
                        answer = plain.recv(64)
                    except OSError:
                        answer = b""
                    self.assertFalse(answer.startswith(b"HTTP/1.1"), answer)
                r = srv.propfind("/dav/", ["d:current-user-principal"], "alice")
                self.assertEqual(r.status, 207)
                found, _ = responses(r.body)
                self.assertEqual(found["/dav/"][f"{{{D}}}current-user-principal"].findtext(f"{{{D}}}href"),
                                 "/dav/principals/alice/")
                cal = "/dav/calendars/alice/calendar/"
                self.assertEqual(srv.request("PUT", cal + "tls.ics", ics_event("tls-1"), user="alice",
                                             headers={"Content-Type": "text/calendar"}).status, 201)
                self.assertIn("UID:tls-1", srv.request("GET", cal + "tls.ics", user="alice").text)
                self.assertEqual(srv.request("GET", cal + "tls.ics").status, 401)

    def test_half_tls_configuration_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            r = subprocess.run([os.environ.get("BOOKDAV_BIN", "build/bookdav"), "serve", "--data", d,
                                "--tls-cert", "/nonexistent.pem"], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 2)
            self.assertIn("--tls-key", r.stderr)


if __name__ == "__main__":
    unittest.main()
