"""E-mail over STARTTLS (issue 13, item 3) against a real SMTP server on loopback (python3-aiosmtpd) with a
throw-away CA and server certificate made by `openssl` for this test: with --smtp-starttls and --smtp-ca (the
CA's PEM) the message arrives over TLS, and AUTH (offered by the server only after STARTTLS) signs in with
--smtp-credentials; a server whose certificate bookdav does not trust (no --smtp-ca: the system's store)
gets nothing, not even in clear although it would take it, and the message is retried with the certificate
error as the notification's lastError."""
import logging
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, build_business, slots  # noqa: E402
from bookdav_server import binary  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402

FROM = "bookings@salon.example"
logging.getLogger("mail.log").setLevel(logging.CRITICAL)  # aiosmtpd's tracebacks of refused handshakes


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_certificates(directory):
    """ca.pem (a throw-away CA) and the certificates it signed: server.pem for 127.0.0.1 and localhost,
    other.pem for another name (with their -key.pem)."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=bookdav test CA", cwd=directory)
    for name, names in (("server", "DNS:localhost,IP:127.0.0.1"), ("other", "DNS:mail.other.example")):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}-key.pem", "-out", f"{name}.csr",
                "-subj", f"/CN={names.split(',')[0][4:]}", cwd=directory)
        with open(os.path.join(directory, f"{name}.ext"), "w") as f:
            f.write(f"subjectAltName={names}\nextendedKeyUsage=serverAuth\n")
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", f"{name}.pem", "-days", "2", "-extfile", f"{name}.ext", cwd=directory)


class StartTls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="bookdav-starttls-")
        make_certificates(cls.tmp)
        cls.ca = os.path.join(cls.tmp, "ca.pem")
        cls.creds = os.path.join(cls.tmp, "smtp-credentials")
        with open(cls.creds, "w") as f:
            f.write("mailer\ns3cret\n")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def tls_context(self, name="server"):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(self.tmp, f"{name}.pem"), os.path.join(self.tmp, f"{name}-key.pem"))
        return ctx

    def tried_twice(self, srv):
        """The notification to alice once it failed twice (or as it stands after 20 s)."""
        deadline = time.time() + 20
        mine = []
        while time.time() < deadline:
            listed = srv.api("GET", "/notifications").json["notifications"]
            mine = [n for n in listed if n["recipient"] == "alice@localhost"]
            if mine and mine[0]["attempts"] >= 2:
                break
            time.sleep(0.2)
        self.assertTrue(mine, "no notification to alice")
        self.assertGreaterEqual(mine[0]["attempts"], 2, mine[0])
        return mine[0]

    def serve(self, sink, *extra):
        srv = ApiServer(extra_args=["--smtp", f"127.0.0.1:{sink.port}", "--mail-from", FROM, "--smtp-starttls",
                                    *extra])
        srv.start()
        self.addCleanup(srv.__exit__, None, None, None)
        build_business(srv)
        slot = slots(srv, "cut", days=3, start_days=1)[0]
        r = srv.api("POST", "/bookings", {"serviceId": "cut", "start": slot["start"]}, user="alice")
        self.assertEqual(r.status, 201, r)
        return srv

    def test_delivered_over_tls_and_signed_in_after_starttls(self):
        sink = SmtpSink(users={"mailer": "s3cret"}, tls_context=self.tls_context(), require_starttls=True).start()
        self.addCleanup(sink.stop)
        self.serve(sink, "--smtp-ca", self.ca, "--smtp-credentials", self.creds)
        sink.wait_for(lambda m: any(x.rcpt == ["alice@localhost"] for x in m), timeout=20)
        time.sleep(0.5)  # the staff member's message, when ana took the booking
        for m in sink.snapshot():
            self.assertTrue(m.tls, m.rcpt)  # the sink stored it from a session that had done STARTTLS

    def test_a_certificate_for_another_name_gets_nothing(self):
        sink = SmtpSink(tls_context=self.tls_context("other"), require_starttls=False).start()
        self.addCleanup(sink.stop)
        srv = self.serve(sink, "--smtp-ca", self.ca, "--notify-retry-after", "1")
        n = self.tried_twice(srv)
        self.assertEqual(n["state"], "queued", n)
        self.assertRegex(n["lastError"].lower(), "certificate", n)
        self.assertEqual(sink.snapshot(), [])

    def test_an_untrusted_certificate_gets_nothing_and_is_retried(self):
        # The server would take mail in clear too: nothing arrives only because bookdav does not fall back.
        sink = SmtpSink(tls_context=self.tls_context(), require_starttls=False).start()
        self.addCleanup(sink.stop)
        srv = self.serve(sink, "--notify-retry-after", "1")
        n = self.tried_twice(srv)
        self.assertEqual(n["state"], "queued", n)  # waits for its next try
        self.assertRegex(n["lastError"].lower(), "certificate", n)
        self.assertEqual(sink.snapshot(), [])

    def test_a_ca_file_without_certificates_stops_serve_at_once(self):
        data = tempfile.mkdtemp(prefix="bookdav-starttls-data-")
        self.addCleanup(shutil.rmtree, data, True)
        r = subprocess.run([binary(), "serve", "--data", data, "--listen", "127.0.0.1:0", "--smtp", "127.0.0.1:1",
                            "--mail-from", FROM, "--smtp-starttls", "--smtp-ca", os.path.join(self.tmp, "server.ext")],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 1, r)
        self.assertIn("cannot be loaded", r.stderr)


if __name__ == "__main__":
    unittest.main()
