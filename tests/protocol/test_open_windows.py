"""An appointment service's calendar shows when one can book (issue 11 item 5): one TRANSPARENT event per
contiguous bookable window per day, recomputed as bookings and time off change (ctag, sync token and
sync-collection follow), refused as targets of PUT and DELETE, while an event created inside a window
books as before and free-busy stays right."""
import datetime as dt
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import C, D, BookdavServer, responses  # noqa: E402
from test_business import UTC, TestBusiness, booking_event, ical_time  # noqa: E402

CUT = "/dav/calendars/alice/service-cut/"


def cut(user):
    return f"/dav/calendars/{user}/service-cut/"
M30 = dt.timedelta(minutes=30)


def unfold(text):
    return re.sub(r"\r\n[ \t]", "", text)


def window_name(start):
    return f"open-{int(start.timestamp())}.ics"


def sync_body(token):
    return ('<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:">'
            f"<d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level>"
            "<d:prop><d:getetag/></d:prop></d:sync-collection>")


class OpenWindows(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer", "admin": "admin", "sam": "staff"})
        cls.srv.start()
        cls.biz.load(cls.srv)
        d = cls.biz.day1
        cls.midnight = dt.datetime(d.year, d.month, d.day, tzinfo=UTC)  # cut works around the clock (UTC)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def members(self, path=CUT, user="alice"):
        """{name: etag} of the calendar's members."""
        r = self.srv.propfind(path, ["d:getetag"], user, "1")
        self.assertEqual(r.status, 207, r)
        found, _ = responses(r.body)
        return {h.rsplit("/", 1)[1]: p[f"{{{D}}}getetag"].text for h, p in found.items() if not h.endswith("/")}

    def windows(self, user="alice"):
        return {n: e for n, e in self.members(cut(user), user).items() if n.startswith("open-")}

    def token_and_ctag(self, user="alice"):
        r = self.srv.propfind(cut(user), ["d:sync-token", "cs:getctag"], user)
        found, _ = responses(r.body)
        p = found[cut(user)]
        return p[f"{{{D}}}sync-token"].text, p["{http://calendarserver.org/ns/}getctag"].text

    def sync(self, token, user="alice"):
        """({name: status}, new token) of a sync-collection from token."""
        r = self.srv.request("REPORT", cut(user), sync_body(token), user=user,
                             headers={"Content-Type": "application/xml", "Depth": "0"})
        self.assertEqual(r.status, 207, r)
        root = r.xml()
        out = {}
        for resp in root.findall(f"{{{D}}}response"):
            name = resp.findtext(f"{{{D}}}href").rsplit("/", 1)[1]
            status = resp.findtext(f"{{{D}}}status") or resp.find(f"{{{D}}}propstat").findtext(f"{{{D}}}status")
            out[name] = int(status.split()[1])
        return out, root.findtext(f"{{{D}}}sync-token")

    def get(self, name, user="alice"):
        r = self.srv.request("GET", CUT + name, user=user)
        self.assertEqual(r.status, 200, r)
        return unfold(r.text)

    def book(self, user, name, start):
        r = self.srv.request("PUT", f"/dav/calendars/{user}/service-cut/{name}",
                             booking_event(f"{user}-{name}", start, start + M30), user=user,
                             headers={"Content-Type": "text/calendar", "If-None-Match": "*"})
        self.assertEqual(r.status, 201, r)

    def cancel(self, user, name):
        r = self.srv.request("DELETE", f"/dav/calendars/{user}/service-cut/{name}", user=user)
        self.assertEqual(r.status, 204, r)

    def test_1_one_transparent_event_per_window_per_day_within_the_horizon(self):
        windows = self.windows()
        # today (from now + notice) and every day of the 20-day horizon; the last one as far as the horizon
        self.assertIn(len(windows), (20, 21, 22), sorted(windows))
        text = self.get(window_name(self.midnight))
        self.assertIn("SUMMARY:Cut \u2014 open 00:00\u201324:00", text)
        self.assertIn("TRANSP:TRANSPARENT", text)
        self.assertIn(f"DTSTART:{ical_time(self.midnight)}", text)
        self.assertIn(f"DTEND:{ical_time(self.midnight + dt.timedelta(days=1))}", text)
        self.assertIn(f"UID:open-cut-{ical_time(self.midnight)}@bookdav", text)
        self.assertNotIn("ORGANIZER", text)
        self.assertNotIn("ATTENDEE", text)
        self.assertIn("mailto:cut@", text, "the description says whom to invite")
        # the first window starts no earlier than now + the hour's notice, on the 30-minute grid
        first = min(int(n[5:-4]) for n in windows)
        notice = self.biz.now + dt.timedelta(hours=1)
        self.assertGreaterEqual(first, int(notice.timestamp()) - 60)
        self.assertEqual(first % 1800, 0)
        # class calendars show sessions, no windows
        self.assertFalse([n for n in self.members("/dav/calendars/alice/service-spin/") if n.startswith("open-")])

    def test_2_a_booking_splits_its_window_and_sync_reports_the_change(self):
        token, ctag = self.token_and_ctag()
        bob_token, _ = self.token_and_ctag("bob")
        before = self.windows()
        ten = self.midnight + dt.timedelta(hours=10)
        self.book("alice", "mine.ics", ten)  # an event inside the window books as before
        after = self.windows()
        self.assertIn(window_name(self.midnight), after)
        self.assertIn(window_name(ten + M30), after)
        self.assertNotEqual(after[window_name(self.midnight)], before[window_name(self.midnight)])
        self.assertIn("open 00:00\u201310:00", self.get(window_name(self.midnight)))
        self.assertIn("open 10:30\u201324:00", self.get(window_name(ten + M30)))
        new_token, new_ctag = self.token_and_ctag()
        self.assertNotEqual(new_ctag, ctag)
        changed, reported = self.sync(token)
        self.assertEqual(reported, new_token)
        self.assertEqual(changed.get("mine.ics"), 200)
        self.assertEqual(changed.get(window_name(self.midnight)), 200)
        self.assertEqual(changed.get(window_name(ten + M30)), 200)
        for name in before:
            if name not in after:
                self.assertEqual(changed.get(name), 404, name)
        # another customer's calendar moves too (the same staff), without alice's booking in it
        changed, _ = self.sync(bob_token, "bob")
        self.assertEqual(changed.get(window_name(ten + M30)), 200)
        self.assertNotIn("mine.ics", changed)
        self.assertFalse([n for n in changed if not n.startswith("open-")], changed)
        # cancelling joins the window again: the second half is reported removed
        token = new_token
        self.cancel("alice", "mine.ics")
        changed, _ = self.sync(token)
        self.assertEqual(changed.get(window_name(ten + M30)), 404)
        self.assertEqual(changed.get(window_name(self.midnight)), 200)
        self.assertEqual(changed.get("mine.ics"), 404)
        self.assertIn("open 00:00\u201324:00", self.get(window_name(self.midnight)))
        self.assertEqual(self.windows(), before)

    def test_3_time_off_closes_the_window(self):
        day = self.midnight + dt.timedelta(days=3)
        token, _ = self.token_and_ctag()
        off = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:off-1\r\n"
               "DTSTAMP:20260101T000000Z\r\n"
               f"DTSTART:{ical_time(day + dt.timedelta(hours=12))}\r\nDTEND:{ical_time(day + dt.timedelta(hours=14))}\r\n"
               "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        r = self.srv.request("PUT", "/dav/calendars/sam/resource-sam/off.ics", off, user="sam",
                             headers={"Content-Type": "text/calendar"})
        self.assertEqual(r.status, 201, r)
        self.assertIn("open 00:00\u201312:00", self.get(window_name(day)))
        self.assertIn("open 14:00\u201324:00", self.get(window_name(day + dt.timedelta(hours=14))))
        changed, _ = self.sync(token)
        self.assertEqual(changed.get(window_name(day)), 200)
        self.assertEqual(changed.get(window_name(day + dt.timedelta(hours=14))), 200)

    def test_4_a_window_cannot_be_changed_or_deleted(self):
        name = window_name(self.midnight + dt.timedelta(days=1))
        etag = self.windows()[name]
        text = self.get(name).replace("SUMMARY:", "SUMMARY:Mine ")
        for method, body in (("PUT", text), ("DELETE", None)):
            r = self.srv.request(method, CUT + name, body, user="alice", headers={"Content-Type": "text/calendar"})
            self.assertEqual(r.status, 403, r)
            self.assertIsNotNone(r.xml().find(f"{{{D}}}need-privileges"), r)
            self.assertIn("create an event of 30 minutes inside this window", r.text)
            self.assertIn("or invite mailto:cut@", r.text)
        self.assertEqual(self.windows()[name], etag, "nothing changed")
        # a window name that shows nothing (yet) is not a place to store an event either
        r = self.srv.request("PUT", CUT + "open-12345.ics", text, user="alice",
                             headers={"Content-Type": "text/calendar"})
        self.assertEqual(r.status, 403, r)

    def test_5_time_range_queries_and_free_busy_stay_right(self):
        day = self.midnight + dt.timedelta(days=2)
        query = ('<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
                 '<d:prop><d:getetag/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">'
                 f'<c:time-range start="{ical_time(day + dt.timedelta(hours=1))}" '
                 f'end="{ical_time(day + dt.timedelta(hours=2))}"/></c:comp-filter></c:comp-filter></c:filter>'
                 '</c:calendar-query>')
        r = self.srv.request("REPORT", CUT, query, user="alice", headers={"Depth": "1", "Content-Type": "application/xml"})
        self.assertEqual(r.status, 207, r)
        found, _ = responses(r.body)
        self.assertEqual([h.rsplit("/", 1)[1] for h in found], [window_name(day)])
        fb = ('<?xml version="1.0"?><c:free-busy-query xmlns:c="urn:ietf:params:xml:ns:caldav">'
              f'<c:time-range start="{ical_time(day + dt.timedelta(hours=1))}" '
              f'end="{ical_time(day + dt.timedelta(hours=2))}"/></c:free-busy-query>')
        r = self.srv.request("REPORT", CUT, fb, user="alice", headers={"Depth": "1", "Content-Type": "application/xml"})
        self.assertEqual(r.status, 200, r)
        lines = [ln for ln in unfold(r.text).split("\r\n") if ln.startswith("FREEBUSY")]
        self.assertEqual(len(lines), 2, lines)  # the two bookable slots, one period each, nothing busy
        self.assertTrue(all("FBTYPE=FREE" in ln for ln in lines), lines)
        # the user's own free/busy: the transparent windows are nobody's busy time
        req = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VFREEBUSY\r\n"
               "UID:fb-1\r\nDTSTAMP:20260101T000000Z\r\n"
               f"DTSTART:{ical_time(day)}\r\nDTEND:{ical_time(day + dt.timedelta(days=1))}\r\n"
               "ORGANIZER:mailto:alice@localhost\r\nATTENDEE:mailto:alice@localhost\r\n"
               "END:VFREEBUSY\r\nEND:VCALENDAR\r\n")
        r = self.srv.request("POST", "/dav/calendars/alice/outbox/", req, user="alice",
                             headers={"Content-Type": "text/calendar"})
        self.assertEqual(r.status, 200, r)
        self.assertNotIn("FBTYPE=BUSY", r.text.replace("FBTYPE=BUSY-UNAVAILABLE", ""))

    def test_6_a_policy_change_ends_incremental_sync_of_the_windows(self):
        token, _ = self.token_and_ctag()
        doc = self.biz.document()
        doc["services"][0]["policy"]["maximumHorizon"] = "P10D"
        path = os.path.join(self.srv.data, "changed.json")
        with open(path, "w") as f:
            json.dump(doc, f)
        self.srv.cli("load", path)
        self.assertIn(len(self.windows()), (10, 11, 12))
        r = self.srv.request("REPORT", CUT, sync_body(token), user="alice",
                             headers={"Content-Type": "application/xml", "Depth": "0"})
        self.assertEqual(r.status, 403, r)
        self.assertIsNotNone(r.xml().find(f"{{{D}}}valid-sync-token"), r)


if __name__ == "__main__":
    unittest.main()
