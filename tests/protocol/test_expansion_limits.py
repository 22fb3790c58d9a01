"""No request can keep bookdav busy expanding recurrences (issue 10): the probe's bodies are refused
at once with a DAV:error naming the rule or zone while other clients keep writing; an object whose
rules would cost too much is refused on write; one planted in the database before these limits
answers reports with {urn:bookdav:}too-complex within the read budget instead of for minutes."""
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import B, C, D, ServerTest, ics_event  # noqa: E402
from server_database import execute, rows  # noqa: E402

CAL = "/dav/calendars/alice/calendar/"
BOB = "/dav/calendars/bob/calendar/"
# Generous: each refusal takes milliseconds, a planted object at most the read budget (5 s).
PROMPT = 15


def calendar(body):
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav tests//EN\r\n" + body + "END:VCALENDAR\r\n"


def event(uid, lines, start="DTSTART:20260105T100000Z"):
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n{start}\r\nDURATION:PT1H\r\n"
            + "".join(line + "\r\n" for line in lines) + "END:VEVENT\r\n")


SECONDLY_ZONE = ("BEGIN:VTIMEZONE\r\nTZID:Probe/Zone\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
                 "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\n"
                 "END:VTIMEZONE\r\n")
# The probe's two bodies: a rule that never produces an instance, and a zone whose rule is SECONDLY.
IMPOSSIBLE_RULE = calendar(event("probe-rule", ["RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"]))
SECONDLY_TIMEZONE = calendar(SECONDLY_ZONE + event("probe-zone", [], "DTSTART;TZID=Probe/Zone:20260105T100000"))
# The probe's stored object: 50 SECONDLY rules, each walked from DTSTART by every read.
FIFTY_RULES = calendar(event("fifty", [f"RRULE:FREQ=SECONDLY;COUNT=1000000;BYSECOND={i}" for i in range(50)],
                             "DTSTART:20200101T000000Z"))
# Eight rules (the most a component may have) that need more steps than a write may take.
SLOW_RULES = calendar(event("slow", [f"RRULE:FREQ=SECONDLY;COUNT=200000;BYSECOND={i}" for i in range(8)]))


def query(start, end):
    return (f'<?xml version="1.0"?><c:calendar-query xmlns:d="{D}" xmlns:c="{C}"><d:prop><d:getetag/></d:prop>'
            f'<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">'
            f'<c:time-range start="{start}" end="{end}"/></c:comp-filter></c:comp-filter></c:filter>'
            f'</c:calendar-query>')


class OtherClientWrites:
    """Bob PUTs events into his own calendar in a loop until stopped; every answer is kept."""

    def __init__(self, srv):
        self.srv, self.statuses, self.stop = srv, [], threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self):
        n = 0
        while not self.stop.is_set():
            n += 1
            r = self.srv.request("PUT", f"{BOB}w{n}.ics", ics_event(f"w{n}"), user="bob",
                                 headers={"Content-Type": "text/calendar"})
            self.statuses.append((r.status, r.body[:200]))

    def __enter__(self):
        self.thread.start()
        while not self.statuses:
            time.sleep(0.01)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(60)


class ExpansionLimits(ServerTest):
    USERS = {"alice": "customer", "bob": "customer"}

    def assertRefused(self, r, ns, name, *words):
        self.assertEqual(r.status, 403, r)
        root = r.xml()
        self.assertEqual(root.tag, f"{{{D}}}error")
        self.assertIsNotNone(root.find(f"{{{ns}}}{name}"), r.body)
        message = root.findtext(f"{{{B}}}message")
        for word in words:
            self.assertIn(word, message)

    def timed(self, method, path, body, **headers):
        started = time.monotonic()
        r = self.req(method, path, body, **headers)
        return r, time.monotonic() - started

    def assertOthersWrote(self, writer):
        self.assertTrue(writer.statuses)
        self.assertTrue(all(status in (201, 204) for status, _ in writer.statuses), writer.statuses)

    def test_probe_bodies_are_refused_at_once_while_another_client_writes(self):
        with OtherClientWrites(self.srv) as writer:
            r, took = self.timed("PUT", CAL + "probe-rule.ics", IMPOSSIBLE_RULE, Content_Type="text/calendar")
            self.assertRefused(r, B, "too-complex", "FREQ=SECONDLY", "produces no instance")
            self.assertLess(took, PROMPT)
            r, took = self.timed("PUT", CAL + "probe-zone.ics", SECONDLY_TIMEZONE, Content_Type="text/calendar")
            self.assertRefused(r, C, "valid-calendar-data", "Probe/Zone", "FREQ=YEARLY")
            self.assertLess(took, PROMPT)
            # Rules that would take longer than a write may: refused, and the write lock was never held.
            r, took = self.timed("PUT", CAL + "slow.ics", SLOW_RULES, Content_Type="text/calendar")
            self.assertRefused(r, B, "too-complex", "needs more than")
            self.assertLess(took, PROMPT)
        self.assertOthersWrote(writer)
        for name in ("probe-rule", "probe-zone", "slow"):
            self.assertEqual(self.req("GET", f"{CAL}{name}.ics").status, 404)

    def test_probe_zone_is_refused_where_else_clients_send_zones(self):
        zone = calendar(SECONDLY_ZONE)
        r = self.req("PROPPATCH", CAL, f'<d:propertyupdate xmlns:d="{D}" xmlns:c="{C}"><d:set><d:prop>'
                                      f'<c:calendar-timezone><![CDATA[{zone}]]></c:calendar-timezone>'
                                      f'</d:prop></d:set></d:propertyupdate>')
        self.assertEqual(r.status, 207, r)
        self.assertIn(b"403", r.body)
        body = query("20260101T000000Z", "20260201T000000Z").replace(
            "</c:filter>", f"</c:filter><c:timezone><![CDATA[{zone}]]></c:timezone>")
        r, took = self.timed("REPORT", CAL, body, Depth="1")
        self.assertRefused(r, C, "valid-calendar-data", "FREQ=YEARLY")
        self.assertLess(took, PROMPT)
        freebusy = calendar("METHOD:REQUEST\r\n" + SECONDLY_ZONE + "BEGIN:VFREEBUSY\r\nUID:fb\r\n"
                            "DTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Probe/Zone:20260105T000000\r\n"
                            "DTEND;TZID=Probe/Zone:20260106T000000\r\nORGANIZER:mailto:alice@localhost\r\n"
                            "ATTENDEE:mailto:bob@localhost\r\nEND:VFREEBUSY\r\n")
        r, took = self.timed("POST", "/dav/calendars/alice/outbox/", freebusy, Content_Type="text/calendar")
        self.assertRefused(r, C, "valid-calendar-data", "FREQ=YEARLY")
        self.assertLess(took, PROMPT)

    def test_components_nested_without_end_are_refused(self):
        deep = "BEGIN:VCALENDAR\r\n" + "BEGIN:X-A\r\n" * 200000
        r = self.req("PUT", CAL + "deep.ics", deep, Content_Type="text/calendar")
        self.assertRefused(r, C, "valid-calendar-data", "nested")
        r = self.req("PROPPATCH", CAL, f'<d:propertyupdate xmlns:d="{D}" xmlns:c="{C}"><d:set><d:prop>'
                                      f'<c:calendar-timezone>{deep}</c:calendar-timezone>'
                                      f'</d:prop></d:set></d:propertyupdate>')
        self.assertEqual(r.status, 207, r)
        self.assertIn(b"403", r.body)
        self.assertEqual(self.req("PROPFIND", CAL, Depth="0").status, 207)  # still serving

    def test_fifty_secondly_rules_are_refused_on_write_and_answer_too_complex_when_planted(self):
        r, took = self.timed("PUT", CAL + "fifty.ics", FIFTY_RULES, Content_Type="text/calendar")
        self.assertRefused(r, B, "too-complex", "50 RRULE")
        self.assertLess(took, PROMPT)

        # Written before these limits existed: plant it in the database under an ordinary event.
        self.assertEqual(self.req("PUT", CAL + "legacy.ics", ics_event("fifty"), Content_Type="text/calendar").status, 201)
        (object_id,) = rows(self.srv.data, "SELECT id FROM objects WHERE name = 'legacy.ics'")[0]
        text = FIFTY_RULES.replace("'", "''")
        execute(self.srv.data,
                f"UPDATE objects SET data = CAST('{text}' AS BLOB), covered_until = 0 WHERE id = {object_id};"
                f"DELETE FROM instances WHERE object_id = {object_id};",
                f"UPDATE objects SET data = convert_to('{text}', 'UTF8'), covered_until = 0 WHERE id = {object_id};"
                f"DELETE FROM instances WHERE object_id = {object_id};")

        with OtherClientWrites(self.srv) as writer:
            r, took = self.timed("REPORT", CAL, query("20260101T000000Z", "20260201T000000Z"), Depth="1")
            self.assertRefused(r, B, "too-complex", "FREQ=SECONDLY;COUNT=1000000", 'VEVENT "fifty"')
            self.assertLess(took, PROMPT)
            fb = (f'<?xml version="1.0"?><c:free-busy-query xmlns:c="{C}">'
                  f'<c:time-range start="20260101T000000Z" end="20260201T000000Z"/></c:free-busy-query>')
            r, took = self.timed("REPORT", CAL, fb, Depth="1")
            self.assertRefused(r, B, "too-complex", 'VEVENT "fifty"')
            self.assertLess(took, PROMPT)
            multiget = (f'<?xml version="1.0"?><c:calendar-multiget xmlns:d="{D}" xmlns:c="{C}"><d:prop>'
                        f'<c:calendar-data><c:expand start="20260101T000000Z" end="20260102T000000Z"/>'
                        f'</c:calendar-data></d:prop><d:href>{CAL}legacy.ics</d:href></c:calendar-multiget>')
            r, took = self.timed("REPORT", CAL, multiget, Depth="1")
            self.assertRefused(r, B, "too-complex", 'VEVENT "fifty"')
            self.assertLess(took, PROMPT)
        self.assertOthersWrote(writer)
        # Plain reads of it still work: it can be fetched and deleted.
        self.assertEqual(self.req("GET", CAL + "legacy.ics").status, 200)
        self.assertEqual(self.req("DELETE", CAL + "legacy.ics").status, 204)

    def test_real_recurrences_are_stored(self):
        for name, lines, start in [
                ("daily", ["RRULE:FREQ=DAILY;COUNT=3650"], "DTSTART:20260105T100000Z"),
                ("weekly", ["RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20301231T000000Z"], "DTSTART:20260105T180000Z"),
                ("birthday", ["RRULE:FREQ=YEARLY"], "DTSTART;VALUE=DATE:19000315")]:
            r = self.req("PUT", f"{CAL}{name}.ics", calendar(event(name, lines, start)), Content_Type="text/calendar")
            self.assertEqual(r.status, 201, (name, r))
        r = self.req("REPORT", CAL, query("20280301T000000Z", "20280401T000000Z"), Depth="1")
        self.assertEqual(r.status, 207, r)
        for name in ("daily", "weekly", "birthday"):
            self.assertIn(f"{CAL}{name}.ics".encode(), r.body)


if __name__ == "__main__":
    unittest.main()
