"""Guests get their manage link in every e-mail about their booking (issue 13, item 3), against a real SMTP
server on loopback: the link in each e-mail to the guest (text and HTML) is <base URL>/book/manage/<token>
with a token of its own; each opens the manage page, finds the booking through the JSON API
(/api/v1/bookings/manage/<token>) and downloads its booking.ics; the token the booking's answer showed keeps
working. Account holders and staff get no such link. --base-url sets where links point."""
import json
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, build_business, slots  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402

FROM = "bookings@salon.example"
GUS = {"name": "Gus Guest", "email": "gus@example.com"}
LINK = re.compile(r"(\S+)/book/manage/([0-9a-f]{32})")


def make_public(srv):
    """A business file that opens the public pages (with build_business's room-a, unchanged)."""
    always = {"weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "start": "00:00", "end": "24:00"}]}
    path = os.path.join(srv.data, "public.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"public": True, "resources": [{"id": "room-a", "kind": "room", "name": "Room A",
                                                  "timezone": "UTC", "workingHours": always}]}, f)
    srv.cli("load", path)


def body(msg, subtype):
    part = msg.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""


class GuestLinks(unittest.TestCase):
    def start(self, *extra):
        sink = SmtpSink().start()
        self.addCleanup(sink.stop)
        srv = ApiServer(extra_args=["--smtp", f"127.0.0.1:{sink.port}", "--mail-from", FROM, *extra])
        srv.start()
        self.addCleanup(srv.__exit__, None, None, None)
        build_business(srv)
        make_public(srv)
        return sink, srv

    def mail_to(self, sink, address, kind, count=1):
        msgs = sink.wait_for(lambda m: sum(x.rcpt == [address] and x["X-Bookdav-Kind"] == kind for x in m) >= count)
        return [m for m in msgs if m.rcpt == [address] and m["X-Bookdav-Kind"] == kind][count - 1]

    def link_in(self, msg):
        """(base, token) of the message's manage link, checked to be the same in its text and HTML parts."""
        text = body(msg, "plain")
        found = LINK.findall(text)
        self.assertEqual(len(found), 1, text)
        base, token = found[0]
        self.assertIn(f'<a href="{base}/book/manage/{token}">', body(msg, "html"))
        return base, token

    def guest(self, srv, method, path, data=None):
        return srv.api(method, path, data, user=None)

    def opens(self, srv, token, booking_id):
        """The link works: the page, the booking through the JSON API, its booking.ics."""
        page = srv.request("GET", f"/book/manage/{token}")
        self.assertEqual(page.status, 200, page)
        self.assertTrue(page.header("Content-Type").startswith("text/html"))
        got = self.guest(srv, "GET", f"/bookings/manage/{token}")
        self.assertEqual((got.status, got.json["id"]), (200, booking_id), got)
        ics = srv.request("GET", f"/book/manage/{token}/booking.ics")
        self.assertEqual(ics.status, 200, ics)
        self.assertIn(f"X-BOOKDAV-BOOKING:{booking_id}", ics.text)
        return got.json

    def test_every_guest_email_has_a_working_link_of_its_own(self):
        sink, srv = self.start()
        first, second = slots(srv, "cut", days=3, start_days=1)[:2]
        made = self.guest(srv, "POST", "/bookings", {"serviceId": "cut", "start": first["start"], "contact": GUS})
        self.assertEqual(made.status, 201, made)
        booking_id, shown = made.json["id"], made.json["manageToken"]

        base, token1 = self.link_in(self.mail_to(sink, GUS["email"], "confirmed"))
        self.assertEqual(base, srv.url)  # made from --listen without --base-url
        self.assertNotEqual(token1, shown)
        self.assertEqual(self.opens(srv, token1, booking_id)["start"], first["start"])

        # The guest moves it through the e-mail's link; the next e-mail has a link of its own.
        moved = self.guest(srv, "POST", f"/bookings/manage/{token1}/reschedule", {"start": second["start"]})
        self.assertEqual(moved.status, 200, moved)
        _, token2 = self.link_in(self.mail_to(sink, GUS["email"], "rescheduled"))
        self.assertNotIn(token2, (token1, shown))
        for token in (token2, token1, shown):  # every link stays good
            self.assertEqual(self.opens(srv, token, booking_id)["start"], second["start"])

        # Account holders and staff get no manage link.
        r = srv.api("POST", "/bookings", {"serviceId": "cut", "start": first["start"]}, user="alice")
        self.assertEqual(r.status, 201, r)
        self.mail_to(sink, "alice@localhost", "confirmed")
        time.sleep(0.5)
        others = [m for m in sink.snapshot() if m.rcpt != [GUS["email"]]]
        self.assertTrue(any(m.rcpt == ["alice@localhost"] for m in others))
        for m in others:
            self.assertNotIn("/book/manage/", body(m, "plain") + body(m, "html"), m.rcpt)

    def test_base_url_sets_where_links_point(self):
        sink, srv = self.start("--base-url", "https://book.salon.example/")
        slot = slots(srv, "cut", days=3, start_days=1)[0]
        made = self.guest(srv, "POST", "/bookings", {"serviceId": "cut", "start": slot["start"], "contact": GUS})
        self.assertEqual(made.status, 201, made)
        base, token = self.link_in(self.mail_to(sink, GUS["email"], "confirmed"))
        self.assertEqual(base, "https://book.salon.example")
        self.opens(srv, token, made.json["id"])


if __name__ == "__main__":
    unittest.main()
