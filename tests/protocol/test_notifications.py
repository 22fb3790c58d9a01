"""Notifications by e-mail (issue 13) against a real SMTP server on loopback (python3-aiosmtpd): every
booking event reaches exactly the right people once, the iMIP part is what RFC 6047 asks (parsed with
python3-icalendar), SMTP sign-in works from a file and from the environment, and an SMTP server that
is down for a while gets the messages once it is back."""
import datetime
import email.utils
import os
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import icalendar  # noqa: E402

from bookdav_api import ApiServer, at, build_business, slots, utc  # noqa: E402
from bookdav_server import free_port  # noqa: E402
from server_database import rows  # noqa: E402
from smtp_sink import SmtpSink, calendar_part  # noqa: E402

OWNER = "owner@salon.example"
FROM = "bookings@salon.example"
BUSINESS_FILE = """{"name": "Salon Test", "email": "%s", "timezone": "UTC",
 "resources": [{"id": "ana", "kind": "staff", "name": "Ana", "userName": "ana",
   "workingHours": {"weekly": [{"days": ["MO","TU","WE","TH","FR","SA","SU"], "start": "00:00", "end": "24:00"}]}}]}
""" % OWNER


def kinds(msgs):
    return sorted((m.rcpt[0], m["X-Bookdav-Kind"]) for m in msgs)


class EveryEventTellsTheRightPeople(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sink = SmtpSink(users={"mailer": "s3cret"}).start()
        cls.tmp = tempfile.mkdtemp(prefix="bookdav-notify-")
        creds = os.path.join(cls.tmp, "smtp-credentials")
        with open(creds, "w") as f:
            f.write("mailer\ns3cret\n")
        cls.srv = ApiServer(extra_args=["--smtp", f"127.0.0.1:{cls.sink.port}", "--mail-from", FROM,
                                        "--smtp-credentials", creds])
        cls.srv.start()
        business = os.path.join(cls.tmp, "salon.json")
        with open(business, "w") as f:
            f.write(BUSINESS_FILE)
        cls.srv.cli("load", business)
        build_business(cls.srv)
        cls.seen = 0

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)
        cls.sink.stop()

    def expect(self, expected):
        """Waits for the messages after the ones seen so far to be exactly `expected` [(to, kind)]."""
        n = self.seen + len(expected)
        self.sink.wait_for(lambda msgs: len(msgs) >= n, timeout=20)
        time.sleep(0.5)  # nothing more may come
        new = self.sink.snapshot()[self.seen:]
        type(self).seen = len(self.sink.snapshot())
        self.assertEqual(kinds(new), sorted(expected))
        return new

    def staff(self, booking, kind):
        return [("ana@localhost", kind)] if "ana" in booking["resourceIds"] else []

    def check_imip(self, msg, method, uid=None):
        """RFC 6047 as Gmail and Outlook read it: a text/calendar part whose method parameter equals
        the METHOD property, one VEVENT with UID, DTSTAMP, SEQUENCE, ORGANIZER and the recipient as
        ATTENDEE. Returns (uid, sequence)."""
        param, text = calendar_part(msg)
        self.assertEqual(param, method, msg["Subject"])
        cal = icalendar.Calendar.from_ical(text)
        self.assertEqual(str(cal["METHOD"]), method)
        events = [c for c in cal.walk() if c.name == "VEVENT"]
        self.assertEqual(len(events), 1)
        ev = events[0]
        for prop in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE", "ORGANIZER"):
            self.assertIn(prop, ev, prop)
        attendees = ev.get("ATTENDEE")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        self.assertIn("mailto:" + msg.rcpt[0], [str(a) for a in attendees])
        if method == "CANCEL":
            self.assertEqual(str(ev["STATUS"]), "CANCELLED")
        if uid is not None:
            self.assertEqual(str(ev["UID"]), uid)
        return str(ev["UID"]), int(ev["SEQUENCE"])

    def test_1_appointment_confirmed_moved_canceled(self):
        s = slots(self.srv, "cut", days=3, start_days=1)
        r = self.srv.api("POST", "/bookings", {"serviceId": "cut", "start": s[0]["start"]}, user="alice")
        self.assertEqual(r.status, 201, r)
        booking = r.json
        msgs = self.expect([("alice@localhost", "confirmed")] + self.staff(booking, "confirmed"))
        to_alice = [m for m in msgs if m.rcpt == ["alice@localhost"]][0]
        uid, seq0 = self.check_imip(to_alice, "REQUEST")
        self.assertEqual(email.utils.parseaddr(to_alice["From"]), ("Salon Test", FROM))
        self.assertTrue(to_alice["Message-ID"].startswith("<notification-"))
        self.assertIn("Salon Test", to_alice.get_body(("plain",)).get_content())
        self.assertIn("<h1>", to_alice.get_body(("html",)).get_content())

        r = self.srv.api("POST", f"/bookings/{booking['id']}/reschedule", {"start": s[5]["start"]}, user="alice")
        self.assertEqual(r.status, 200, r)
        moved = r.json
        msgs = self.expect([("alice@localhost", "rescheduled")] + self.staff(moved, "rescheduled"))
        _, seq1 = self.check_imip([m for m in msgs if m.rcpt == ["alice@localhost"]][0], "REQUEST", uid)

        r = self.srv.api("POST", f"/bookings/{booking['id']}/cancel", {}, user="alice")
        self.assertEqual(r.status, 200, r)
        msgs = self.expect([("alice@localhost", "canceled")] + self.staff(moved, "canceled"))
        _, seq2 = self.check_imip([m for m in msgs if m.rcpt == ["alice@localhost"]][0], "CANCEL", uid)
        self.assertLess(seq0, seq1)
        self.assertLess(seq1, seq2)

    def test_2_approval_approved_and_declined(self):
        course = slots(self.srv, "course", days=10)[0]
        r = self.srv.api("POST", "/bookings", {"serviceId": "course", "sessionId": course["sessionId"]}, user="bob")
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["status"], "PENDING")
        bob_id = r.json["id"]
        msgs = self.expect([("bob@localhost", "awaiting-approval"), (OWNER, "approval-needed")])
        owner = [m for m in msgs if m.rcpt == [OWNER]][0]
        self.assertIn(f"/api/v1/bookings/{bob_id}/confirm", owner.get_body(("plain",)).get_content())
        self.assertEqual(calendar_part(owner), (None, None))
        uid, seq0 = self.check_imip([m for m in msgs if m.rcpt == ["bob@localhost"]][0], "REQUEST")

        self.assertEqual(self.srv.api("POST", f"/bookings/{bob_id}/confirm", {}).status, 200)
        msgs = self.expect([("bob@localhost", "approved")])
        _, seq1 = self.check_imip(msgs[0], "REQUEST", uid)
        self.assertLess(seq0, seq1)

        r = self.srv.api("POST", "/bookings", {"serviceId": "course", "sessionId": course["sessionId"]},
                         user="alice")
        self.assertEqual(r.status, 201, r)
        self.expect([("alice@localhost", "awaiting-approval"), (OWNER, "approval-needed")])
        self.assertEqual(self.srv.api("POST", f"/bookings/{r.json['id']}/decline", {}).status, 200)
        msgs = self.expect([("alice@localhost", "declined")])
        self.check_imip(msgs[0], "CANCEL")

    def test_3_waitlist_promotion_and_session_moved(self):
        session = [s for s in slots(self.srv, "yoga", days=5, start_days=2) if s["openSpots"] == 2][0]
        sid = session["sessionId"]
        r = self.srv.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": sid, "participants": 2},
                         user="alice")
        self.assertEqual(r.status, 201, r)
        alice_id = r.json["id"]
        self.expect([("alice@localhost", "confirmed")])
        r = self.srv.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": sid}, user="bob")
        self.assertEqual(r.json["status"], "WAITLISTED", r)
        msgs = self.expect([("bob@localhost", "waitlisted")])
        self.assertEqual(calendar_part(msgs[0]), (None, None))  # no invitation for a waitlist place
        self.assertEqual(self.srv.api("POST", f"/bookings/{alice_id}/cancel", {}, user="alice").status, 200)
        msgs = self.expect([("alice@localhost", "canceled"), ("bob@localhost", "promoted")])
        uid, seq = self.check_imip([m for m in msgs if m.rcpt == ["bob@localhost"]][0], "REQUEST")

        start = datetime.datetime.fromisoformat(session["start"].replace("Z", "+00:00")) + datetime.timedelta(hours=2)
        r = self.srv.api("PATCH", f"/sessions/{sid}", {"start": utc(start), "end": utc(start + datetime.timedelta(hours=1))})
        self.assertEqual(r.status, 200, r)
        msgs = self.expect([("bob@localhost", "session-changed")])
        _, seq_after = self.check_imip(msgs[0], "REQUEST", uid)
        self.assertLess(seq, seq_after)
        self.assertIn(start.strftime("%Y%m%dT%H%M%SZ"), calendar_part(msgs[0])[1])

    def test_4_the_business_moves_cancels_and_calls_off(self):
        """The business's side of "rescheduled" and "canceled", and a session it calls off: the customer and
        the staff hear of each exactly once."""
        s = slots(self.srv, "cut", days=3, start_days=1)
        r = self.srv.api("POST", "/bookings", {"serviceId": "cut", "start": s[1]["start"]}, user="bob")
        self.assertEqual(r.status, 201, r)
        booking = r.json
        self.expect([("bob@localhost", "confirmed")] + self.staff(booking, "confirmed"))
        r = self.srv.api("POST", f"/bookings/{booking['id']}/reschedule", {"start": s[6]["start"]})  # as admin
        self.assertEqual(r.status, 200, r)
        moved = r.json
        msgs = self.expect([("bob@localhost", "rescheduled")] + self.staff(moved, "rescheduled"))
        uid, seq1 = self.check_imip([m for m in msgs if m.rcpt == ["bob@localhost"]][0], "REQUEST")
        r = self.srv.api("POST", f"/bookings/{booking['id']}/cancel", {})
        self.assertEqual(r.status, 200, r)
        msgs = self.expect([("bob@localhost", "canceled")] + self.staff(moved, "canceled"))
        _, seq2 = self.check_imip([m for m in msgs if m.rcpt == ["bob@localhost"]][0], "CANCEL", uid)
        self.assertLess(seq1, seq2)

        session = [x for x in slots(self.srv, "yoga", days=5, start_days=3) if x["openSpots"] == 2][0]
        r = self.srv.api("POST", "/bookings", {"serviceId": "yoga", "sessionId": session["sessionId"]}, user="alice")
        self.assertEqual(r.status, 201, r)
        alices = r.json["id"]
        msgs = self.expect([("alice@localhost", "confirmed")])
        uid, _ = self.check_imip(msgs[0], "REQUEST")
        r = self.srv.api("DELETE", f"/sessions/{session['sessionId']}")
        self.assertEqual((r.status, r.json["canceledBookings"]), (200, [alices]), r)
        msgs = self.expect([("alice@localhost", "canceled")])
        self.check_imip(msgs[0], "CANCEL", uid)
        self.assertIn("Reason:", msgs[0].get_body(("plain",)).get_content())

    def test_5_every_message_id_is_its_own(self):
        ids = [m["Message-ID"] for m in self.sink.snapshot()]
        self.assertEqual(len(ids), len(set(ids)))


class SmtpDownForAWhile(unittest.TestCase):
    def test_messages_wait_and_are_delivered_once_the_server_is_back(self):
        port = free_port()
        os.environ["BOOKDAV_SMTP_USER"] = "env-user"
        os.environ["BOOKDAV_SMTP_PASSWORD"] = "env-pass"
        srv = ApiServer(extra_args=["--smtp", f"127.0.0.1:{port}", "--mail-from", FROM, "--notify-retry-after", "1"])
        with srv:
            # Read once at start: the server has them, the environment of later tests does not.
            del os.environ["BOOKDAV_SMTP_USER"], os.environ["BOOKDAV_SMTP_PASSWORD"]
            build_business(srv)
            s = slots(srv, "solo", days=3, start_days=1)
            r = srv.api("POST", "/bookings", {"serviceId": "solo", "start": s[0]["start"]}, user="alice")
            self.assertEqual(r.status, 201, r)
            def tries():
                return rows(srv.data, "SELECT state, attempts, last_error FROM notifications")
            deadline = time.time() + 20
            while time.time() < deadline and not any(a >= 2 for _, a, _ in tries()):
                time.sleep(0.1)
            queued = tries()
            self.assertEqual([(st, a >= 2) for st, a, _ in queued], [("queued", True)], queued)
            self.assertIn("SMTP 127.0.0.1", queued[0][2])

            with SmtpSink(port=port, users={"env-user": "env-pass"}) as sink:
                msgs = sink.wait_for(lambda m: len(m) >= 1, timeout=30)
                time.sleep(0.5)
                self.assertEqual(kinds(sink.snapshot()), [("alice@localhost", "confirmed")])
                self.assertEqual(msgs[0]["X-Bookdav-Booking"], str(r.json["id"]))
            deadline = time.time() + 10
            while time.time() < deadline and tries()[0][0] != "sent":
                time.sleep(0.1)
            self.assertEqual(tries()[0][0], "sent")


if __name__ == "__main__":
    unittest.main()
