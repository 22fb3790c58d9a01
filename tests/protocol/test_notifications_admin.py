"""The outbox for admins (issue 13): notifications that keep failing are parked as dead after
--notify-max-attempts tries; admins list them (JSON API and `bookdav notifications list`) and retry
them (POST /api/v1/notifications/{id}/retry and `bookdav notifications retry ID`), after which they
are delivered. Others may not look."""
import json
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, build_business, slots  # noqa: E402
from bookdav_server import free_port  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402


class DeadNotifications(unittest.TestCase):
    def wait_state(self, srv, state, count, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            r = srv.api("GET", f"/notifications?state={state}")
            if len(r.json["notifications"]) >= count:
                return r.json["notifications"]
            time.sleep(0.1)
        self.fail(f"no {count} {state} notifications: {srv.api('GET', '/notifications').json}")

    def test_dead_ones_are_listed_and_retried(self):
        port = free_port()
        with ApiServer(extra_args=["--smtp", f"127.0.0.1:{port}", "--mail-from", "b@salon.example",
                                   "--notify-retry-after", "1", "--notify-max-attempts", "2"]) as srv:
            build_business(srv)
            s = slots(srv, "cut", days=3, start_days=1)
            r = srv.api("POST", "/bookings", {"serviceId": "cut", "start": s[0]["start"]}, user="alice")
            self.assertEqual(r.status, 201, r)
            expected = 2 if "ana" in r.json["resourceIds"] else 1
            dead = self.wait_state(srv, "dead", expected)
            self.assertEqual(len(dead), expected)
            first = dead[-1]
            self.assertEqual((first["recipient"], first["kind"], first["attempts"], first["bookingId"]),
                             ("alice@localhost", "confirmed", 2, r.json["id"]))
            self.assertIn("SMTP 127.0.0.1", first["lastError"])
            self.assertEqual(srv.api("GET", "/notifications?state=queued").json["notifications"], [])

            self.assertEqual(srv.api("GET", "/notifications", user="alice").status, 403)
            self.assertEqual(srv.api("POST", f"/notifications/{first['id']}/retry", {}, user="ana").status, 403)
            self.assertEqual(srv.api("GET", "/notifications?state=lost").error["code"], "invalid-request")
            self.assertEqual(srv.api("GET", "/notifications/99999").status, 404)

            listed = srv.cli("notifications", "list", "--state", "dead")
            self.assertIn(f"{first['id']}  dead  email  alice@localhost  confirmed", listed.stdout)
            as_json = json.loads(srv.cli("notifications", "list", "--json").stdout)
            self.assertEqual({n["id"] for n in as_json["notifications"]}, {n["id"] for n in dead})

            with SmtpSink(port=port) as sink:
                r = srv.api("POST", f"/notifications/{first['id']}/retry", {})
                self.assertEqual(r.status, 200, r)
                self.assertEqual((r.json["state"], r.json["attempts"]), ("queued", 0))
                sink.wait_for(lambda m: len(m) >= 1)
                self.assertEqual(self.wait_state(srv, "sent", 1)[0]["id"], first["id"])
                if expected == 2:
                    other = dead[0]["id"]
                    out = srv.cli("notifications", "retry", str(other))
                    self.assertIn(f"notification {other} queued again", out.stdout)
                    sink.wait_for(lambda m: len(m) >= 2)
                    self.wait_state(srv, "sent", 2)
                self.assertEqual(sorted(m.rcpt[0] for m in sink.snapshot()),
                                 sorted(n["recipient"] for n in dead))

            again = srv.api("POST", f"/notifications/{first['id']}/retry", {})
            self.assertEqual((again.status, again.error["code"]), (409, "not-dead"))
            refused = srv.cli("notifications", "retry", str(first["id"]), check=False)
            self.assertEqual(refused.returncode, 1)
            self.assertIn("only a dead one is retried", refused.stderr)


if __name__ == "__main__":
    unittest.main()
