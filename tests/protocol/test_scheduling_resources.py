"""Inviting a staff member, room or piece of equipment (RFC 6638 implicit scheduling) is always
answered: with a service it is the organizer's choice of who or what serves the booking; alone it
books the one appointment service that uses it, and is DECLINED (SCHEDULE-STATUS 5.3, the services
to invite in X-BOOKDAV-REASON) when none or several do. Nothing is booked on a refusal."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bookdav_server import BookdavServer  # noqa: E402
from test_business import TestBusiness  # noqa: E402
from test_scheduling import M30, H, attendee, invitation, param, unfold  # noqa: E402

SAM, ANA, TARA, HALL = (f"urn:bookdav:resource:{r}" for r in ("sam", "ana", "tara", "hall"))
CUT, BEARD = "mailto:cut@services.localhost", "urn:bookdav:service:beard"


def resource(address, partstat="NEEDS-ACTION", cutype="INDIVIDUAL"):
    return f"ATTENDEE;CUTYPE={cutype};PARTSTAT={partstat};ROLE=REQ-PARTICIPANT;RSVP=TRUE:{address}"


class Salon(TestBusiness):
    """The test business with a second appointment service, beard, served by sam or ana."""

    def document(self):
        doc = super().document()
        always = doc["resources"][0]["workingHours"]
        doc["resources"].append({"id": "ana", "kind": "staff", "name": "Ana", "workingHours": always})
        doc["services"].append({"id": "beard", "kind": "appointment", "name": "Beard trim", "duration": "PT30M",
                                "resources": [{"anyOf": ["sam", "ana"]}],
                                "policy": {"minimumNotice": "PT1H", "maximumHorizon": "P20D",
                                           "slotGranularity": "PT30M"}})
        return doc


class ResourceInvitations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = Salon()
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer", "carol": "customer",
                                       "admin": "admin"})
        cls.srv.start()
        cls.biz.load(cls.srv)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def put(self, user, name, body):
        return self.srv.request("PUT", f"/dav/calendars/{user}/calendar/{name}", body, user=user,
                                headers={"Content-Type": "text/calendar; charset=utf-8"})

    def get(self, user, name):
        r = self.srv.request("GET", f"/dav/calendars/{user}/calendar/{name}", user=user)
        self.assertEqual(r.status, 200, r)
        return unfold(r.text)

    def bookings(self, user, uid):
        r = self.srv.request("GET", "/api/v1/bookings", user=user)
        self.assertEqual(r.status, 200, r)
        return [b for b in json.loads(r.body)["bookings"] if b.get("uid") == uid]

    def attendee_lines(self, text, address):
        return [line for line in text.split("\r\n")
                if line.startswith("ATTENDEE") and line.lower().endswith(":" + address.lower())]

    def test_a_staff_member_alone_books_the_one_service_she_offers(self):
        start = self.biz.cut_slot
        r = self.put("alice", "ana.ics", invitation("alice", "res-ana", start, start + M30, service=None,
                                                    extra_attendees=[resource(ANA)]))
        self.assertEqual(r.status, 201, r)
        copy = self.get("alice", "ana.ics")
        ana = attendee(copy, ANA)
        self.assertEqual((param(ana, "PARTSTAT"), param(ana, "SCHEDULE-STATUS")), ("ACCEPTED", "2.0"), ana)
        self.assertEqual(len(self.attendee_lines(copy, ANA)), 1, "ana once, as the organizer wrote her")
        beard = [line for line in copy.split("\r\n") if line.startswith("ATTENDEE") and "Beard trim" in line]
        self.assertEqual(len(beard), 1, copy)
        self.assertEqual((param(beard[0], "ROLE"), param(beard[0], "PARTSTAT")), ("NON-PARTICIPANT", "ACCEPTED"))
        (booking,) = self.bookings("alice", "res-ana")
        self.assertEqual((booking["serviceId"], booking["status"]), ("beard", "CONFIRMED"))
        self.assertIn("ana", booking["resourceIds"])
        # moving it keeps ana; the copy written back again books nothing twice
        later = start + 2 * H
        moved = copy.replace(f"DTSTART:{start.strftime('%Y%m%dT%H%M%SZ')}", f"DTSTART:{later.strftime('%Y%m%dT%H%M%SZ')}")
        moved = moved.replace(f"DTEND:{(start + M30).strftime('%Y%m%dT%H%M%SZ')}",
                              f"DTEND:{(later + M30).strftime('%Y%m%dT%H%M%SZ')}").replace("SEQUENCE:0", "SEQUENCE:1")
        self.assertIn(self.put("alice", "ana.ics", moved).status, (204,))
        (booking,) = [b for b in self.bookings("alice", "res-ana") if b["status"] == "CONFIRMED"]
        self.assertIn("ana", booking["resourceIds"])
        self.assertEqual(booking["start"].replace("+00:00", "Z")[:16], later.strftime("%Y-%m-%dT%H:%M"))
        self.assertEqual(param(attendee(self.get("alice", "ana.ics"), ANA), "PARTSTAT"), "ACCEPTED")
        # deleting it cancels
        r = self.srv.request("DELETE", "/dav/calendars/alice/calendar/ana.ics", user="alice")
        self.assertEqual(r.status, 204, r)
        self.assertEqual([b["status"] for b in self.bookings("alice", "res-ana")], ["CANCELED"])

    def test_a_staff_member_with_several_services_is_declined_naming_them(self):
        start = self.biz.cut_slot + 3 * H
        r = self.put("bob", "sam.ics", invitation("bob", "res-sam", start, start + M30, service=None,
                                                  extra_attendees=[resource(SAM)]))
        self.assertEqual(r.status, 201, r)
        sam = attendee(self.get("bob", "sam.ics"), SAM)
        self.assertEqual((param(sam, "PARTSTAT"), param(sam, "SCHEDULE-STATUS")), ("DECLINED", "5.3"), sam)
        reason = param(sam, "X-BOOKDAV-REASON")
        self.assertTrue(reason.startswith("invalid-request: "), reason)
        for name in ("Cut", "Beard trim", "cut@", "beard@"):
            self.assertIn(name, reason)
        self.assertEqual(self.bookings("bob", "res-sam"), [], "nothing is booked")

    def test_a_room_of_classes_alone_is_declined(self):
        start = self.biz.cut_slot + 4 * H
        r = self.put("bob", "hall.ics", invitation("bob", "res-hall", start, start + M30, service=None,
                                                   extra_attendees=[resource(HALL, cutype="ROOM")]))
        self.assertEqual(r.status, 201, r)
        hall = attendee(self.get("bob", "hall.ics"), HALL)
        self.assertEqual((param(hall, "PARTSTAT"), param(hall, "SCHEDULE-STATUS")), ("DECLINED", "5.3"), hall)
        self.assertIn("invite", param(hall, "X-BOOKDAV-REASON"))
        self.assertEqual(self.bookings("bob", "res-hall"), [])

    def test_a_service_with_the_staff_member_chosen(self):
        start = self.biz.cut_slot + 5 * H
        r = self.put("carol", "pick.ics", invitation("carol", "res-pick", start, start + M30, service=BEARD,
                                                     extra_attendees=[resource(ANA)]))
        self.assertEqual(r.status, 201, r)
        copy = self.get("carol", "pick.ics")
        for address in (BEARD, ANA):
            line = attendee(copy, address)
            self.assertEqual((param(line, "PARTSTAT"), param(line, "SCHEDULE-STATUS")), ("ACCEPTED", "2.0"), line)
        self.assertEqual(len(self.attendee_lines(copy, ANA)), 1)
        self.assertIsNone(attendee(copy, "mailto:sam@resources.localhost"), "sam was not chosen")
        (booking,) = self.bookings("carol", "res-pick")
        self.assertEqual(booking["resourceIds"], ["ana"])
        # ana is now busy then: carol's second pick of ana at the same time is declined on both
        r = self.put("carol", "again.ics", invitation("carol", "res-again", start, start + M30, service=BEARD,
                                                      extra_attendees=[resource(ANA)]))
        self.assertEqual(r.status, 201, r)
        copy = self.get("carol", "again.ics")
        for address in (BEARD, ANA):
            line = attendee(copy, address)
            self.assertEqual(param(line, "PARTSTAT"), "DECLINED", line)
            self.assertTrue(param(line, "SCHEDULE-STATUS").startswith(("3.", "5.")), line)
            self.assertTrue(param(line, "X-BOOKDAV-REASON"), line)
        self.assertEqual(self.bookings("carol", "res-again"), [])

    def test_a_service_with_staff_who_does_not_offer_it_is_declined(self):
        start = self.biz.cut_slot + 6 * H
        r = self.put("alice", "tara.ics", invitation("alice", "res-tara", start, start + M30, service=CUT,
                                                     extra_attendees=[resource(TARA)]))
        self.assertEqual(r.status, 201, r)
        copy = self.get("alice", "tara.ics")
        for address in (CUT, TARA):
            line = attendee(copy, address)
            self.assertEqual(param(line, "PARTSTAT"), "DECLINED", line)
            self.assertIn("does not provide", param(line, "X-BOOKDAV-REASON"))
        self.assertEqual(self.bookings("alice", "res-tara"), [])


if __name__ == "__main__":
    unittest.main()
