"""Changes that would take time from active bookings, against the real binary (issue 10): new time off,
one-off class sessions, session changes and working hours that close time are refused with 409
conflicts-with-bookings naming the bookings (JSON: "conflicts"; CalDAV: the hrefs of their events in
the requester's resource calendar) unless the business forces them ("force": true / `Force: true`),
which cancels them. Closures also take class sessions out of the timetable, and give them back."""
import os
import sys
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ALWAYS, BusinessTest, at, events_starting, utc, yoga_session  # noqa: E402
from bookdav_server import B, D  # noqa: E402

ICS = "text/calendar; charset=utf-8"


def time_off_event(uid, start, end, summary="Away"):
    s, e = (t.strftime("%Y%m%dT%H%M%SZ") for t in (start, end))
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav tests//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{s}\r\nDTEND:{e}\r\nSUMMARY:{summary}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")


def availability(hours_from, hours_to):
    """A VAVAILABILITY for every day from hours_from to hours_to (UTC), as a PROPPATCH body."""
    vav = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VAVAILABILITY\r\nUID:v\r\n"
           "DTSTAMP:20260101T000000Z\r\nBEGIN:AVAILABLE\r\nUID:v1\r\nDTSTAMP:20260101T000000Z\r\n"
           f"DTSTART;TZID=UTC:20261130T{hours_from:02d}0000\r\nDTEND;TZID=UTC:20261130T{hours_to:02d}0000\r\n"
           "RRULE:FREQ=DAILY\r\nEND:AVAILABLE\r\nEND:VAVAILABILITY\r\nEND:VCALENDAR\r\n")
    return ('<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
            f"<d:set><d:prop><c:calendar-availability><![CDATA[{vav}]]></c:calendar-availability></d:prop>"
            "</d:set></d:propertyupdate>")


class Conflicts(BusinessTest):
    def book(self, body, user="alice"):
        r = self.api("POST", "/bookings", body, user=user)
        self.assertEqual(r.status, 201, r)
        return r.json

    def status_of(self, booking):
        return self.api("GET", f"/bookings/{booking['id']}").json["status"]

    def test_json_time_off_over_a_booking_is_refused_naming_it_unless_forced(self):
        b = self.book({"serviceId": "cut", "start": utc(at(10, 9)), "resourceId": "ana"})
        off = {"kind": "time-off", "start": utc(at(10, 8)), "end": utc(at(10, 12)), "resourceIds": ["ana"]}
        r = self.api("POST", "/sessions", off)
        self.assertError(r, 409, "conflicts-with-bookings")
        self.assertEqual(r.error["conflicts"], [{"bookingId": b["id"], "serviceId": "cut",
                                                 "sessionId": b["sessionIds"][0], "start": utc(at(10, 9)),
                                                 "end": utc(at(10, 9, 30))}])
        self.assertIn(f"booking {b['id']} (Cut at", r.error["message"])
        # Staff may add time off on their own resource, but never force it over a booking.
        self.assertError(self.api("POST", "/sessions", off, user="ana"), 409, "conflicts-with-bookings")
        self.assertError(self.api("POST", "/sessions", dict(off, force=True), user="ana"), 403, "not-allowed")
        self.assertEqual(self.status_of(b), "CONFIRMED")
        made = self.api("POST", "/sessions", dict(off, force=True))
        self.assertEqual(made.status, 201, made)
        self.assertEqual(self.status_of(b), "CANCELED")

    def test_json_session_changes_and_class_sessions_over_bookings(self):
        b = self.book({"serviceId": "solo", "start": utc(at(11, 14))})  # ben
        extra = {"serviceId": "yoga", "start": utc(at(11, 12)), "resourceIds": ["ben"]}
        made = self.api("POST", "/sessions", extra)
        self.assertEqual(made.status, 201, made)
        r = self.api("PATCH", f"/sessions/{made.json['id']}", {"start": utc(at(11, 14))})
        self.assertError(r, 409, "conflicts-with-bookings")
        self.assertEqual([c["bookingId"] for c in r.error["conflicts"]], [b["id"]])
        self.assertEqual(self.api("GET", f"/sessions/{made.json['id']}").json["start"], utc(at(11, 12)))
        r = self.api("PATCH", f"/sessions/{made.json['id']}", {"start": utc(at(11, 14)), "force": True})
        self.assertEqual((r.status, r.json["start"]), (200, utc(at(11, 14))), r)
        self.assertEqual(self.status_of(b), "CANCELED")
        b2 = self.book({"serviceId": "solo", "start": utc(at(11, 18))})
        self.assertError(self.api("POST", "/sessions", dict(extra, start=utc(at(11, 18)))), 409,
                         "conflicts-with-bookings")
        self.assertEqual(self.status_of(b2), "CONFIRMED")

    def test_json_schedule_whose_sessions_overlap_bookings(self):
        b = self.book({"serviceId": "cut", "start": utc(at(10, 10)), "resourceId": "ben"})
        # Yoga keeps its 10:00 sessions, now with Ben teaching: the one on day 10 sits on the haircut.
        schedule = {"resourceIds": ["room-a", "ben"],
                    "weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "time": "10:00",
                                "from": at(0, 0).date().isoformat()}]}
        before = self.api("GET", "/services/yoga/schedule").json
        r = self.api("PUT", "/services/yoga/schedule", schedule)
        self.assertError(r, 409, "conflicts-with-bookings")
        self.assertEqual([c["bookingId"] for c in r.error["conflicts"]], [b["id"]])
        self.assertIn("the schedule of Yoga would overlap 1 active booking", r.error["message"])
        self.assertEqual(self.api("GET", "/services/yoga/schedule").json, before)  # nothing changed
        self.assertEqual(self.status_of(b), "CONFIRMED")
        self.assertError(self.api("PUT", "/services/yoga/schedule", dict(schedule, force=True), user="ana"),
                         403, "not-allowed")
        forced = self.api("PUT", "/services/yoga/schedule", dict(schedule, force=True))
        self.assertEqual(forced.status, 200, forced)
        self.assertEqual(forced.json["resourceIds"], ["room-a", "ben"])
        self.assertEqual(self.status_of(b), "CANCELED")

    def test_json_working_hours_that_close_booked_time(self):
        b = self.book({"serviceId": "solo", "start": utc(at(12, 9))})  # ben
        afternoons = {"weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "start": "12:00", "end": "24:00"}]}
        r = self.api("PUT", "/resources/ben/working-hours", afternoons)
        self.assertError(r, 409, "conflicts-with-bookings")
        self.assertEqual([c["bookingId"] for c in r.error["conflicts"]], [b["id"]])
        self.assertEqual(self.api("GET", "/resources/ben/working-hours").json, self.api("GET", "/resources/ben").json["workingHours"])
        self.assertEqual(self.api("GET", "/resources/ben").json["workingHours"]["weekly"][0]["start"], "00:00")
        self.assertError(self.api("PUT", "/resources/ben/working-hours", dict(afternoons, force=True), user="ana"),
                         403, "not-allowed")
        self.assertEqual(self.api("PUT", "/resources/ben/working-hours", dict(afternoons, force=True)).status, 200)
        self.assertEqual(self.status_of(b), "CANCELED")
        self.assertEqual(self.api("PUT", "/resources/ben/working-hours", ALWAYS).status, 200)

    def test_a_closure_takes_class_sessions_out_and_gives_them_back(self):
        day = at(13, 0).date().isoformat()
        sid = yoga_session(self.srv, 13)
        closed = dict(ALWAYS, closed=[{"from": day, "note": "Floor works"}])
        self.assertEqual(self.api("PUT", "/resources/room-a/working-hours", closed).status, 200)
        session = self.api("GET", f"/sessions/{sid}").json
        self.assertEqual(session["status"], "canceled")
        slots = self.api("POST", "/availability/query", {"serviceId": "yoga", "from": utc(at(13, 0)),
                                                          "to": utc(at(14, 0))}, user="alice").json["slots"]
        self.assertEqual(slots, [])
        self.assertEqual([e[2] for e in events_starting(self.srv, "/dav/calendars/alice/service-yoga/", "alice",
                                                        utc(at(13, 10)))], ["CANCELLED"])
        self.assertEqual(self.api("PUT", "/resources/room-a/working-hours", ALWAYS).status, 200)
        self.assertEqual(self.api("GET", f"/sessions/{sid}").json["status"], "scheduled")
        # Over a booked session the closure is a conflict; forced, the class and its bookings are canceled.
        b = self.book({"serviceId": "yoga", "sessionId": sid})
        self.assertError(self.api("PUT", "/resources/room-a/working-hours", closed), 409, "conflicts-with-bookings")
        self.assertEqual(self.api("PUT", "/resources/room-a/working-hours", dict(closed, force=True)).status, 200)
        self.assertEqual(self.status_of(b), "CANCELED")
        self.assertEqual(self.api("PUT", "/resources/room-a/working-hours", ALWAYS).status, 200)

    def test_caldav_time_off_and_working_hours_over_bookings(self):
        b = self.book({"serviceId": "cut", "start": utc(at(14, 9)), "resourceId": "ana"})
        session_href = f"/dav/calendars/admin/resource-ana/session-{b['sessionIds'][0]}.ics"
        body = time_off_event("off-14", at(14, 8), at(14, 12))
        r = self.srv.request("PUT", "/dav/calendars/admin/resource-ana/off-14.ics", body, user="admin",
                             headers={"Content-Type": ICS})
        self.assertEqual(r.status, 409, r)
        error = ET.fromstring(r.body)
        found = error.find(f"{{{B}}}conflicts-with-bookings")
        self.assertIsNotNone(found, r.body)
        self.assertEqual([h.text for h in found.findall(f"{{{D}}}href")], [session_href])
        self.assertIn(f"booking {b['id']}", error.findtext(f"{{{B}}}message"))
        self.assertEqual(self.srv.request("GET", session_href, user="admin").status, 200, "the href is the event")
        # Staff: their own resource, but no force (DAV:need-privileges).
        mine = self.srv.request("PUT", "/dav/calendars/ana/resource-ana/off-14.ics", body, user="ana",
                                headers={"Content-Type": ICS, "Force": "true"})
        self.assertEqual(mine.status, 403, mine)
        self.assertIsNotNone(ET.fromstring(mine.body).find(f"{{{D}}}need-privileges"), mine.body)
        self.assertEqual(self.status_of(b), "CONFIRMED")
        forced = self.srv.request("PUT", "/dav/calendars/admin/resource-ana/off-14.ics", body, user="admin",
                                  headers={"Content-Type": ICS, "Force": "true"})
        self.assertEqual(forced.status, 201, forced)
        self.assertEqual(self.status_of(b), "CANCELED")
        # calendar-availability that closes a booked time: the same rule and the same header.
        b2 = self.book({"serviceId": "solo", "start": utc(at(14, 9))})  # ben
        inbox = "/dav/principals/resources/ben/inbox/"
        r = self.srv.request("PROPPATCH", inbox, availability(12, 23), user="admin")
        self.assertEqual(r.status, 409, r)
        self.assertIsNotNone(ET.fromstring(r.body).find(f"{{{B}}}conflicts-with-bookings"), r.body)
        self.assertEqual(self.status_of(b2), "CONFIRMED")
        r = self.srv.request("PROPPATCH", inbox, availability(12, 23), user="admin", headers={"Force": "true"})
        self.assertEqual(r.status, 207, r)
        self.assertEqual(self.status_of(b2), "CANCELED")
        self.assertEqual(self.api("PUT", "/resources/ben/working-hours", ALWAYS).status, 200)


if __name__ == "__main__":
    unittest.main()
