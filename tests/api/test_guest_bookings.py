"""Guest bookings through the JSON API against the real binary (README, "Public booking pages"): a
business opts in with "public": true; then guests read services and availability, book as a contact,
and read, reschedule and cancel that one booking with its manage token. Refusals, the rate limits
(429 + Retry-After), the guest body limit, and a non-public business (404 / 401)."""
import concurrent.futures
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import ApiServer, at, build_business, calendar_events, parse_time, slots, utc  # noqa: E402

GUS = {"name": "Gus <b>Guest</b>", "email": "gus@example.com", "phone": "+34 600 000 000"}


def make_public(srv, on=True):
    """Loads a business file that only says whether the business is public (and one unchanged resource)."""
    path = os.path.join(srv.data, "public.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"public": on, "resources": [{"id": "room-a", "kind": "room", "name": "Room A", "timezone": "UTC",
                                                "workingHours": {"weekly": [{"days": ["MO", "TU", "WE", "TH", "FR",
                                                                                      "SA", "SU"],
                                                                             "start": "00:00", "end": "24:00"}]}}]},
                  f)
    srv.cli("load", path)


class GuestServer(unittest.TestCase):
    def setUp(self):
        self.srv = ApiServer().start()
        build_business(self.srv)

    def tearDown(self):
        self.assertIn(self.srv.stop(), (0, None), "bookdav did not stop cleanly on SIGTERM")

    def guest(self, method, path, body=None, raw=None, headers=None):
        return self.srv.api(method, path, body, user=None, raw=raw, headers=headers)


class NotPublic(GuestServer):
    def test_a_business_is_not_public_until_its_file_says_so(self):
        self.assertEqual(self.guest("GET", "/services").status, 401)
        self.assertEqual(self.guest("POST", "/availability/query", {"serviceId": "cut", "from": utc(at(1, 0)),
                                                                    "to": utc(at(2, 0))}).status, 401)
        r = self.guest("POST", "/bookings", {"serviceId": "cut", "start": utc(at(2, 10)), "contact": GUS})
        self.assertEqual(r.status, 401, r)
        r = self.guest("GET", "/bookings/manage/0123456789abcdef0123456789abcdef")
        self.assertEqual((r.status, r.error["code"]), (404, "not-found"), r)
        self.assertEqual(self.srv.request("GET", "/book/").status, 404)
        self.assertEqual(self.srv.request("GET", "/book/manage/" + "0" * 32).status, 404)
        r = self.srv.request("GET", "/", headers={"Accept": "text/html"})
        self.assertEqual(r.status, 401)  # no pages to send a browser to
        self.assertEqual(self.srv.request("GET", "/desk/").status, 200)  # the front desk does not need it
        # Closing it again after opening.
        make_public(self.srv)
        self.assertEqual(self.guest("GET", "/services").status, 200)
        make_public(self.srv, False)
        self.assertEqual(self.guest("GET", "/services").status, 401)


class Public(GuestServer):
    def setUp(self):
        super().setUp()
        make_public(self.srv)

    def book(self, body, **kw):
        return self.guest("POST", "/bookings", dict(body, contact=kw.get("contact", GUS)))

    def test_a_guest_books_reads_reschedules_and_cancels_with_the_manage_token(self):
        services = self.guest("GET", "/services")
        self.assertEqual(services.status, 200, services)
        self.assertIn("cut", [s["id"] for s in services.json["services"]])
        self.assertEqual(self.guest("GET", "/resources").status, 200)
        r = self.guest("POST", "/availability/query", {"serviceId": "cut", "from": utc(at(1, 0)), "to": utc(at(2, 0)),
                                                       "timezone": "Europe/Madrid"})
        self.assertEqual(r.status, 200, r)
        first, second = r.json["slots"][0], r.json["slots"][3]
        made = self.book({"serviceId": "cut", "start": first["start"]})
        self.assertEqual(made.status, 201, made)
        token = made.json["manageToken"]
        self.assertRegex(token, r"^[0-9a-f]{32}$")
        self.assertIsNone(made.json["customer"])
        self.assertEqual(made.json["contact"], GUS)
        self.assertEqual(made.json["status"], "CONFIRMED")

        got = self.guest("GET", f"/bookings/manage/{token}")
        self.assertEqual((got.status, got.json["id"]), (200, made.json["id"]), got)
        self.assertNotIn("manageToken", got.json)  # shown once
        # The business sees it, and it is in the staff member's calendar over CalDAV.
        seen = self.srv.api("GET", f"/bookings/{made.json['id']}")
        self.assertEqual(seen.json["contact"]["email"], GUS["email"])
        resource = made.json["resourceIds"][0]
        events = calendar_events(self.srv, f"/dav/calendars/admin/resource-{resource}/", "admin")
        starts = [e[1] for evs in events.values() for e in evs]
        self.assertIn(parse_time(first["start"]), starts)

        moved = self.guest("POST", f"/bookings/manage/{token}/reschedule", {"start": second["start"]})
        self.assertEqual((moved.status, moved.json["start"]), (200, second["start"]), moved)
        gone = self.guest("POST", f"/bookings/manage/{token}/cancel")
        self.assertEqual((gone.status, gone.json["status"]), (200, "CANCELED"), gone)
        again = self.guest("POST", f"/bookings/manage/{token}/cancel")
        self.assertEqual((again.status, again.error["code"]), (403, "already-canceled"), again)
        self.assertEqual(self.srv.api("GET", f"/bookings/{made.json['id']}").json["status"], "CANCELED")

    def test_a_guest_joins_a_class_and_its_waitlist_and_books_a_course(self):
        yoga = slots(self.srv, "yoga", days=3, start_days=1)[0]
        a = self.book({"serviceId": "yoga", "sessionId": yoga["sessionId"], "participants": 2})
        self.assertEqual((a.status, a.json["status"]), (201, "CONFIRMED"), a)
        b = self.book({"serviceId": "yoga", "sessionId": yoga["sessionId"]},
                      contact={"name": "Ida", "email": "ida@example.com"})
        self.assertEqual((b.status, b.json["status"], b.json["waitlistPosition"]), (201, "WAITLISTED", 1), b)
        c = self.book({"serviceId": "yoga", "sessionId": yoga["sessionId"]},
                      contact={"name": "Jo", "email": "jo@example.com"})
        self.assertEqual((c.status, c.error["code"]), (403, "session-full"), c)
        # Leaving promotes the waitlist.
        self.guest("POST", f"/bookings/manage/{a.json['manageToken']}/cancel")
        self.assertEqual(self.guest("GET", f"/bookings/manage/{b.json['manageToken']}").json["status"], "CONFIRMED")
        course = slots(self.srv, "course", days=10)[0]
        d = self.book({"serviceId": "course", "sessionId": course["sessionIds"][0]})
        self.assertEqual((d.status, d.json["status"], len(d.json["sessionIds"])), (201, "PENDING", 3), d)

    def test_guests_racing_for_the_last_place_get_one_booking(self):
        start = slots(self.srv, "solo", days=3, start_days=2)[0]["start"]
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda i: self.book({"serviceId": "solo", "start": start},
                                                        contact={"name": f"G{i}", "email": f"g{i}@example.com"}),
                                    range(8)))
        self.assertEqual(sorted(a.status for a in answers), [201] + [409] * 7, answers)
        self.assertEqual({a.error["code"] for a in answers if a.status == 409}, {"slot-unavailable"})
        self.assertEqual(len(self.srv.api("GET", "/bookings?serviceId=solo").json["bookings"]), 1)

    def test_refusals_name_the_policy_and_change_nothing(self):
        r = self.book({"serviceId": "cut", "start": utc(at(2, 10))}, contact={"name": "Gus"})
        self.assertEqual((r.status, r.error["code"], r.json["error"].get("field")), (400, "invalid-request", "contact.email"), r)
        r = self.book({"serviceId": "cut", "start": utc(at(2, 10)), "customer": "alice"})
        self.assertEqual((r.status, r.error["code"]), (403, "not-allowed"), r)
        r = self.book({"serviceId": "cut", "start": utc(at(0, 0))})
        self.assertIn(r.error["code"], ("too-early", "slot-unavailable"), r)
        strict = self.book({"serviceId": "strict", "start": slots(self.srv, "strict", days=3, start_days=2)[0]["start"]})
        self.assertEqual(strict.status, 201, strict)
        no = self.guest("POST", f"/bookings/manage/{strict.json['manageToken']}/cancel")
        self.assertEqual((no.status, no.error["code"]), (403, "cancellation-closed"), no)
        self.assertIn("cancellations close", no.json["error"]["message"])
        self.assertEqual(self.srv.api("GET", "/bookings?status=CONFIRMED").json["bookings"][0]["id"], strict.json["id"])
        self.assertEqual(len(self.srv.api("GET", "/bookings").json["bookings"]), 1)
        # What a guest may not call still asks for a sign-in.
        for method, path in (("GET", "/bookings"), ("GET", "/calendar"), ("GET", "/me"),
                             ("POST", "/services"), ("GET", f"/bookings/{strict.json['id']}")):
            self.assertEqual(self.guest(method, path).status, 401, (method, path))
        self.assertEqual(self.guest("GET", "/bookings/manage/not-a-token").status, 404)

    def test_an_account_email_answers_like_any_other(self):
        start = slots(self.srv, "cut", days=3, start_days=1)
        r1 = self.book({"serviceId": "cut", "start": start[0]["start"]}, contact={"name": "A", "email": "alice@example.com"})
        r2 = self.book({"serviceId": "cut", "start": start[4]["start"]}, contact={"name": "A", "email": "nobody@example.com"})
        self.assertEqual((r1.status, r2.status), (201, 201))
        self.assertEqual(set(r1.json), set(r2.json))
        self.assertIsNone(r1.json["customer"])

    def test_bookings_per_email_are_limited_with_retry_after(self):
        for i in range(5):
            r = self.book({"serviceId": "no-such-service", "start": utc(at(2, 10))})
            self.assertEqual(r.status, 400, r)
        r = self.book({"serviceId": "cut", "start": utc(at(2, 10))})
        self.assertEqual((r.status, r.error["code"]), (429, "too-many-requests"), r)
        self.assertGreater(int(r.header("Retry-After")), 0)
        other = self.book({"serviceId": "no-such-service"}, contact={"name": "Ida", "email": "ida@example.com"})
        self.assertEqual(other.status, 400, other)

    def test_manage_token_misses_are_limited(self):
        for i in range(30):
            self.assertEqual(self.guest("GET", f"/bookings/manage/{i:032x}").status, 404)
        r = self.guest("GET", "/bookings/manage/" + "f" * 32)
        self.assertEqual((r.status, r.error["code"]), (429, "too-many-requests"), r)
        self.assertGreater(int(r.header("Retry-After")), 0)

    def test_a_browser_on_the_bare_host_goes_to_the_pages_and_caldav_discovery_stays(self):
        r = self.srv.request("GET", "/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        self.assertEqual((r.status, r.header("Location")), (302, "/book/"))
        page = self.srv.request("GET", "/book/")
        self.assertEqual((page.status, page.header("Content-Type")), (200, "text/html; charset=utf-8"))
        self.assertEqual(self.srv.request("HEAD", "/book/").status, 200)
        self.assertEqual(self.srv.request("POST", "/book/", "x").status, 405)
        propfind = self.srv.request("PROPFIND", "/", '<d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/>'
                                    '</d:prop></d:propfind>', user="alice", headers={"Depth": "0"})
        self.assertEqual(propfind.status, 207, propfind)
        self.assertIn(b"/dav/principals/alice/", propfind.body)
        self.assertEqual(self.srv.request("GET", "/", headers={"Accept": "text/calendar"}).status, 401)
        self.assertEqual(self.srv.request("GET", "/book/assets/nothing.js").status, 404)
        self.assertEqual(self.srv.request("GET", "/book/assets/book.html").status, 404)

    def test_guest_bodies_are_small(self):
        r = self.book({"serviceId": "cut", "start": utc(at(2, 10)), "note": "x" * 20000})
        self.assertEqual((r.status, r.error["code"]), (413, "too-large"), r)
        self.assertEqual(len(self.srv.api("GET", "/bookings").json["bookings"]), 0)


if __name__ == "__main__":
    unittest.main()
