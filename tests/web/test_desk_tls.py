"""The front desk's session cookie under TLS (`bookdav serve --tls-cert --tls-key` with a throw-away
self-signed certificate made here by openssl): `Secure`, `HttpOnly` and `SameSite=Lax` on signing in
and out, in the answer and in a real headless Chromium's cookie jar; without TLS, no `Secure`."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from bookdav_server import BookdavServer  # noqa: E402
from browser import browser, click, find, heading  # noqa: E402

USERS = {"admin": "admin", "ana": "staff"}


class DeskCookieUnderTls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cert, key = os.path.join(cls.dir.name, "cert.pem"), os.path.join(cls.dir.name, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
        cls.tls = BookdavServer(users=USERS, extra_args=["--tls-cert", cert, "--tls-key", key]).start()
        cls.plain = BookdavServer(users=USERS).start()

    @classmethod
    def tearDownClass(cls):
        codes = [cls.tls.stop(), cls.plain.stop()]
        cls.dir.cleanup()
        if any(code not in (0, None) for code in codes):
            raise AssertionError(f"bookdav did not stop cleanly on SIGTERM: exits {codes}")

    def test_1_the_cookie_is_secure_under_tls_and_only_there(self):
        for srv, secure in ((self.tls, "; Secure"), (self.plain, "")):
            self.assertEqual(srv.url.startswith("https:"), bool(secure))
            for user in USERS:
                r = srv.request("POST", "/desk/session", json.dumps({"user": user, "password": user}))
                self.assertEqual(r.status, 200, r)
                cookie = r.header("Set-Cookie")
                self.assertRegex(cookie, r"^bookdav_desk=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax" + secure + "$")
                jar = {"Cookie": cookie.split(";")[0]}
                self.assertEqual(srv.request("GET", "/api/v1/me", headers=jar).status, 200)
                token = json.loads(r.body)["csrfToken"]
                out = srv.request("DELETE", "/desk/session", headers=dict(jar, **{"X-CSRF-Token": token}))
                self.assertEqual(out.status, 204, out)
                self.assertEqual(out.header("Set-Cookie"),
                                 "bookdav_desk=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secure)
                self.assertEqual(srv.request("GET", "/api/v1/me", headers=jar).status, 401)

    def test_2_a_browser_keeps_it_as_a_secure_http_only_cookie(self):
        driver = browser(1280, insecure_certs=True)
        try:
            driver.get(self.tls.url + "/desk/")
            heading(driver, "Sign in")
            find(driver, "#user").send_keys("ana")
            find(driver, "#password").send_keys("ana")
            click(driver, "#sign-in-button")
            heading(driver, "Front desk")
            cookie = driver.get_cookie("bookdav_desk")
            self.assertIsNotNone(cookie)
            self.assertEqual((cookie["secure"], cookie["httpOnly"], cookie["sameSite"]), (True, True, "Lax"))
            self.assertEqual(driver.execute_script("return document.cookie"), "")  # out of the page's reach
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main()
