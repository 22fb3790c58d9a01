"""Reminders (issue 13): a service's reminder offset makes a reminder e-mail due before each
confirmed booking; it is sent once when due, also when bookdav was killed with SIGKILL and restarted
in between; a customer who opted out gets none."""
import datetime
import os
import re
import signal
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, build_business, parse_time, slots  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402

LEAD = 8  # seconds from booking to reminder


def seconds(iso):
    """Seconds of an ISO 8601 duration such as "P1DT2H3M4S"."""
    m = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", iso)
    d, h, mi, s = (int(x or 0) for x in m.groups())
    return ((d * 24 + h) * 60 + mi) * 60 + s


class RemindersAcrossARestart(unittest.TestCase):
    def test_due_reminder_is_sent_once_after_kill_and_restart(self):
        with SmtpSink() as sink:
            smtp = ["--smtp", f"127.0.0.1:{sink.port}", "--mail-from", "b@salon.example"]
            srv = ApiServer(extra_args=smtp)
            srv.start()
            build_business(srv)
            start = slots(srv, "cut", days=3, start_days=1)[0]["start"]
            offset = int((parse_time(start) - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) - LEAD
            cut = srv.api("GET", "/services/cut").json
            cut.pop("reminders", None)
            r = srv.api("PUT", "/services/cut", dict(cut, reminders=[f"PT{offset}S"]))
            self.assertEqual(r.status, 200, r)
            self.assertEqual([seconds(d) for d in r.json["reminders"]], [offset])

            r = srv.api("PUT", "/notification-settings", {"reminders": False}, user="bob")
            self.assertEqual((r.status, r.json), (200, {"reminders": False}))
            self.assertEqual(srv.api("GET", "/notification-settings", user="alice").json, {"reminders": True})
            for user in ("alice", "bob"):
                r = srv.api("POST", "/bookings", {"serviceId": "cut", "start": start}, user=user)
                self.assertEqual(r.status, 201, r)
            sink.wait_for(lambda m: sum(x["X-Bookdav-Kind"] == "confirmed" and x.rcpt[0] != "ana@localhost"
                                        for x in m) == 2)
            srv.proc.send_signal(signal.SIGKILL)
            srv.proc.wait(20)
            self.assertEqual([m for m in sink.snapshot() if m["X-Bookdav-Kind"] == "reminder"], [])

            with ApiServer(extra_args=smtp, data_dir=srv.data):
                sink.wait_for(lambda m: any(x["X-Bookdav-Kind"] == "reminder" for x in m), timeout=LEAD + 20)
                time.sleep(1.5)
                reminders = [m for m in sink.snapshot() if m["X-Bookdav-Kind"] == "reminder"]
                self.assertEqual([m.rcpt for m in reminders], [["alice@localhost"]])
                self.assertIn("Reminder of your booking", reminders[0]["Subject"])


if __name__ == "__main__":
    unittest.main()
