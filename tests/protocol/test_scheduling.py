"""Booking by inviting a service (RFC 6638 implicit scheduling) against the real binary: PUT of an
organizer's event into the user's own calendar with the service as ATTENDEE, in the shapes Apple
Calendar and Thunderbird send; the stored organizer copy carries the service's answer (PARTSTAT,
SCHEDULE-STATUS, X-BOOKDAV-REASON, assigned resources); moving reschedules, deleting or dropping
the attendee cancels; Schedule-Tag and If-Schedule-Tag-Match."""
import datetime as dt
import json
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import C, D, BookdavServer, responses  # noqa: E402
from test_business import TestBusiness, ical_time  # noqa: E402

H = dt.timedelta(hours=1)
M30 = dt.timedelta(minutes=30)


def unfold(text):
    return re.sub(r"\r\n[ \t]", "", text)


def invitation(user, uid, start, end, service="mailto:cut@services.localhost", partstat="NEEDS-ACTION",
               sequence=0, extra_attendees=(), prodid="-//Apple Inc.//macOS 14.0//EN"):
    """The organizer's event as Apple Calendar writes it: the organizer also listed as an ATTENDEE."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}", "CALSCALE:GREGORIAN", "BEGIN:VEVENT",
             f"UID:{uid}", "DTSTAMP:20260101T000000Z", f"DTSTART:{ical_time(start)}", f"DTEND:{ical_time(end)}",
             f"SEQUENCE:{sequence}", "SUMMARY:Haircut", f"ORGANIZER;CN={user}:mailto:{user}@localhost",
             f"ATTENDEE;CN={user};CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:{user}@localhost"]
    if service:
        lines.append(f"ATTENDEE;CUTYPE=RESOURCE;PARTSTAT={partstat};ROLE=REQ-PARTICIPANT;RSVP=TRUE:{service}")
    lines += list(extra_attendees)
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


def attendee(text, address):
    for line in unfold(text).split("\r\n"):
        if line.startswith("ATTENDEE") and line.lower().endswith(":" + address.lower()):
            return line
    return None


def eventually(check, timeout=10.0):
    """check()'s first truthy answer: the server delivers scheduling messages off the request's path."""
    deadline = time.monotonic() + timeout
    while True:
        got = check()
        if got or time.monotonic() > deadline:
            return got
        time.sleep(0.05)


def param(line, name):
    m = re.search(";" + name + '=("[^"]*"|[^;:]*)', line)
    return m.group(1).strip('"') if m else None


class Scheduling(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.biz = TestBusiness()
        cls.srv = BookdavServer(users={"alice": "customer", "bob": "customer", "carol": "customer",
                                       "dave": "customer", "admin": "admin", "sam": "staff"})
        cls.srv.start()
        cls.biz.load(cls.srv)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def put(self, user, name, body, **headers):
        h = {"Content-Type": "text/calendar; charset=utf-8"}
        h.update(headers)
        return self.srv.request("PUT", f"/dav/calendars/{user}/calendar/{name}", body, user=user, headers=h)

    def get(self, user, name):
        r = self.srv.request("GET", f"/dav/calendars/{user}/calendar/{name}", user=user)
        self.assertEqual(r.status, 200, r)
        return r

    def bookings(self, user):
        r = self.srv.request("GET", "/api/v1/bookings", user=user)
        self.assertEqual(r.status, 200, r)
        return json.loads(r.body)["bookings"]

    def booking_of(self, user, uid):
        found = [b for b in self.bookings(user) if b.get("uid") == uid]
        return found[-1] if found else None

    def test_invite_a_free_slot_books_and_the_copy_says_accepted(self):
        start = self.biz.cut_slot
        r = self.put("alice", "hair.ics", invitation("alice", "inv-ok", start, start + M30))
        self.assertEqual(r.status, 201, r)
        self.assertIsNone(r.header("ETag"), "the server changed the event: no ETag (RFC 6638 3.2)")
        tag = r.header("Schedule-Tag")
        self.assertTrue(tag and tag.startswith('"'))
        got = self.get("alice", "hair.ics")
        self.assertEqual(got.header("Schedule-Tag"), tag)
        found, _ = responses(self.srv.propfind("/dav/calendars/alice/calendar/", ["c:schedule-tag"], "alice", "1").body)
        self.assertEqual(found["/dav/calendars/alice/calendar/hair.ics"][f"{{{C}}}schedule-tag"].text, tag)
        cut = attendee(got.text, "mailto:cut@services.localhost")
        self.assertEqual(param(cut, "PARTSTAT"), "ACCEPTED")
        self.assertEqual(param(cut, "SCHEDULE-STATUS"), "2.0")
        sam = attendee(got.text, "mailto:sam@resources.localhost")
        self.assertEqual(param(sam, "ROLE"), "NON-PARTICIPANT")
        self.assertEqual(param(sam, "CUTYPE"), "INDIVIDUAL")
        self.assertIsNotNone(attendee(got.text, "mailto:chair@localhost"))
        booking = self.booking_of("alice", "inv-ok")
        self.assertEqual(booking["status"], "CONFIRMED")
        self.assertEqual(booking["serviceId"], "cut")
        # the client writes its copy back (If-Match its ETag, If-Schedule-Tag-Match): nothing is booked twice
        r = self.put("alice", "hair.ics", got.text, **{"If-Schedule-Tag-Match": tag, "If-Match": got.header("ETag")})
        self.assertIn(r.status, (204,), r)
        self.assertEqual(len([b for b in self.bookings("alice") if b.get("uid") == "inv-ok"]), 1)
        self.assertEqual(param(attendee(self.get("alice", "hair.ics").text, "mailto:sam@resources.localhost"),
                               "ROLE"), "NON-PARTICIPANT")
        # a stale Schedule-Tag is refused and changes nothing
        r = self.put("alice", "hair.ics", got.text, **{"If-Schedule-Tag-Match": '"stale"'})
        self.assertEqual(r.status, 412, r)

    def test_the_derived_address_id_at_domain_books_and_the_older_one_still_does(self):
        for n, address in enumerate(("mailto:cut@localhost", "mailto:CUT@services.localhost")):
            start = self.biz.cut_slot + dt.timedelta(hours=5 + n)
            r = self.put("dave", f"addr-{n}.ics", invitation("dave", f"inv-addr-{n}", start, start + M30, service=address))
            self.assertEqual(r.status, 201, r)
            cut = attendee(self.get("dave", f"addr-{n}.ics").text, address)
            self.assertEqual(param(cut, "PARTSTAT"), "ACCEPTED", cut)
        # chair has no account of its name: <id>@<domain>; sam's account is sam@localhost: the older form
        copy = self.get("dave", "addr-0.ics").text
        self.assertIsNotNone(attendee(copy, "mailto:chair@localhost"))
        self.assertIsNotNone(attendee(copy, "mailto:sam@resources.localhost"))

    def test_invite_a_busy_time_is_stored_declined_with_the_reason(self):
        start = self.biz.cut_slot + dt.timedelta(minutes=10)  # not on the 30-minute grid
        before = len(self.bookings("bob"))
        r = self.put("bob", "off-grid.ics", invitation("bob", "inv-no", start, start + M30))
        self.assertEqual(r.status, 201, r)
        cut = attendee(self.get("bob", "off-grid.ics").text, "mailto:cut@services.localhost")
        self.assertEqual(param(cut, "PARTSTAT"), "DECLINED")
        self.assertTrue(param(cut, "SCHEDULE-STATUS").startswith(("3.", "5.")), cut)
        self.assertTrue(param(cut, "X-BOOKDAV-REASON").startswith("slot-unavailable: "), cut)
        self.assertEqual(len(self.bookings("bob")), before, "nothing booked")
        # Thunderbird's shape: urn address, no PARTSTAT; too soon for the notice
        soon = self.biz.now + dt.timedelta(minutes=10)
        body = invitation("bob", "inv-tb", soon, soon + M30, service="urn:bookdav:service:cut", partstat="NEEDS-ACTION",
                          prodid="-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN")
        self.assertEqual(self.put("bob", "tb.ics", body).status, 201)
        cut = attendee(self.get("bob", "tb.ics").text, "urn:bookdav:service:cut")
        self.assertEqual(param(cut, "PARTSTAT"), "DECLINED")

    def test_evolution_shape_with_tzid_and_upper_case_mailto(self):
        from zoneinfo import ZoneInfo
        berlin = ZoneInfo("Europe/Berlin")
        start = (self.biz.cut_slot + 10 * H).astimezone(berlin)
        end = start + M30
        body = "\r\n".join([
            "BEGIN:VCALENDAR", "PRODID:-//Ximian//NONSGML Evolution Calendar//EN", "VERSION:2.0",
            "BEGIN:VEVENT", "UID:20261204T120000Z-1234-1000-1-0@evolution", "DTSTAMP:20261204T120000Z",
            f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}", f"DTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}",
            "SEQUENCE:1", "SUMMARY:Haircut", "TRANSP:OPAQUE", "CLASS:PUBLIC",
            "ORGANIZER;CN=Alice:MAILTO:ALICE@LOCALHOST",
            "ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;LANGUAGE=en;CN=Cut:"
            "MAILTO:Cut@Services.Localhost",
            "END:VEVENT", "END:VCALENDAR", ""])
        r = self.put("alice", "evo.ics", body)
        self.assertEqual(r.status, 201, r)
        line = attendee(self.get("alice", "evo.ics").text, "mailto:cut@services.localhost")
        self.assertEqual(param(line, "PARTSTAT"), "ACCEPTED", line)
        booking = self.booking_of("alice", "20261204T120000Z-1234-1000-1-0@evolution")
        self.assertEqual(booking["start"], (self.biz.cut_slot + 10 * H).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def test_move_reschedules_and_refused_move_keeps_the_booking(self):
        start = self.biz.cut_slot + 2 * H
        self.assertEqual(self.put("carol", "m.ics", invitation("carol", "inv-move", start, start + M30)).status, 201)
        moved = start + H
        r = self.put("carol", "m.ics", invitation("carol", "inv-move", moved, moved + M30, sequence=1))
        self.assertEqual(r.status, 204, r)
        self.assertEqual(param(attendee(self.get("carol", "m.ics").text, "mailto:cut@services.localhost"),
                               "PARTSTAT"), "ACCEPTED")
        booking = self.booking_of("carol", "inv-move")
        self.assertEqual(booking["start"].replace("+00:00", "Z"), moved.strftime("%Y-%m-%dT%H:%M:%SZ"))
        # off the grid: refused, the booking stands where it was, the status says why
        bad = moved + dt.timedelta(minutes=10)
        self.assertEqual(self.put("carol", "m.ics", invitation("carol", "inv-move", bad, bad + M30,
                                                               sequence=2, partstat="ACCEPTED")).status, 204)
        cut = attendee(self.get("carol", "m.ics").text, "mailto:cut@services.localhost")
        self.assertEqual(param(cut, "PARTSTAT"), "ACCEPTED")
        self.assertTrue(param(cut, "SCHEDULE-STATUS").startswith("5."))
        self.assertIn("slot-unavailable", param(cut, "X-BOOKDAV-REASON"))
        self.assertEqual(self.booking_of("carol", "inv-move")["start"], booking["start"])
        # dropping the attendee cancels
        r = self.put("carol", "m.ics", invitation("carol", "inv-move", moved, moved + M30, service=None, sequence=3))
        self.assertEqual(r.status, 204, r)
        self.assertEqual(self.booking_of("carol", "inv-move")["status"], "CANCELED")

    def test_delete_cancels_and_a_refused_cancel_keeps_both(self):
        start = self.biz.cut_slot + 4 * H
        self.assertEqual(self.put("dave", "d.ics", invitation("dave", "inv-del", start, start + M30)).status, 201)
        r = self.srv.request("DELETE", "/dav/calendars/dave/calendar/d.ics", user="dave")
        self.assertEqual(r.status, 204, r)
        self.assertEqual(self.booking_of("dave", "inv-del")["status"], "CANCELED")
        self.assertEqual(self.srv.request("GET", "/dav/calendars/dave/calendar/d.ics", user="dave").status, 404)
        soon = self.biz.cut_soon  # inside the 1-day cancellation deadline
        self.assertEqual(self.put("dave", "s.ics", invitation("dave", "inv-soon", soon, soon + M30)).status, 201)
        self.assertEqual(self.booking_of("dave", "inv-soon")["status"], "CONFIRMED")
        r = self.srv.request("DELETE", "/dav/calendars/dave/calendar/s.ics", user="dave")
        self.assertEqual(r.status, 403, r)
        self.assertIn(b"cancellation-closed", r.body)
        self.get("dave", "s.ics")
        self.assertEqual(self.booking_of("dave", "inv-soon")["status"], "CONFIRMED")

    def test_class_course_and_full_session(self):
        s = self.biz.spin_start
        self.assertEqual(self.put("alice", "spin.ics", invitation("alice", "inv-spin", s, s + 45 * dt.timedelta(minutes=1),
                                                                  service="urn:bookdav:service:spin")).status, 201)
        cut = attendee(self.get("alice", "spin.ics").text, "urn:bookdav:service:spin")
        self.assertEqual(param(cut, "PARTSTAT"), "ACCEPTED")
        self.assertIsNotNone(attendee(self.get("alice", "spin.ics").text, "mailto:hall@localhost"))
        f = self.biz.french_start
        self.assertEqual(self.put("alice", "fr.ics", invitation("alice", "inv-fr", f, f + H,
                                                                service="mailto:french@services.localhost")).status, 201)
        self.assertEqual(param(attendee(self.get("alice", "fr.ics").text, "mailto:french@services.localhost"),
                               "PARTSTAT"), "TENTATIVE")  # manual approval
        p = self.biz.pilates_start + dt.timedelta(days=1)
        pil = "mailto:pilates@services.localhost"
        self.assertEqual(self.put("bob", "p.ics", invitation("bob", "inv-p1", p, p + 45 * dt.timedelta(minutes=1),
                                                             service=pil)).status, 201)
        self.assertEqual(param(attendee(self.get("bob", "p.ics").text, pil), "PARTSTAT"), "ACCEPTED")
        self.assertEqual(self.put("carol", "p.ics", invitation("carol", "inv-p2", p, p + 45 * dt.timedelta(minutes=1),
                                                               service=pil)).status, 201)
        line = attendee(self.get("carol", "p.ics").text, pil)
        self.assertEqual(param(line, "PARTSTAT"), "DECLINED")
        self.assertTrue(param(line, "X-BOOKDAV-REASON").startswith("session-full: "), line)

    def inbox(self, user):
        r = self.srv.propfind(f"/dav/calendars/{user}/inbox/", ["d:sync-token", "d:getetag", "d:resourcetype"], user,
                              depth="1")
        self.assertEqual(r.status, 207, r)
        found, _ = responses(r.body)
        token = found[f"/dav/calendars/{user}/inbox/"].get(f"{{{D}}}sync-token")
        items = {h: self.srv.request("GET", h, user=user).text for h in found if h.endswith(".ics")}
        return (token.text if token is not None else None), items

    def test_business_cancel_and_approval_reach_the_organizer(self):
        token0, items0 = self.inbox("bob")
        start = self.biz.cut_slot + 8 * H
        self.assertEqual(self.put("bob", "biz.ics", invitation("bob", "inv-biz", start, start + M30)).status, 201)
        booking = self.booking_of("bob", "inv-biz")
        r = self.srv.request("POST", f"/api/v1/bookings/{booking['id']}/cancel", "{}", user="admin",
                             headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        copy = eventually(lambda: (lambda t: t if "STATUS:CANCELLED" in t else None)(
            unfold(self.get("bob", "biz.ics").text)))
        self.assertIsNotNone(copy, "the organizer's copy says the business canceled")
        self.assertEqual(param(attendee(copy, "mailto:cut@services.localhost"), "PARTSTAT"), "DECLINED")
        token1, items1 = eventually(lambda: (lambda t: t if len(t[1]) > len(items0) else None)(self.inbox("bob")))
        self.assertNotEqual(token0, token1, "the inbox's sync token moved")
        new = [t for h, t in items1.items() if h not in items0]
        self.assertEqual(len(new), 1, items1)
        self.assertIn("METHOD:CANCEL", new[0])
        self.assertIn("UID:inv-biz", new[0])
        # course with manual approval: TENTATIVE, then the business confirms -> ACCEPTED and a REPLY
        f = self.biz.french_start
        fr = "mailto:french@services.localhost"
        self.assertEqual(self.put("bob", "fr.ics", invitation("bob", "inv-fr-bob", f, f + H, service=fr)).status, 201)
        booking = self.booking_of("bob", "inv-fr-bob")
        self.assertEqual(booking["status"], "PENDING")
        r = self.srv.request("POST", f"/api/v1/bookings/{booking['id']}/confirm", "{}", user="admin",
                             headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        self.assertTrue(eventually(lambda: param(attendee(self.get("bob", "fr.ics").text, fr), "PARTSTAT") == "ACCEPTED"))
        _, items2 = eventually(lambda: (lambda t: t if len(t[1]) > len(items1) else None)(self.inbox("bob")))
        replies = [t for h, t in items2.items() if h not in items1]
        self.assertEqual(len(replies), 1)
        self.assertIn("METHOD:REPLY", replies[0])
        self.assertIn("PARTSTAT=ACCEPTED", unfold(replies[0]))
        # the owner may delete inbox items, not write them; others may not read them
        href = [h for h in items2 if h not in items1][0]
        self.assertEqual(self.srv.request("GET", href, user="alice").status, 403)
        r = self.srv.request("PUT", "/dav/calendars/bob/inbox/x.ics", new[0], user="bob",
                             headers={"Content-Type": "text/calendar"})
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.srv.request("DELETE", href, user="bob").status, 204)
        self.assertNotIn(href, self.inbox("bob")[1])

    def test_schedule_tag_keeps_across_the_business_answer_and_merges_a_stale_copy(self):
        """RFC 6638 3.2.10: the server's own change (the business confirms) moves the ETag, not the
        Schedule-Tag; the organizer's client that read the copy before writes it back with
        If-Schedule-Tag-Match and succeeds without clobbering the answer; its own change moves the tag."""
        f = self.biz.french_start
        fr = "mailto:french@services.localhost"
        self.assertEqual(self.put("dave", "tag.ics", invitation("dave", "inv-tag", f, f + H, service=fr)).status, 201)
        before = self.get("dave", "tag.ics")
        tag, etag = before.header("Schedule-Tag"), before.header("ETag")
        self.assertEqual(param(attendee(before.text, fr), "PARTSTAT"), "TENTATIVE")
        booking = self.booking_of("dave", "inv-tag")
        r = self.srv.request("POST", f"/api/v1/bookings/{booking['id']}/confirm", "{}", user="admin",
                             headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        after = eventually(lambda: (lambda g: g if param(attendee(g.text, fr), "PARTSTAT") == "ACCEPTED" else None)(
            self.get("dave", "tag.ics")))
        self.assertIsNotNone(after, "the business's answer reached the organizer's copy")
        self.assertNotEqual(after.header("ETag"), etag, "the server's change moves the ETag")
        self.assertEqual(after.header("Schedule-Tag"), tag, "an inconsequential change keeps the Schedule-Tag")
        found, _ = responses(self.srv.propfind("/dav/calendars/dave/calendar/", ["c:schedule-tag"], "dave", "1").body)
        self.assertEqual(found["/dav/calendars/dave/calendar/tag.ics"][f"{{{C}}}schedule-tag"].text, tag)
        # If-Match with the ETag read before is refused: the resource changed since
        r = self.put("dave", "tag.ics", before.text, **{"If-Match": etag})
        self.assertEqual(r.status, 412, r)
        # the stale copy (still TENTATIVE) with If-Schedule-Tag-Match: merged, the answer stands
        r = self.put("dave", "tag.ics", before.text, **{"If-Schedule-Tag-Match": tag})
        self.assertEqual(r.status, 204, r)
        merged = self.get("dave", "tag.ics")
        line = attendee(merged.text, fr)
        self.assertEqual((param(line, "PARTSTAT"), param(line, "SCHEDULE-STATUS")), ("ACCEPTED", "2.0"), line)
        self.assertEqual(self.booking_of("dave", "inv-tag")["status"], "CONFIRMED")
        self.assertEqual(len([b for b in self.bookings("dave") if b.get("uid") == "inv-tag"]), 1)
        # the organizer's own change (a new description) is consequential: a new Schedule-Tag
        changed = merged.text.replace("SUMMARY:Haircut", "SUMMARY:Haircut\r\nDESCRIPTION:bring the book")
        self.assertNotEqual(changed, merged.text)
        r = self.put("dave", "tag.ics", changed, **{"If-Schedule-Tag-Match": merged.header("Schedule-Tag")})
        self.assertIn(r.status, (204,), r)
        newer = self.get("dave", "tag.ics")
        self.assertNotEqual(newer.header("Schedule-Tag"), merged.header("Schedule-Tag"))
        self.assertIn("bring the book", newer.text)
        self.assertEqual(param(attendee(newer.text, fr), "PARTSTAT"), "ACCEPTED")
        # the tag before that change no longer matches: 412, nothing changed
        r = self.put("dave", "tag.ics", before.text, **{"If-Schedule-Tag-Match": tag})
        self.assertEqual(r.status, 412, r)
        self.assertIn("error", r.text)
        self.assertEqual(self.get("dave", "tag.ics").header("ETag"), newer.header("ETag"))

    def test_business_moves_the_session_and_the_copy_follows(self):
        s = self.biz.spin_start + dt.timedelta(days=2)
        spin = "urn:bookdav:service:spin"
        self.assertEqual(self.put("dave", "move.ics", invitation("dave", "inv-sess", s, s + 3 * M30 / 2,
                                                                 service=spin)).status, 201)
        booking = self.booking_of("dave", "inv-sess")
        _, before = self.inbox("dave")
        later = s + M30
        r = self.srv.request("PATCH", f"/api/v1/sessions/{booking['sessionIds'][0]}",
                             json.dumps({"start": later.strftime("%Y-%m-%dT%H:%M:%SZ")}), user="admin",
                             headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        stamp = "DTSTART:" + later.strftime("%Y%m%dT%H%M%SZ")
        self.assertTrue(eventually(lambda: stamp in unfold(self.get("dave", "move.ics").text)),
                        self.get("dave", "move.ics").text)
        _, after = eventually(lambda: (lambda t: t if len(t[1]) > len(before) else None)(self.inbox("dave")))
        new = [t for h, t in after.items() if h not in before]
        self.assertEqual(len(new), 1)
        self.assertIn("METHOD:REQUEST", new[0])
        self.assertIn(stamp, unfold(new[0]))

    def test_schedule_agent_client_and_foreign_organizer_are_left_alone(self):
        start = self.biz.cut_slot + 6 * H
        body = invitation("bob", "inv-client", start, start + M30).replace(
            "CUTYPE=RESOURCE;", "CUTYPE=RESOURCE;SCHEDULE-AGENT=CLIENT;")
        r = self.put("bob", "c.ics", body)
        self.assertEqual(r.status, 201)
        self.assertIsNone(r.header("Schedule-Tag"))
        self.assertEqual(param(attendee(self.get("bob", "c.ics").text, "mailto:cut@services.localhost"),
                               "PARTSTAT"), "NEEDS-ACTION")
        self.assertIsNone(self.booking_of("bob", "inv-client"))
        body = invitation("alice", "inv-foreign", start, start + M30)  # alice organizes, stored by bob
        self.assertEqual(self.put("bob", "f.ics", body).status, 201)
        self.assertIsNone(self.booking_of("bob", "inv-foreign"))


if __name__ == "__main__":
    unittest.main()
