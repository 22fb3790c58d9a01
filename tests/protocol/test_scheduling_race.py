"""Invitations race (RFC 6638 implicit scheduling): 40 organizers, each on its own connection, invite
the same appointment slot at the same moment: exactly one copy says ACCEPTED and every other one is
stored DECLINED; then 40 invite one class session of 10 places with a waitlist of 5: 10 ACCEPTED,
5 TENTATIVE, 25 DECLINED (session-full). Every event is stored; the database agrees; nothing is
double-booked."""
import json
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer  # noqa: E402
from test_business import TestBusiness  # noqa: E402
from test_scheduling import M30, attendee, invitation, param  # noqa: E402

N = 40


class InvitationRace(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        users = {f"org{i:02d}": "customer" for i in range(N)}
        users["admin"] = "admin"
        cls.srv = BookdavServer(users=users)
        cls.srv.start()
        cls.biz.load(cls.srv)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def race(self, name, service, start, end):
        barrier = threading.Barrier(N, timeout=60)
        results = {}

        def client(i):
            user = f"org{i:02d}"
            conn = self.srv.connection(timeout=120)
            self.srv.request("PROPFIND", f"/dav/calendars/{user}/", user=user, headers={"Depth": "0"}, conn=conn)
            conn.close()
            conn = self.srv.connection(timeout=120)
            barrier.wait()
            r = self.srv.request("PUT", f"/dav/calendars/{user}/calendar/{name}",
                                 invitation(user, f"{name}-{user}", start, end, service=service), user=user,
                                 headers={"Content-Type": "text/calendar"}, conn=conn)
            results[user] = r.status
            conn.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(N)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(180)
        self.assertEqual(len(results), N, "every organizer got an answer")
        self.assertEqual(set(results.values()), {201}, "every organizer's event is stored")
        answers = {}
        for i in range(N):
            user = f"org{i:02d}"
            r = self.srv.request("GET", f"/dav/calendars/{user}/calendar/{name}", user=user)
            self.assertEqual(r.status, 200)
            line = attendee(r.text, service)
            answers[user] = (param(line, "PARTSTAT"), param(line, "X-BOOKDAV-REASON") or "")
        return answers

    def booked(self, service):
        r = self.srv.request("GET", f"/api/v1/bookings?serviceId={service}", user="admin")
        self.assertEqual(r.status, 200, r)
        return [b for b in json.loads(r.body)["bookings"] if b["serviceId"] == service]

    def test_one_slot_forty_organizers(self):
        start = self.biz.cut_slot
        answers = self.race("cut.ics", "mailto:cut@services.localhost", start, start + M30)
        partstats = [p for p, _ in answers.values()]
        self.assertEqual(partstats.count("ACCEPTED"), 1, answers)
        self.assertEqual(partstats.count("DECLINED"), N - 1, answers)
        for p, reason in answers.values():
            if p == "DECLINED":
                self.assertTrue(reason.startswith("slot-unavailable: "), reason)
        active = [b for b in self.booked("cut") if b["status"] == "CONFIRMED"]
        self.assertEqual(len(active), 1)
        winner = [u for u, (p, _) in answers.items() if p == "ACCEPTED"][0]
        self.assertEqual(active[0]["customer"], winner)

    def test_one_class_session_forty_organizers(self):
        s = self.biz.spin_start
        answers = self.race("spin.ics", "urn:bookdav:service:spin", s, s + 3 * M30 / 2)
        partstats = [p for p, _ in answers.values()]
        self.assertEqual(partstats.count("ACCEPTED"), 10, answers)
        self.assertEqual(partstats.count("TENTATIVE"), 5, answers)
        self.assertEqual(partstats.count("DECLINED"), N - 15, answers)
        for p, reason in answers.values():
            if p == "DECLINED":
                self.assertTrue(reason.startswith("session-full: "), reason)
        statuses = [b["status"] for b in self.booked("spin")]
        self.assertEqual(statuses.count("CONFIRMED"), 10)
        self.assertEqual(statuses.count("WAITLISTED"), 5)
        # One who got a place deletes the event: the first on the waitlist moves up, and their copy says so.
        leaver = sorted(u for u, (p, _) in answers.items() if p == "ACCEPTED")[0]
        r = self.srv.request("DELETE", f"/dav/calendars/{leaver}/calendar/spin.ics", user=leaver)
        self.assertEqual(r.status, 204, r)
        waiting = [u for u, (p, _) in answers.items() if p == "TENTATIVE"]
        deadline = time.monotonic() + 10

        def partstat(user):
            text = self.srv.request("GET", f"/dav/calendars/{user}/calendar/spin.ics", user=user).text
            return param(attendee(text, "urn:bookdav:service:spin"), "PARTSTAT")

        while time.monotonic() < deadline and "ACCEPTED" not in [partstat(u) for u in waiting]:
            time.sleep(0.05)
        promoted = [u for u in waiting if partstat(u) == "ACCEPTED"]
        self.assertEqual(len(promoted), 1, "exactly one moves up from the waitlist")
        statuses = [b["status"] for b in self.booked("spin")]
        self.assertEqual(statuses.count("CONFIRMED"), 10)
        self.assertEqual(statuses.count("WAITLISTED"), 4)


if __name__ == "__main__":
    unittest.main()
