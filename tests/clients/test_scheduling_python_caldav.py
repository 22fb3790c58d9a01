"""python3-caldav (Debian's, 0.11) as a calendar app that books by inviting the service (RFC 6638
implicit scheduling, README "Booking by inviting a service"): the library's save_with_invites() with the
service's Principal adds the organizer and the service as ATTENDEE; the stored copy says ACCEPTED (a
free slot) or DECLINED with the reason (a busy time); changing DTSTART and save() reschedules; delete()
cancels; a cancellation by the business arrives in the library's schedule_inbox().get_items().objects as an
iTIP CANCEL, and the organizer's copy says STATUS:CANCELLED. Must run with Debian's /usr/bin/python3."""
import datetime as dt
import json
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from python_caldav import IMPORT_ERROR, caldav  # noqa: E402
from bookdav_server import BookdavServer  # noqa: E402
from test_business import TestBusiness  # noqa: E402

M30 = dt.timedelta(minutes=30)


def event_ics(uid, start, end, summary="Haircut"):
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bookdav tests//EN", "BEGIN:VEVENT", f"UID:{uid}",
        "DTSTAMP:20260101T000000Z", f"DTSTART:{start:%Y%m%dT%H%M%SZ}", f"DTEND:{end:%Y%m%dT%H%M%SZ}",
        f"SUMMARY:{summary}", "END:VEVENT", "END:VCALENDAR", ""])


class SchedulingWithPythonCaldav(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer", "admin": "admin"})
        cls.srv.start()
        cls.biz.load(cls.srv)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def setUp(self):
        self.assertIsNotNone(caldav, IMPORT_ERROR)

    def client(self, user):
        c = caldav.DAVClient(url=self.srv.url + "/", username=user, password=user, timeout=60)
        self.addCleanup(c.close)
        return c

    def calendar(self, client, user):
        cals = {c.url.path: c for c in client.principal().calendars()}
        return cals[f"/dav/calendars/{user}/calendar/"]

    def service(self, client, service_id):
        return caldav.Principal(client=client, url=f"/dav/principals/services/{service_id}/")

    def booking(self, user, uid):
        r = self.srv.request("GET", "/api/v1/bookings", user=user)
        found = [b for b in json.loads(r.body)["bookings"] if b.get("uid") == uid]
        return found[-1] if found else None

    def service_attendee(self, event, service_id):
        event.load()
        vevent = event.icalendar_instance.walk("vevent")[0]
        attendees = vevent.get("attendee")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        for a in attendees:
            if str(a).lower() in (f"mailto:{service_id}@localhost", f"mailto:{service_id}@services.localhost"):
                return a.params
        self.fail(f"no attendee {service_id} in {event.data}")

    def test_invite_accept_reschedule_cancel(self):
        client = self.client("alice")
        cal = self.calendar(client, "alice")
        cut = self.service(client, "cut")
        self.assertEqual(cut.get_display_name(), "Cut")
        self.assertIn("urn:bookdav:service:cut", cut.calendar_user_address_set())
        start = self.biz.cut_slot
        event = cal.save_with_invites(event_ics("pyc-1", start, start + M30), [cut])
        params = self.service_attendee(event, "cut")
        self.assertEqual(params["PARTSTAT"], "ACCEPTED")
        self.assertEqual(params["SCHEDULE-STATUS"], "2.0")
        self.assertEqual(self.booking("alice", "pyc-1")["status"], "CONFIRMED")
        # reschedule: a new DTSTART, saved by the library
        moved = start + dt.timedelta(hours=1)
        vevent = event.icalendar_instance.walk("vevent")[0]
        vevent["dtstart"].dt = moved
        vevent["dtend"].dt = moved + M30
        event.save()
        self.assertEqual(self.service_attendee(event, "cut")["PARTSTAT"], "ACCEPTED")
        self.assertEqual(self.booking("alice", "pyc-1")["start"], moved.strftime("%Y-%m-%dT%H:%M:%SZ"))
        # cancel by deleting the event
        event.delete()
        self.assertEqual(self.booking("alice", "pyc-1")["status"], "CANCELED")

    def test_invite_a_busy_time_is_declined_with_the_reason(self):
        client = self.client("bob")
        cal = self.calendar(client, "bob")
        start = self.biz.cut_slot + dt.timedelta(minutes=10)
        event = cal.save_with_invites(event_ics("pyc-2", start, start + M30), [self.service(client, "cut")])
        params = self.service_attendee(event, "cut")
        self.assertEqual(params["PARTSTAT"], "DECLINED")
        self.assertTrue(params["SCHEDULE-STATUS"].startswith("5."))
        self.assertTrue(params["X-BOOKDAV-REASON"].startswith("slot-unavailable: "))
        self.assertIsNone(self.booking("bob", "pyc-2"))

    def test_business_cancel_arrives_in_the_schedule_inbox(self):
        client = self.client("bob")
        cal = self.calendar(client, "bob")
        inbox = client.principal().schedule_inbox()
        self.assertEqual(len(inbox.get_items().objects), 0)
        start = self.biz.cut_slot + dt.timedelta(hours=3)
        event = cal.save_with_invites(event_ics("pyc-3", start, start + M30), [self.service(client, "cut")])
        booking = self.booking("bob", "pyc-3")
        r = self.srv.request("POST", f"/api/v1/bookings/{booking['id']}/cancel", "{}", user="admin",
                             headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        deadline = time.monotonic() + 10  # the server delivers off the request's path
        items = client.principal().schedule_inbox().get_items().objects
        while not items and time.monotonic() < deadline:
            time.sleep(0.05)
            items = client.principal().schedule_inbox().get_items().objects
        self.assertEqual(len(items), 1)
        self.assertIn("METHOD:CANCEL", items[0].data)
        self.assertIn("UID:pyc-3", items[0].data)
        event.load()
        self.assertEqual(str(event.icalendar_instance.walk("vevent")[0]["status"]), "CANCELLED")
        items[0].delete()
        self.assertEqual(len(client.principal().schedule_inbox().get_items().objects), 0)


if __name__ == "__main__":
    unittest.main()
