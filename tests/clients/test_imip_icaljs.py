"""ical.js (npm; Thunderbird's and Cal.com's parser) reads the iMIP parts of bookdav's e-mails (issue 13):
a booking confirmed, moved and canceled sends the customer three messages through a real SMTP server
(aiosmtpd on loopback) whose text/calendar parts ical.js parses and round-trips, with METHOD REQUEST,
REQUEST, CANCEL, one UID and a SEQUENCE that grows."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import nodejs  # noqa: E402
from bookdav_api import ApiServer, build_business, slots  # noqa: E402
from smtp_sink import SmtpSink, calendar_part  # noqa: E402


def prop(component, name):
    values = component["props"].get(name) or []
    return values[0]["value"] if values else None


class ImipWithIcaljs(unittest.TestCase):
    def test_icaljs_reads_every_invitation(self):
        self.assertIsNone(nodejs.setup_error())
        with SmtpSink() as sink, ApiServer(extra_args=["--smtp", f"127.0.0.1:{sink.port}",
                                                       "--mail-from", "b@salon.example"]) as srv:
            build_business(srv)
            s = slots(srv, "solo", days=3, start_days=1)
            booking = srv.api("POST", "/bookings", {"serviceId": "solo", "start": s[0]["start"]}, user="alice").json
            sink.wait_for(lambda m: len(m) >= 1)
            self.assertEqual(srv.api("POST", f"/bookings/{booking['id']}/reschedule", {"start": s[3]["start"]},
                                     user="alice").status, 200)
            sink.wait_for(lambda m: len(m) >= 2)
            self.assertEqual(srv.api("POST", f"/bookings/{booking['id']}/cancel", {}, user="alice").status, 200)
            msgs = sink.wait_for(lambda m: len(m) >= 3)

        bodies = {m["X-Bookdav-Kind"]: calendar_part(m)[1] for m in msgs}
        self.assertEqual(sorted(bodies), ["canceled", "confirmed", "rescheduled"])
        results, error = nodejs.check_with_icaljs(bodies)
        self.assertIsNone(error)
        seen = []
        for kind in ("confirmed", "rescheduled", "canceled"):
            r = results[kind]
            self.assertTrue(r["ok"], r)
            self.assertTrue(r["roundtrip"], kind)
            self.assertEqual(r["problems"], [], kind)
            calendar = [c for c in r["components"] if c["name"] == "VCALENDAR"][0]
            event = [c for c in r["components"] if c["name"] == "VEVENT"][0]
            seen.append((prop(calendar, "METHOD"), prop(event, "UID"), int(prop(event, "SEQUENCE"))))
        self.assertEqual([m for m, _, _ in seen], ["REQUEST", "REQUEST", "CANCEL"])
        self.assertEqual(len({uid for _, uid, _ in seen}), 1)
        self.assertEqual([q for _, _, q in seen], sorted({q for _, _, q in seen}))


if __name__ == "__main__":
    unittest.main()
