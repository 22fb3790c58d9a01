"""Webhooks (issue 13): admins register endpoints for event types through the JSON API and get the
secret once; booking events are POSTed as JSON signed as Standard Webhooks, verified here by a
receiver on loopback with its own HMAC code; a wrong secret fails verification; a failed call is
retried with the same webhook-id; the ping endpoint sends a signed test call."""
import base64
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, build_business, slots  # noqa: E402


def verify(secret, headers, body):
    """Standard Webhooks verification: True when a v1 signature over id.timestamp.body matches."""
    key = base64.b64decode(secret[len("whsec_"):])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(s, expected) for s in headers["webhook-signature"].split(" "))


class Receiver:
    """Records every call per path; answers 500 to the first `fail_first[path]` calls."""

    def __init__(self):
        self.calls = []
        self.fail_first = {}
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    receiver.calls.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                    failing = receiver.fail_first.get(self.path, 0)
                    if failing:
                        receiver.fail_first[self.path] = failing - 1
                self.send_response(500 if failing else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def at(self, path):
        with self.lock:
            return [(h, b) for p, h, b in self.calls if p == path]

    def wait(self, path, count, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline and len(self.at(path)) < count:
            time.sleep(0.05)
        calls = self.at(path)
        assert len(calls) >= count, f"{path}: {len(calls)} calls, wanted {count}"
        return calls


class Webhooks(unittest.TestCase):
    def test_signed_calls_for_the_subscribed_events(self):
        receiver = Receiver()
        receiver.fail_first["/all"] = 1
        with ApiServer(extra_args=["--notify-retry-after", "1"]) as srv:
            build_business(srv)
            r = srv.api("POST", "/webhooks", {"url": receiver.url + "/some",
                                              "events": ["booking.placed", "booking.canceled"]})
            self.assertEqual(r.status, 201, r)
            some, some_secret = r.json["id"], r.json["secret"]
            self.assertTrue(some_secret.startswith("whsec_"))
            r = srv.api("POST", "/webhooks", {"url": receiver.url + "/all", "events": ["*"]})
            self.assertEqual(r.status, 201, r)
            all_secret = r.json["secret"]

            listed = srv.api("GET", "/webhooks").json["webhooks"]
            self.assertEqual([w["url"] for w in listed], [receiver.url + "/some", receiver.url + "/all"])
            self.assertTrue(all("secret" not in w for w in listed))
            self.assertEqual(srv.api("GET", "/webhooks", user="alice").status, 403)
            self.assertEqual(srv.api("POST", "/webhooks", {"url": "ftp://x/", "events": ["*"]}).status, 400)
            bad = srv.api("POST", "/webhooks", {"url": receiver.url, "events": ["booking.exploded"]})
            self.assertEqual((bad.status, bad.error.get("field")), (400, "events"))

            s = slots(srv, "cut", days=3, start_days=1)
            booked = srv.api("POST", "/bookings", {"serviceId": "cut", "start": s[0]["start"]}, user="alice").json
            self.assertEqual(srv.api("POST", f"/bookings/{booked['id']}/reschedule", {"start": s[4]["start"]},
                                     user="alice").status, 200)
            self.assertEqual(srv.api("POST", f"/bookings/{booked['id']}/cancel", {}, user="alice").status, 200)

            calls_some = receiver.wait("/some", 2)
            calls_all = receiver.wait("/all", 4)  # three events, the first one twice
            time.sleep(0.5)
            calls_some, calls_all = receiver.at("/some"), receiver.at("/all")
            self.assertEqual([json.loads(b)["type"] for _, b in calls_some], ["booking.placed", "booking.canceled"])
            types_all = sorted(json.loads(b)["type"] for _, b in calls_all)
            self.assertEqual(types_all, ["booking.canceled", "booking.placed", "booking.placed",
                                         "booking.rescheduled"])
            # The retry (after the backoff, so possibly after later events) is the same message: same
            # webhook-id and body.
            placed_calls = [(h, b) for h, b in calls_all if json.loads(b)["type"] == "booking.placed"]
            self.assertEqual(placed_calls[0][0]["webhook-id"], placed_calls[1][0]["webhook-id"])
            self.assertEqual(placed_calls[0][1], placed_calls[1][1])
            self.assertEqual(len({h["webhook-id"] for h, _ in calls_all}), 3)

            for headers, body in calls_some:
                self.assertTrue(verify(some_secret, headers, body))
                self.assertFalse(verify(all_secret, headers, body))  # a wrong secret fails
                self.assertLess(abs(int(headers["webhook-timestamp"]) - time.time()), 300)
            for headers, body in calls_all:
                self.assertTrue(verify(all_secret, headers, body))
                self.assertFalse(verify(some_secret, headers, body))
            tampered = calls_some[0][1].replace(b"booking.placed", b"booking.canceled")
            self.assertFalse(verify(some_secret, calls_some[0][0], tampered))
            placed = json.loads(calls_some[0][1])
            self.assertEqual(placed["data"]["bookingId"], booked["id"])
            self.assertEqual(placed["data"]["booking"]["serviceId"], "cut")

            r = srv.api("POST", f"/webhooks/{some}/ping", {})
            self.assertEqual(r.status, 202, r)
            headers, body = receiver.wait("/some", 3)[2]
            self.assertEqual(json.loads(body)["type"], "webhook.ping")
            self.assertTrue(verify(some_secret, headers, body))

            self.assertEqual(srv.api("DELETE", f"/webhooks/{some}").status, 204)
            self.assertEqual(srv.api("GET", f"/webhooks/{some}").status, 404)
            receiver.server.shutdown()


if __name__ == "__main__":
    unittest.main()
