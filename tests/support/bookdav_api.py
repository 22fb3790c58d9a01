"""JSON API helpers for tests against the real binary, plus a small test business built through the
API, and CalDAV readers for the booking calendars.

    srv = ApiServer().start()
    r = srv.api("POST", "/bookings", {"serviceId": "cut", "start": "..."}, user="alice")
    r.status, r.json

Times: the server runs on the real clock, so tests pick times relative to today (UTC) with at().
"""
import datetime
import json
import unittest
import os
import re
import sys
import xml.etree.ElementTree as ET
import zoneinfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bookdav_server import BookdavServer, D, ROOT, responses  # noqa: E402

EXAMPLES = os.path.join(ROOT, "examples")
USERS = {"admin": "admin", "ana": "staff", "alice": "customer", "bob": "customer"}


class ApiResult:
    def __init__(self, response):
        self.response = response
        self.status = response.status
        ctype = response.header("Content-Type") or ""
        self.json = json.loads(response.body) if response.body and "json" in ctype else None

    def header(self, name):
        return self.response.header(name)

    @property
    def error(self):
        return (self.json or {}).get("error", {})

    def __repr__(self):
        return f"<ApiResult {self.status} {self.response.body[:400]!r}>"


class ApiServer(BookdavServer):
    def __init__(self, users=None, **kw):
        super().__init__(users=users if users is not None else dict(USERS), **kw)

    def api(self, method, path, body=None, user="admin", raw=None, headers=None, password=None):
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        h = {"Content-Type": "application/json"} if data is not None else {}
        h.update(headers or {})
        return ApiResult(self.request(method, "/api/v1" + path, data, user=user, password=password, headers=h))


def utc(t):
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def today():
    return datetime.datetime.now(datetime.timezone.utc).date()


def at(days, hour, minute=0):
    """An instant `days` after today (UTC) at hour:minute UTC."""
    d = today() + datetime.timedelta(days=days)
    return datetime.datetime(d.year, d.month, d.day, hour, minute, tzinfo=datetime.timezone.utc)


ALWAYS = {"weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "start": "00:00", "end": "24:00"}]}


def build_business(srv):
    """A business in UTC whose resources work around the clock, so that any day works:
    cut (appointment with ana or ben), solo (appointment with ben only), strict (long deadlines),
    yoga (class daily 10:00, 2 places, waitlist 1), course (3 meetings at 15:00 from day 2, approval)."""
    def put(kind, obj):
        r = srv.api("PUT", f"/{kind}/{obj['id']}", obj)
        assert r.status in (200, 201), r
        return r.json
    put("resources", {"id": "ana", "kind": "staff", "name": "Ana", "timezone": "UTC", "userName": "ana",
                      "workingHours": ALWAYS})
    put("resources", {"id": "ben", "kind": "staff", "name": "Ben", "timezone": "UTC", "workingHours": ALWAYS})
    put("resources", {"id": "room-a", "kind": "room", "name": "Room A", "timezone": "UTC", "workingHours": ALWAYS})
    policy = {"minimumNotice": "PT1H", "maximumHorizon": "P30D", "cancellationDeadline": "PT1H",
              "rescheduleDeadline": "PT1H", "slotGranularity": "PT30M"}
    put("services", {"id": "cut", "kind": "appointment", "name": "Cut", "timezone": "UTC", "duration": "PT30M",
                     "price": {"amount": "20.00", "currency": "EUR"}, "resources": [{"anyOf": ["ana", "ben"]}],
                     "policy": policy})
    put("services", {"id": "solo", "kind": "appointment", "name": "Solo", "timezone": "UTC", "duration": "PT1H",
                     "resources": [["ben"]], "policy": policy})
    put("services", {"id": "strict", "kind": "appointment", "name": "Strict", "timezone": "UTC",
                     "duration": "PT30M", "resources": [["ben"]],
                     "policy": dict(policy, maximumHorizon="P10D", cancellationDeadline="P20D",
                                    rescheduleDeadline="P20D")})
    put("services", {"id": "yoga", "kind": "class", "name": "Yoga", "timezone": "UTC", "duration": "PT1H",
                     "capacity": 2, "policy": dict(policy, waitlistCapacity=1, maxParticipantsPerBooking=2),
                     "schedule": {"resourceIds": ["room-a"],
                                  "weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "time": "10:00",
                                              "from": today().isoformat()}]}})
    put("services", {"id": "course", "kind": "course", "name": "Course", "timezone": "UTC", "duration": "PT1H",
                     "capacity": 3, "price": {"amount": "90.00", "currency": "EUR"},
                     "policy": dict(policy, manualApproval=True),
                     "schedule": {"resourceIds": ["room-a"],
                                  "weekly": [{"days": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "time": "15:00",
                                              "from": (today() + datetime.timedelta(days=2)).isoformat(),
                                              "count": 3}]}})


def yoga_session(srv, days):
    """The id of the yoga session `days` from today."""
    r = srv.api("GET", f"/sessions?serviceId=yoga&from={utc(at(days, 0))}&to={utc(at(days + 1, 0))}")
    assert r.status == 200 and len(r.json["sessions"]) == 1, r
    return r.json["sessions"][0]["id"]


# ---- CalDAV readers for the booking calendars ----

def event_times(ics):
    """[(uid, dtstart as aware datetime, status)] of the VEVENTs of an iCalendar text."""
    text = re.sub(r"\r?\n[ \t]", "", ics)
    out = []
    for block in re.findall(r"BEGIN:VEVENT\r?\n(.*?)END:VEVENT", text, re.S):
        props = {}
        for line in block.splitlines():
            m = re.match(r"([A-Z-]+)((?:;[^:]*)?):(.*)", line)
            if m and m.group(1) not in props:
                props[m.group(1)] = (m.group(2), m.group(3))
        start = None
        if "DTSTART" in props:
            params, value = props["DTSTART"]
            tz = re.search(r"TZID=([^;:]+)", params)
            if value.endswith("Z"):
                start = datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
            elif "T" in value:
                naive = datetime.datetime.strptime(value, "%Y%m%dT%H%M%S")
                start = naive.replace(tzinfo=zoneinfo.ZoneInfo(tz.group(1).strip('"')) if tz else datetime.timezone.utc)
        out.append((props.get("UID", ("", ""))[1], start, props.get("STATUS", ("", ""))[1]))
    return out


def calendar_events(srv, path, user):
    """{href: [(uid, start, status)]} of the members of a calendar collection, by PROPFIND and GET."""
    r = srv.request("PROPFIND", path, '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>',
                    user=user, headers={"Depth": "1"})
    if r.status != 207:
        raise AssertionError(f"PROPFIND {path} answered {r.status}: {r.body[:300]!r}")
    found, _ = responses(r.body)
    out = {}
    for href in found:
        if href.rstrip("/") == path.rstrip("/"):
            continue
        g = srv.request("GET", href, user=user)
        if g.status == 200:
            out[href] = event_times(g.text)
    return out


def sync_token(srv, path, user):
    r = srv.request("PROPFIND", path, '<d:propfind xmlns:d="DAV:"><d:prop><d:sync-token/></d:prop></d:propfind>',
                    user=user, headers={"Depth": "0"})
    if r.status != 207:
        raise AssertionError(f"PROPFIND {path} answered {r.status}: {r.body[:300]!r}")
    return ET.fromstring(r.body).findtext(f".//{{{D}}}sync-token")


def slots(srv, service_id, days=60, user="alice", start_days=0):
    """The bookable slots of a service from now (or `start_days` ahead) for `days` days."""
    r = srv.api("POST", "/availability/query", {"serviceId": service_id, "from": utc(at(start_days, 0)),
                                                "to": utc(at(start_days + days, 0))}, user=user)
    assert r.status == 200, r
    return r.json["slots"]


def booking_request(service, slot):
    """The JSON booking of a slot: by start for appointments, by session for classes and courses."""
    if service["kind"] == "appointment":
        return {"serviceId": service["id"], "start": slot["start"]}
    return {"serviceId": service["id"], "sessionId": slot["sessionId"]}


def booking_event(uid, start, summary="Booked from a calendar app"):
    """A VEVENT as a calendar app PUTs it into service-<id>/ to book: DTSTART only (the server
    knows the duration)."""
    dt = parse_time(start).strftime("%Y%m%dT%H%M%SZ")
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav tests//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{dt}\r\nSUMMARY:{summary}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")


def put_booking_event(srv, user, service_id, uid, start):
    path = f"/dav/calendars/{user}/service-{service_id}/{uid}.ics"
    return srv.request("PUT", path, booking_event(uid, start), user=user,
                       headers={"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"})


def events_starting(srv, path, user, start):
    """The (uid, start, status) events of a calendar collection that start at `start` (RFC 3339)."""
    want = parse_time(start)
    return [e for events in calendar_events(srv, path, user).values() for e in events if e[1] == want]


class BusinessTest(unittest.TestCase):
    """A TestCase whose class shares one server with the test business of build_business() loaded;
    USERS (user name -> role) replaces ApiServer's default users."""
    USERS = None

    @classmethod
    def setUpClass(cls):
        cls.srv = ApiServer(users=cls.USERS).start()
        build_business(cls.srv)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def api(self, *a, **kw):
        return self.srv.api(*a, **kw)

    def assertError(self, r, status, code, field=None):
        """A JSON error answer: status, code, a human sentence, and the bad field when one is named."""
        self.assertEqual(r.status, status, r)
        self.assertEqual(r.error.get("code"), code, r)
        self.assertTrue(r.error.get("message"), r)
        if field is not None:
            self.assertEqual(r.error.get("field"), field, r)


class ExampleSetup:
    """Mixed into a TestCase per example business: a server (users admin, ana, alice, bob) with the
    file of examples/ named by FILE loaded through `bookdav load`."""
    FILE = None

    @classmethod
    def setUpClass(cls):
        cls.path = os.path.join(EXAMPLES, cls.FILE)
        with open(cls.path, encoding="utf-8") as f:
            cls.business = json.load(f)
        cls.srv = ApiServer(users={"admin": "admin", "ana": "staff", "alice": "customer", "bob": "customer"}).start()
        cls.loaded = cls.srv.cli("load", cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def services(self):
        return self.business["services"]

    def first_slot(self, service, skip=0):
        """A bookable slot of the service (skip: how many earlier ones to leave for other tests)."""
        found = slots(self.srv, service["id"], days=120)
        self.assertGreater(len(found), skip, f"{service['id']} has bookable slots")
        return found[skip]
