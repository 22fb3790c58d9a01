"""The public booking pages in a real headless Chromium against the real binary: a guest books an
appointment, joins a class, joins a waitlist, books a course, moves and cancels through the manage
link; two browsers race for the last place; business text stays text; the appointment month view marks
the days with free times, pages by month (one availability query each) and works from the keyboard;
class sessions page by four weeks.
Every result is checked through the JSON API and CalDAV. Every page is screenshotted at 360 and 1280 px and checked with axe-core."""
import datetime
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "api"))
sys.path.insert(0, HERE)
from bookdav_api import ApiServer, at, build_business, calendar_events, parse_time, slots, utc  # noqa: E402
from browser import browser, choose_day, click, find, heading, page, shown_month, wait  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402
from test_guest_bookings import make_public  # noqa: E402


class BookingPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ApiServer().start()
        build_business(cls.srv)
        make_public(cls.srv)
        cls.driver = browser(1280)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        code = cls.srv.stop()
        if code not in (0, None):
            raise AssertionError(f"bookdav did not stop cleanly on SIGTERM: exit {code}")

    def open(self, path="/book/"):
        self.driver.get(self.srv.url + path)

    def fill_details(self, name, email):
        heading(self.driver, "Your details")
        find(self.driver, "#name").send_keys(name)
        find(self.driver, "#email").send_keys(email)

    def booking_of(self, email):
        """The business's view of the only booking with this contact e-mail (JSON API)."""
        found = [b for b in self.srv.api("GET", "/bookings").json["bookings"] if b["contact"]["email"] == email]
        self.assertEqual(len(found), 1, found)
        return found[0]

    def starts_in(self, path, user="admin"):
        return [e[1] for evs in calendar_events(self.srv, path, user).values() for e in evs]

    def test_1_a_guest_books_an_appointment_and_gets_the_links(self):
        d = self.driver
        r = self.srv.request("GET", "/", headers={"Accept": "text/html"})
        self.assertEqual((r.status, r.header("Location")), (302, "/book/"))
        self.open("/")
        heading(d, "What would you like to book?")
        page(d, self, "1-services")
        click(d, '[data-service="cut"] button')
        find(d, ".slots button")
        # Tomorrow, so that the minimum notice never catches up with the slot while the test runs.
        choose_day(d, utc(at(1, 0))[:10])
        wait(d).until(lambda drv: drv.execute_script(
            "const b = document.querySelector('.slots button'); return b && b.dataset.start.slice(0, 10)")
            == utc(at(1, 0))[:10])
        page(d, self, "2-appointment-times")
        chosen = find(d, ".slots button").get_attribute("data-start")
        click(d, ".slots button")
        self.fill_details("Gus <b>Guest</b>", "gus@example.com")
        page(d, self, "3-details")
        click(d, "#confirm")
        self.assertEqual(heading(d, "You are booked"), "You are booked")
        page(d, self, "4-confirmation")
        self.assertEqual(find(d, "[data-status]").get_attribute("data-status"), "CONFIRMED")
        manage = find(d, "#manage-link").get_attribute("href")
        self.assertRegex(manage, r"/book/manage/[0-9a-f]{32}$")
        self.assertTrue(find(d, "#webcal-link").get_attribute("href").startswith("webcal://"))
        self.assertIn("calendar.google.com/calendar/render?action=TEMPLATE",
                      find(d, "#google-link").get_attribute("href"))
        ics = self.srv.request("GET", find(d, "#ics-link").get_attribute("href").split(self.srv.url)[1])
        self.assertEqual(ics.status, 200)
        self.assertIn("BEGIN:VEVENT", ics.text)
        # The name is text, not markup.
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "main b"), [])
        # Through the JSON API and CalDAV.
        b = self.booking_of("gus@example.com")
        self.assertEqual((b["status"], b["start"], b["contact"]["name"]), ("CONFIRMED", chosen, "Gus <b>Guest</b>"))
        self.assertIn(parse_time(chosen), self.starts_in(f"/dav/calendars/admin/resource-{b['resourceIds'][0]}/"))
        # The manage page.
        d.get(manage)
        heading(d, "You are booked")
        page(d, self, "5-manage")

    def test_2_a_guest_joins_a_class_and_another_its_waitlist(self):
        d = self.driver
        session = slots(self.srv, "yoga", days=5, start_days=2)[0]
        self.open()
        click(d, '[data-service="yoga"] button')
        click(d, f'[data-session="{session["sessionId"]}"]')
        self.fill_details("Ida", "ida@example.com")
        participants = find(d, "#participants")
        participants.clear()
        participants.send_keys("2")
        click(d, "#confirm")
        heading(d, "You are booked")
        self.assertEqual(self.booking_of("ida@example.com")["participants"], 2)
        # Full now: the next guest sees the waitlist.
        self.open()
        click(d, '[data-service="yoga"] button')
        button = find(d, f'[data-session="{session["sessionId"]}"]')
        self.assertEqual(button.text, "Join waitlist")
        page(d, self, "6-class-sessions")
        click(d, f'[data-session="{session["sessionId"]}"]')
        self.fill_details("Jo", "jo@example.com")
        click(d, "#confirm")
        self.assertIn("waitlist", heading(d, "You are on the waitlist"))
        page(d, self, "7-waitlisted")
        b = self.booking_of("jo@example.com")
        self.assertEqual((b["status"], b["waitlistPosition"]), ("WAITLISTED", 1))
        self.assertIn(parse_time(session["start"]), self.starts_in("/dav/calendars/admin/resource-room-a/"))

    def test_3_a_guest_books_a_course(self):
        d = self.driver
        self.open()
        click(d, '[data-service="course"] button')
        find(d, ".dates li")
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, ".dates li")), 3)
        page(d, self, "8-course")
        click(d, ".courses [data-session]")
        self.fill_details("Kim", "kim@example.com")
        click(d, "#confirm")
        heading(d, "waiting for the business to confirm")
        b = self.booking_of("kim@example.com")
        self.assertEqual((b["status"], len(b["sessionIds"])), ("PENDING", 3))
        self.assertIn(parse_time(b["start"]), self.starts_in("/dav/calendars/admin/resource-room-a/"))

    def test_4_a_guest_moves_and_cancels_through_the_manage_link(self):
        d = self.driver
        free = slots(self.srv, "cut", days=3, start_days=3)
        made = self.srv.api("POST", "/bookings", {"serviceId": "cut", "start": free[0]["start"],
                                                  "contact": {"name": "Lu", "email": "lu@example.com"}}, user=None)
        self.assertEqual(made.status, 201, made)
        self.open(f"/book/manage/{made.json['manageToken']}")
        heading(d, "You are booked")
        click(d, "#reschedule")
        heading(d, "Change the time")
        find(d, ".slots button")
        buttons = [b for b in d.find_elements(By.CSS_SELECTOR, ".slots button")
                   if b.get_attribute("data-start") != free[0]["start"]]
        target = buttons[1].get_attribute("data-start")
        page(d, self, "9-manage-reschedule")
        click(d, f'.slots button[data-start="{target}"]')
        find(d, ".notice")
        self.assertEqual(self.booking_of("lu@example.com")["start"], target)
        click(d, "#cancel")
        heading(d, "Cancel this booking?")
        page(d, self, "10-manage-cancel")
        click(d, "#cancel-yes")
        heading(d, "canceled")
        self.assertEqual(self.booking_of("lu@example.com")["status"], "CANCELED")
        self.assertNotIn(parse_time(target), self.starts_in(f"/dav/calendars/admin/resource-{made.json['resourceIds'][0]}/"))

    def test_5_a_refusal_shows_the_policys_sentence(self):
        d = self.driver
        start = slots(self.srv, "strict", days=3, start_days=2)[0]["start"]
        made = self.srv.api("POST", "/bookings", {"serviceId": "strict", "start": start,
                                                  "contact": {"name": "Mo", "email": "mo@example.com"}}, user=None)
        self.assertEqual(made.status, 201, made)
        self.open(f"/book/manage/{made.json['manageToken']}")
        heading(d, "You are booked")
        click(d, "#cancel")
        click(d, "#cancel-yes")
        alert = find(d, ".alert")
        self.assertIn("cancellations close", alert.text)
        page(d, self, "11-manage-refused")
        self.assertEqual(self.booking_of("mo@example.com")["status"], "CONFIRMED")

    def test_6_two_browsers_race_for_the_last_place(self):
        other = browser(360)
        try:
            start = slots(self.srv, "solo", days=3, start_days=4)[0]["start"]
            for driver, (name, email) in ((self.driver, ("Ann", "ann@example.com")), (other, ("Bo", "bo@example.com"))):
                driver.get(self.srv.url + "/book/")
                click(driver, '[data-service="solo"] button')
                choose_day(driver, start[:10])  # the browsers run in UTC
                click(driver, f'.slots button[data-start="{start}"]')
                heading(driver, "Your details")
                find(driver, "#name").send_keys(name)
                find(driver, "#email").send_keys(email)
            click(self.driver, "#confirm")
            heading(self.driver, "You are booked")
            click(other, "#confirm")
            alert = find(other, ".alert")
            self.assertIn("just taken", alert.text)
            find(other, "#choose-again")
            page(other, self, "12-just-taken")
            self.assertEqual(self.booking_of("ann@example.com")["start"], start)
            self.assertEqual([b for b in self.srv.api("GET", "/bookings").json["bookings"]
                              if b["contact"]["email"] == "bo@example.com"], [])
        finally:
            other.quit()

    def test_7_business_text_is_text_and_the_pages_run_no_inline_script(self):
        evil = "<img src=x onerror=\"document.title='owned'\"> Cut & <script>alert(1)</script>"
        r = self.srv.api("PUT", "/services/evil", {"id": "evil", "kind": "appointment", "name": evil, "timezone": "UTC",
                                                    "duration": "PT30M", "description": "<i>plain</i>",
                                                    "resources": [["ben"]]})
        self.assertIn(r.status, (200, 201), r)
        try:
            self.open()
            card = find(self.driver, '[data-service="evil"] h2')
            self.assertEqual(card.text, evil)
            self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "main img, main script, main i"), [])
            self.assertNotEqual(self.driver.title, "owned")
        finally:
            self.srv.api("DELETE", "/services/evil")
        for path in ("/book/", "/book/manage/" + "0" * 32):
            r = self.srv.request("GET", path)
            self.assertEqual(r.status, 200)
            csp = r.header("Content-Security-Policy")
            self.assertIn("script-src 'self'", csp)
            self.assertNotIn("unsafe-inline", csp)
            self.assertNotRegex(r.text, r"<script(?![^>]*\bsrc=)[^>]*>")
            self.assertEqual(r.header("Referrer-Policy"), "no-referrer")

    def test_8_times_show_in_the_visitors_zone_beside_the_businesss(self):
        visitor = browser(360, zone="America/New_York")
        try:
            free = slots(self.srv, "cut", days=3, start_days=2)
            start = free[0]["start"]
            visitor.get(self.srv.url + "/book/")
            self.assertEqual(find(visitor, "#zone").get_attribute("value"), "America/New_York")
            click(visitor, '[data-service="cut"] button')
            day = parse_time(free[0]["start"]).astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%d")
            choose_day(visitor, day)
            button = find(visitor, f'.slots button[data-start="{start}"]')
            local = parse_time(free[0]["start"]).astimezone(ZoneInfo("America/New_York")).strftime("%H:%M")
            self.assertEqual(button.text.splitlines(), [local, f"{start[11:16]} in UTC"])
            # Switching the zone shows the business's own times.
            Select(find(visitor, "#zone")).select_by_value("UTC")
            choose_day(visitor, start[:10])
            button = find(visitor, f'.slots button[data-start="{start}"]')
            self.assertEqual(button.text, free[0]["start"][11:16])
        finally:
            visitor.quit()

    def test_9_a_keyboard_alone_books_and_a_lost_link_says_so(self):
        d = self.driver
        session = slots(self.srv, "yoga", days=5, start_days=3)[0]
        self.open()
        heading(d, "What would you like to book?")

        def tab_to(css, limit=80):
            """Presses Tab until the focused element matches css (the focus ring is CSS's :focus-visible)."""
            for _ in range(limit):
                if d.execute_script("return document.activeElement.matches(arguments[0])", css):
                    return d.switch_to.active_element
                d.switch_to.active_element.send_keys(Keys.TAB)
            self.fail(f"Tab never reached {css}")

        tab_to('[data-service="yoga"] button').send_keys(Keys.ENTER)
        heading(d, "Yoga")
        tab_to(f'[data-session="{session["sessionId"]}"]').send_keys(Keys.ENTER)
        heading(d, "Your details")
        tab_to("#name").send_keys("Key Board")
        tab_to("#email").send_keys("keys@example.com")
        tab_to("#confirm").send_keys(Keys.ENTER)
        heading(d, "You are booked")
        self.assertEqual(self.booking_of("keys@example.com")["sessionIds"], [session["sessionId"]])
        # A manage link that finds nothing.
        self.open("/book/manage/" + "0" * 32)
        heading(d, "Booking not found")
        self.assertIn("no booking with this manage link", find(d, ".alert").text)
        page(d, self, "13-manage-not-found")

    def focused(self, attribute):
        """An attribute of the element that has the focus, read at once (the page may redraw it)."""
        return self.driver.execute_script("return document.activeElement.getAttribute(arguments[0])", attribute)

    def queries(self):
        """How many availability queries this page has made."""
        return self.driver.execute_script(
            "return performance.getEntriesByType('resource')"
            ".filter(e => e.name.endsWith('/api/v1/availability/query')).length")

    def test_10_the_month_view_marks_the_days_with_free_times_and_pages_by_month(self):
        d = self.driver
        self.open()
        click(d, '[data-service="solo"] button')
        month = shown_month(d)
        today = utc(at(0, 0))[:10]  # the browser runs in UTC
        self.assertEqual(month, today[:8] + "01")
        self.assertEqual(self.queries(), 1)
        # Every day of the month, marked with its number of free times as the JSON API counts them.
        following = (datetime.date.fromisoformat(month) + datetime.timedelta(days=32)).replace(day=1)
        free = {}
        for s in self.srv.api("POST", "/availability/query", {"serviceId": "solo", "from": utc(at(0, 0)),
                                                              "to": following.isoformat() + "T00:00:00Z"}, user=None).json["slots"]:
            if s["bookable"]:
                free[s["start"][:10]] = free.get(s["start"][:10], 0) + 1
        shown = d.execute_script(
            "return [...document.querySelectorAll('.month [data-day]')].map(b => [b.dataset.day,"
            " b.getAttribute('aria-disabled'), b.getAttribute('aria-label')])")
        days = [(datetime.date.fromisoformat(month) + datetime.timedelta(days=i)).isoformat()
                for i in range((following - datetime.date.fromisoformat(month)).days)]
        self.assertEqual([k for k, _, _ in shown], days)
        for k, disabled, label in shown:
            if k == today:
                continue  # the minimum notice may have passed a slot of today between the two queries
            n = free.get(k, 0)
            self.assertEqual(disabled, None if n else "true", k)
            self.assertTrue(label.endswith(f": {n} free times" if n > 1 else ": 1 free time" if n else ": no free times"), label)
        self.assertTrue(free, "solo has free times this month")
        page(d, self, "14-appointment-month")
        # The keyboard: one Tab stop on the chosen day; arrows move, Page Down and Up change the month.
        chosen = d.execute_script("return document.querySelector('.month [aria-pressed=\"true\"]').dataset.day")
        self.assertEqual(chosen, min(free))
        stop = find(d, '.month [tabindex="0"]')
        self.assertEqual(stop.get_attribute("data-day"), chosen)
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, '.month [tabindex="0"]')), 1)
        d.execute_script("arguments[0].focus()", stop)
        # Page Down keeps the day of the month (or the month's last day), and Page Up comes back.
        last_day = (following - datetime.timedelta(days=1)).day
        after = (following + datetime.timedelta(days=32)).replace(day=1)
        later = following.replace(day=min(int(chosen[8:]), (after - datetime.timedelta(days=1)).day))
        back = datetime.date.fromisoformat(month).replace(day=min(later.day, last_day))
        d.switch_to.active_element.send_keys(Keys.PAGE_DOWN)
        self.assertEqual(shown_month(d), following.isoformat())
        self.assertEqual(self.focused("data-day"), later.isoformat())
        d.switch_to.active_element.send_keys(Keys.PAGE_UP)
        self.assertEqual(shown_month(d), month)
        self.assertEqual(self.focused("data-day"), back.isoformat())
        d.execute_script("document.querySelector(arguments[0]).focus()", f'.month [data-day="{chosen}"]')
        self.assertEqual(self.queries(), 3)
        target = (datetime.date.fromisoformat(chosen) + datetime.timedelta(days=1)).isoformat()
        d.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
        wait(d).until(lambda drv: self.focused("data-day") == target)
        shown_month(d)
        months = 3 if target[:7] == month[:7] else 4  # the next day may be in the next month
        self.assertEqual(self.queries(), months)
        d.switch_to.active_element.send_keys(Keys.ENTER)
        wait(d).until(lambda drv: (self.focused("data-start") or "")[:10] == target)
        self.assertEqual(find(d, f'.month [data-day="{target}"]').get_attribute("aria-pressed"), "true")
        # The buttons page too, with one query a month; there is no month before the current one.
        if target[:7] != month[:7]:
            click(d, "#month-before")
            self.assertEqual(shown_month(d), month)
            months += 1
        self.assertFalse(find(d, "#month-before").is_enabled())
        click(d, "#month-after")
        self.assertEqual(shown_month(d), following.isoformat())
        self.assertEqual(find(d, "#month-title").text, following.strftime("%B %Y"))
        self.assertEqual(self.queries(), months + 1)

    def test_11_class_sessions_page_by_four_weeks(self):
        d = self.driver
        self.open()
        click(d, '[data-service="yoga"] button')
        find(d, ".classes [data-session]")
        now = datetime.datetime.now(datetime.timezone.utc)

        def sessions(weeks):
            """The yoga sessions of the next `weeks` weeks, as the JSON API has them, without those so
            near a page's edge that the page, which asked a moment before, may have drawn it elsewhere."""
            r = self.srv.api("POST", "/availability/query", {"serviceId": "yoga", "from": utc(now),
                                                             "to": utc(now + datetime.timedelta(weeks=weeks)),
                                                             "includeUnbookable": True}, user=None)
            edges = [now + datetime.timedelta(weeks=w) for w in range(weeks + 1)]
            return [str(s["sessionId"]) for s in r.json["slots"]
                    if all(abs((parse_time(s["start"]) - e).total_seconds()) > 120 for e in edges)]

        def shown():
            ids = d.execute_script("return [...document.querySelectorAll('.classes .sessions > li [data-session]')]"
                                   ".map(b => b.dataset.session)")
            return [i for i in ids if i in sessions(8)]

        first = sessions(4)
        self.assertEqual(shown(), first)
        click(d, "#more-sessions")
        wait(d).until(lambda drv: len(shown()) > len(first))
        self.assertEqual(shown(), sessions(8))
        # The focus is on the first session the button added, and the later ones say why they are not bookable.
        focused = d.switch_to.active_element
        self.assertEqual(focused.tag_name, "li")
        self.assertEqual(focused.find_element(By.CSS_SELECTOR, "[data-session]").get_attribute("data-session"),
                         [i for i in shown() if i not in first][0])
        self.assertIn("Not bookable", d.find_elements(By.CSS_SELECTOR, ".classes .sessions > li")[-1].text)
        page(d, self, "15-class-sessions-later")


if __name__ == "__main__":
    unittest.main()
