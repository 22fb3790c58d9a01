"""A catalog change that changes the text of booking events moves the sync tokens of the calendars that
show them (issue 11 leftovers): renaming a service moves `bookings/` and `service-<id>/` of each customer
with a booking of it (and the resource calendars its sessions are on) and sync-collection reports the
booking with its new SUMMARY; renaming a resource moves the calendars whose events name it. Calendars
of customers without such a booking keep their token."""
import datetime as dt
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import D, BookdavServer, responses  # noqa: E402
from test_business import TestBusiness, booking_event  # noqa: E402


def sync_body(token):
    return ('<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:">'
            f"<d:sync-token>{token}</d:sync-token><d:sync-level>1</d:sync-level>"
            "<d:prop><d:getetag/></d:prop></d:sync-collection>")


class CatalogChangesMoveTokens(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer", "admin": "admin", "sam": "staff"})
        cls.srv.start()
        cls.doc = cls.biz.document()
        cls.load(cls.doc)
        start = cls.biz.cut_slot
        r = cls.srv.request("PUT", "/dav/calendars/alice/service-cut/mine.ics",
                            booking_event("alice-mine", start, start + dt.timedelta(minutes=30)), user="alice",
                            headers={"Content-Type": "text/calendar", "If-None-Match": "*"})
        assert r.status == 201, r
        r = cls.srv.request("PUT", "/dav/calendars/alice/service-spin/spin.ics",
                            booking_event("alice-spin", cls.biz.spin_start), user="alice",
                            headers={"Content-Type": "text/calendar", "If-None-Match": "*"})
        assert r.status == 201, r

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    @classmethod
    def load(cls, doc):
        path = os.path.join(cls.srv.data, "business.json")
        with open(path, "w") as f:
            json.dump(doc, f)
        cls.srv.cli("load", path)

    def token(self, path, user):
        r = self.srv.propfind(path, ["d:sync-token"], user)
        self.assertEqual(r.status, 207, r)
        return responses(r.body)[0][path][f"{{{D}}}sync-token"].text

    def changed(self, path, user, token):
        r = self.srv.request("REPORT", path, sync_body(token), user=user,
                             headers={"Content-Type": "application/xml", "Depth": "0"})
        self.assertEqual(r.status, 207, r)
        return {resp.findtext(f"{{{D}}}href").rsplit("/", 1)[1] for resp in r.xml().findall(f"{{{D}}}response")}

    def test_1_renaming_a_service_moves_the_calendars_that_show_its_bookings(self):
        paths = {"bookings": ("/dav/calendars/alice/bookings/", "alice"),
                 "cut": ("/dav/calendars/alice/service-cut/", "alice"),
                 "sam": ("/dav/calendars/sam/resource-sam/", "sam"),
                 "bob": ("/dav/calendars/bob/bookings/", "bob"),
                 "spin": ("/dav/calendars/alice/service-spin/", "alice")}
        before = {k: self.token(*p) for k, p in paths.items()}
        self.doc["services"][0]["name"] = "Haircut"
        self.load(self.doc)
        after = {k: self.token(*p) for k, p in paths.items()}
        for k in ("bookings", "cut", "sam"):
            self.assertNotEqual(after[k], before[k], k)
        self.assertEqual(after["bob"], before["bob"], "bob has no booking of it")
        self.assertEqual(after["spin"], before["spin"], "another service")
        changed = self.changed(*paths["bookings"], before["bookings"])
        self.assertTrue([n for n in changed if n.startswith("booking-")], changed)
        # an appointment calendar's windows all carry the name: its older tokens call for a full sync
        r = self.srv.request("REPORT", paths["cut"][0], sync_body(before["cut"]), user="alice",
                             headers={"Content-Type": "application/xml", "Depth": "0"})
        self.assertEqual(r.status, 403, r)
        self.assertIsNotNone(r.xml().find(f"{{{D}}}valid-sync-token"), r)
        r = self.srv.request("GET", "/dav/calendars/alice/service-cut/mine.ics", user="alice")
        self.assertIn("SUMMARY:Haircut", r.text)

    def test_2_renaming_a_class_service_moves_its_sessions_calendars(self):
        path = "/dav/calendars/bob/service-spin/"
        before, alice = self.token(path, "bob"), self.token("/dav/calendars/alice/service-spin/", "alice")
        self.doc["services"][1]["name"] = "Spinning"
        self.load(self.doc)
        self.assertNotEqual(self.token(path, "bob"), before, "the sessions' SUMMARY changed")
        self.assertEqual(len(self.changed(path, "bob", before)), 10, "every session")
        self.assertIn("spin.ics", self.changed("/dav/calendars/alice/service-spin/", "alice", alice))

    def test_3_renaming_a_resource_moves_the_calendars_whose_events_name_it(self):
        paths = {"bookings": ("/dav/calendars/alice/bookings/", "alice"),
                 "sam": ("/dav/calendars/sam/resource-sam/", "sam"),
                 "bob": ("/dav/calendars/bob/bookings/", "bob")}
        before = {k: self.token(*p) for k, p in paths.items()}
        self.doc["resources"][0]["name"] = "Samuel"
        self.load(self.doc)
        after = {k: self.token(*p) for k, p in paths.items()}
        self.assertNotEqual(after["bookings"], before["bookings"])
        self.assertNotEqual(after["sam"], before["sam"])
        self.assertEqual(after["bob"], before["bob"])

    def test_4_a_change_that_no_event_shows_moves_no_booking_calendar(self):
        path = "/dav/calendars/alice/bookings/"
        before = self.token(path, "alice")
        self.doc["services"][0]["policy"]["cancellationDeadline"] = "PT2H"
        self.load(self.doc)
        self.assertEqual(self.token(path, "alice"), before)


if __name__ == "__main__":
    unittest.main()
