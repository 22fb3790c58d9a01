"""The front desk /desk/ in a real headless Chromium against the real binary: the admin signs in, confirms
a pending booking, staff confirm one that is with them, long lists (approvals, waitlists, a busy week)
page, locks a class session and books a walk-in; a customer cannot sign in; the session
cookie is HttpOnly and SameSite=Lax, and a change without the session's CSRF token is refused. Results
are checked through the JSON API and CalDAV; every page is screenshotted and checked with axe-core."""
import datetime
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from bookdav_api import ALWAYS, ApiServer, at, build_business, calendar_events, parse_time, slots, today, utc  # noqa: E402
from browser import browser, click, find, heading, page, wait  # noqa: E402


class FrontDesk(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ApiServer().start()
        build_business(cls.srv)
        cls.driver = browser(1280)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        code = cls.srv.stop()
        if code not in (0, None):
            raise AssertionError(f"bookdav did not stop cleanly on SIGTERM: exit {code}")

    def sign_in(self, user):
        d = self.driver
        d.delete_all_cookies()
        d.get(self.srv.url + "/desk/")
        heading(d, "Sign in")
        find(d, "#user").send_keys(user)
        find(d, "#password").send_keys(user)
        click(d, "#sign-in-button")

    def wait_text(self, css, text):
        """Waits until the element matching css reads text (the page re-renders it after each change)."""
        wait(self.driver).until(lambda drv: drv.execute_script(
            "const e = document.querySelector(arguments[0]); return e && e.textContent", css) == text)

    def test_1_a_customer_cannot_use_the_desk(self):
        self.sign_in("alice")
        alert = find(self.driver, ".alert")
        self.assertIn("staff and admins", alert.text)
        page(self.driver, self, "20-desk-sign-in")

    def test_2_the_admin_confirms_a_pending_booking(self):
        course = slots(self.srv, "course", days=10)[0]
        made = self.srv.api("POST", "/bookings", {"serviceId": "course", "sessionId": course["sessionId"],
                                                  "customer": "alice"})
        self.assertEqual((made.status, made.json["status"]), (201, "PENDING"), made)
        self.sign_in("admin")
        d = self.driver
        heading(d, "Front desk")
        find(d, f'#pending [data-confirm="{made.json["id"]}"]')
        page(d, self, "21-desk-day")
        click(d, f'#pending [data-confirm="{made.json["id"]}"]')
        notice = find(d, ".notice")
        self.assertIn("confirmed", notice.text)
        self.assertEqual(self.srv.api("GET", f"/bookings/{made.json['id']}").json["status"], "CONFIRMED")
        events = calendar_events(self.srv, "/dav/calendars/alice/bookings/", "alice")
        statuses = [e[2] for evs in events.values() for e in evs if e[1] == parse_time(made.json["start"])]
        self.assertEqual(statuses, ["CONFIRMED"])

    def test_2b_staff_confirm_a_pending_booking_with_them(self):
        consult = {"id": "consult", "kind": "appointment", "name": "Consultation", "timezone": "UTC",
                   "duration": "PT30M", "resources": [["ana"]],
                   "policy": {"minimumNotice": "PT1H", "maximumHorizon": "P30D", "manualApproval": True}}
        self.assertIn(self.srv.api("PUT", "/services/consult", consult).status, (200, 201))
        slot = slots(self.srv, "consult", days=1, start_days=5)[0]
        made = self.srv.api("POST", "/bookings", {"serviceId": "consult", "start": slot["start"], "customer": "alice"})
        self.assertEqual((made.status, made.json["status"]), (201, "PENDING"), made)
        # A pending booking of the course (room A, not with ana) is not hers to decide.
        course = slots(self.srv, "course", days=10)[0]
        other = self.srv.api("POST", "/bookings", {"serviceId": "course", "sessionId": course["sessionId"],
                                                   "customer": "bob"})
        self.assertEqual((other.status, other.json["status"]), (201, "PENDING"), other)
        self.sign_in("ana")
        d = self.driver
        heading(d, "Front desk")
        find(d, f'#pending [data-confirm="{made.json["id"]}"]')
        self.assertEqual(d.find_elements("css selector", f'[data-confirm="{other.json["id"]}"]'), [])
        page(d, self, "25-desk-staff")
        click(d, f'#pending [data-confirm="{made.json["id"]}"]')
        wait(d).until(lambda drv: "confirmed" in drv.execute_script(
            "const e = document.querySelector('.notice'); return e ? e.textContent : ''"))
        self.assertEqual(self.srv.api("GET", f"/bookings/{made.json['id']}").json["status"], "CONFIRMED")
        self.assertEqual(self.srv.api("GET", f"/bookings/{other.json['id']}").json["status"], "PENDING")
        start = parse_time(made.json["start"])
        for path, user in (("/dav/calendars/alice/bookings/", "alice"), ("/dav/calendars/ana/resource-ana/", "ana")):
            events = calendar_events(self.srv, path, user)
            self.assertEqual([e[2] for evs in events.values() for e in evs if e[1] == start], ["CONFIRMED"], path)

    def test_3_the_admin_locks_a_session_and_books_a_walk_in(self):
        self.sign_in("admin")
        d = self.driver
        heading(d, "Front desk")
        yoga = slots(self.srv, "yoga", days=2)[0]
        day = yoga["start"][:10]
        d.execute_script("const i = document.getElementById('day'); i.value = arguments[0];"
                         "i.dispatchEvent(new Event('change'));", day)
        click(d, f'[data-lock="{yoga["sessionId"]}"]')
        self.wait_text(f'[data-lock="{yoga["sessionId"]}"]', "Unlock")
        sessions = self.srv.api("GET", f"/sessions?serviceId=yoga&from={yoga['start']}&to={yoga['end']}").json["sessions"]
        self.assertTrue(sessions[0]["locked"])
        click(d, f'[data-lock="{yoga["sessionId"]}"]')
        self.wait_text(f'[data-lock="{yoga["sessionId"]}"]', "Lock")
        # A walk-in haircut.
        find(d, "#walkin-name").send_keys("Walk-in Wu")
        d.execute_script("const s = document.getElementById('walkin-service'); s.value = 'cut';"
                         "s.dispatchEvent(new Event('change'));")
        first = find(d, "#walk-in .slots button")
        start = first.get_attribute("data-start")
        page(d, self, "22-desk-walk-in")
        click(d, f'#walk-in .slots button[data-start="{start}"]')
        wait(d).until(lambda drv: "Walk-in Wu" in drv.execute_script(
            "const e = document.querySelector('.notice'); return e ? e.textContent : ''"))
        walkins = [b for b in self.srv.api("GET", "/bookings").json["bookings"] if b["contact"]["name"] == "Walk-in Wu"]
        self.assertEqual([(b["start"], b["status"], b["customer"]) for b in walkins], [(start, "CONFIRMED", None)])
        starts = [e[1] for evs in calendar_events(self.srv, f"/dav/calendars/admin/resource-{walkins[0]['resourceIds'][0]}/",
                                                  "admin").values() for e in evs]
        self.assertIn(parse_time(start), starts)
        # Moved on the customer's behalf, to a time of the day the booking is on.
        d.execute_script("const i = document.getElementById('day'); i.value = arguments[0];"
                         "i.dispatchEvent(new Event('change'));", start[:10])
        click(d, f'[data-move="{walkins[0]["id"]}"]')
        heading(d, "Move Cut for Walk-in Wu")
        later = [b.get_attribute("data-start") for b in find(d, ".slots").find_elements("css selector", "button")]
        target = [t for t in later if t > start][0]
        page(d, self, "23-desk-move")
        click(d, f'.slots button[data-start="{target}"]')
        wait(d).until(lambda drv: "moved" in drv.execute_script(
            "const e = document.querySelector('.notice'); return e ? e.textContent : ''"))
        self.assertEqual(self.srv.api("GET", f"/bookings/{walkins[0]['id']}").json["start"], target)
        # The week from that day shows it too.
        click(d, "#view-week")
        heading(d, "week from")
        find(d, f'[data-booking="{walkins[0]["id"]}"]')
        page(d, self, "24-desk-week")

    def listed(self, css):
        """The data-booking or data-session ids of the items of the list matching css, in order."""
        return self.driver.execute_script(
            "return [...document.querySelectorAll(arguments[0] + ' > li')].map(li => li.dataset.booking || li.dataset.session)",
            css)

    def page_through(self, key, css, total):
        """Checks that the list shows twenty of `total`, and the next twenty after "Show more"."""
        d = self.driver
        wait(d).until(lambda drv: len(self.listed(css)) == min(20, total))
        click(d, f'[data-more="{key}"]')
        wait(d).until(lambda drv: len(self.listed(css)) == min(40, total))
        # The focus is on the first item the button added.
        self.assertEqual(d.execute_script("return [...document.querySelectorAll(arguments[0] + ' > li')].indexOf("
                                          "document.activeElement)", css), 20)

    def test_5_long_lists_show_twenty_at_a_time_and_the_week_pages(self):
        api = self.srv.api
        self.assertIn(api("PUT", "/resources/room-b", {"id": "room-b", "kind": "room", "name": "Room B", "timezone": "UTC",
                                                        "workingHours": ALWAYS}).status, (200, 201))
        every_day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        drop_in = {"id": "drop-in", "kind": "class", "name": "Drop-in", "timezone": "UTC", "duration": "PT30M",
                   "capacity": 1, "policy": {"waitlistCapacity": 30},
                   "schedule": {"resourceIds": ["room-b"], "weekly": [
                       {"days": every_day, "time": t, "from": today().isoformat()} for t in ("08:00", "09:00", "11:00", "12:00")]}}
        self.assertIn(api("PUT", "/services/drop-in", drop_in).status, (200, 201))
        approve = {"id": "approve-me", "kind": "appointment", "name": "Approve me", "timezone": "UTC",
                   "duration": "PT30M", "resources": [["ben"]], "policy": {"manualApproval": True}}
        self.assertIn(api("PUT", "/services/approve-me", approve).status, (200, 201))
        # 25 walk-ins on one drop-in session: one place, 24 on its waitlist; 25 walk-ins waiting for approval.
        session = [s for s in slots(self.srv, "drop-in", days=1, start_days=2) if s["start"].endswith("T08:00:00Z")][0]
        for i in range(25):
            r = api("POST", "/bookings", {"serviceId": "drop-in", "sessionId": session["sessionId"], "contact": {"name": f"Queue {i}"}})
            self.assertEqual((r.status, r.json["status"]), (201, "CONFIRMED" if i == 0 else "WAITLISTED"), r)
            r = api("POST", "/bookings", {"serviceId": "approve-me", "start": utc(at(9, 0) + datetime.timedelta(minutes=30 * i)), "contact": {"name": f"Ask {i}"}})
            self.assertEqual((r.status, r.json["status"]), (201, "PENDING"), r)
        pending = api("GET", "/bookings?status=PENDING").json["bookings"]
        waiting = api("GET", f"/bookings?status=WAITLISTED&from={utc(at(0, 0))}").json["bookings"]
        self.assertGreater(len(pending), 20)
        self.assertGreater(len(waiting), 20)
        self.sign_in("admin")
        d = self.driver
        heading(d, "Front desk")
        self.page_through("pending", "#pending", len(pending))
        self.page_through("waitlists", "#waitlists", len(waiting))
        page(d, self, "26-desk-long-lists")
        # A busy week: room B has 28 sessions a week, shown twenty at a time; the week after and before.
        day = session["start"][:10]
        d.execute_script("const i = document.getElementById('day'); i.value = arguments[0];"
                         "i.dispatchEvent(new Event('change'));", day)
        click(d, "#view-week")
        heading(d, "week from")

        def week_of(first):
            start = datetime.date.fromisoformat(first)
            r = api("GET", f"/calendar?from={start}T00:00:00Z&to={start + datetime.timedelta(days=7)}T00:00:00Z&resourceId=room-b")
            return [str(s["id"]) for s in r.json["sessions"] if "room-b" in s["resourceIds"]]

        this_week = week_of(day)
        self.assertEqual(len(this_week), 28)
        css = '[data-list="resource:room-b"]'
        wait(d).until(lambda drv: self.listed(css) == this_week[:20])
        self.page_through("resource:room-b", css, 28)
        self.assertEqual(self.listed(css), this_week)
        click(d, "#later")
        next_day = (datetime.date.fromisoformat(day) + datetime.timedelta(days=7)).isoformat()
        wait(d).until(lambda drv: drv.execute_script("return document.getElementById('day').value") == next_day)
        next_week = week_of(next_day)
        wait(d).until(lambda drv: self.listed(css) == next_week[:20])  # a new week starts with twenty again
        click(d, "#earlier")
        wait(d).until(lambda drv: self.listed(css) == this_week[:20])
        page(d, self, "27-desk-busy-week")

    def test_4_the_session_cookie_and_csrf(self):
        r = self.srv.request("POST", "/desk/session", json.dumps({"user": "ana", "password": "ana"}))
        self.assertEqual(r.status, 200, r)
        cookie = r.header("Set-Cookie")
        self.assertRegex(cookie, r"^bookdav_desk=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax$")
        token = json.loads(r.body)["csrfToken"]
        jar = {"Cookie": cookie.split(";")[0]}
        self.assertEqual(self.srv.request("GET", "/api/v1/me", headers=jar).status, 200)
        later = slots(self.srv, "cut", days=1, start_days=20)
        body = json.dumps({"kind": "time-off", "resourceIds": ["ana"], "start": later[0]["start"], "end": later[2]["start"]})
        no = self.srv.request("POST", "/api/v1/sessions", body, headers=jar)
        self.assertEqual(no.status, 403, no)
        self.assertIn("X-CSRF-Token", no.text)
        yes = self.srv.request("POST", "/api/v1/sessions", body, headers=dict(jar, **{"X-CSRF-Token": token}))
        self.assertEqual(yes.status, 201, yes)
        self.assertEqual(self.srv.request("GET", "/api/v1/me", headers={"Cookie": "bookdav_desk=" + "0" * 32}).status, 401)
        out = self.srv.request("DELETE", "/desk/session", headers=dict(jar, **{"X-CSRF-Token": token}))
        self.assertEqual(out.status, 204)
        self.assertEqual(self.srv.request("GET", "/api/v1/me", headers=jar).status, 401)
        # Wrong passwords count against the address as Basic sign-ins do.
        bad = self.srv.request("POST", "/desk/session", json.dumps({"user": "ana", "password": "nope"}))
        self.assertEqual(bad.status, 401)


if __name__ == "__main__":
    unittest.main()
