"""Only valid text is stored (UTF-8 without NUL or the control characters XML and iCalendar cannot
carry), and text stored before bookdav checked it cannot break an answer: JSON strings with \\u0000 are
refused naming the field, and a note, a display name and a dead property written into the database
file by hand (as an older bookdav could have stored them) come back repaired in JSON, CalDAV XML and
iCalendar answers, never as ill-formed documents or a 500."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_api import EXAMPLES, ApiServer, BusinessTest, at, build_business, utc  # noqa: E402
from bookdav_server import D, binary, responses  # noqa: E402

BOOKINGS = "/dav/calendars/alice/bookings/"
QUERY = ("<C:calendar-query xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:caldav'><D:prop><D:getetag/>"
         "<C:calendar-data/></D:prop><C:filter><C:comp-filter name='VCALENDAR'/></C:filter></C:calendar-query>")
REPLACEMENT = "\ufffd"


def calendar_answers_are_well_formed(test, srv, user="alice"):
    """bookings/ as PROPFIND, calendar-query and GET: 207, 207 and 200, each well-formed."""
    r = srv.request("PROPFIND", BOOKINGS, None, user=user, headers={"Depth": "1"})
    test.assertEqual(r.status, 207, r)
    ET.fromstring(r.body)
    r = srv.request("REPORT", BOOKINGS, QUERY, user=user, headers={"Depth": "1"})
    test.assertEqual(r.status, 207, r)
    datas = [e.text for e in ET.fromstring(r.body).iter("{urn:ietf:params:xml:ns:caldav}calendar-data")]
    r = srv.request("GET", BOOKINGS, user=user)
    test.assertEqual(r.status, 200, r)
    return datas, r.body.decode("utf-8")


class ValidText(BusinessTest):
    def test_json_strings_with_control_characters_are_refused_naming_the_field(self):
        for note in ("a\u0000b", "bell\u0007", "esc\u001b[31m", "\uffff"):
            r = self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(2, 11)), "note": note}, user="alice")
            self.assertError(r, 400, "invalid-request", "note")
        r = self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(2, 11)),
                                           "contact": {"name": "Al\u0000ice"}}, user="alice")
        self.assertError(r, 400, "invalid-request", "contact.name")
        self.assertEqual(self.api("GET", "/bookings", user="alice").json["bookings"], [], "nothing was stored")
        # Names are one line; notes may hold line breaks and tabs.
        r = self.api("PUT", "/resources/dan", {"id": "dan", "kind": "staff", "name": "Dan\nTwo lines",
                                               "timezone": "UTC"})
        self.assertError(r, 400, "invalid-request", "name")
        r = self.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(2, 11)),
                                           "note": "line 1\nline 2\ttabbed"}, user="alice")
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["note"], "line 1\nline 2\ttabbed")
        datas, ics = calendar_answers_are_well_formed(self, self.srv)
        self.assertIn("line 1\\nline 2\ttabbed", "".join(datas).replace("\r\n ", ""))

    def test_query_parameters_are_valid_text(self):
        for query in ("customer=%FF", "serviceId=a%00b", "status=%0A", "%C3=1"):
            r = self.srv.request("GET", "/api/v1/bookings?" + query, user="admin")
            self.assertEqual(r.status, 400, (query, r))
            self.assertEqual(json.loads(r.body)["error"]["code"], "invalid-request")
        self.assertEqual(self.api("GET", "/bookings?customer=alice").status, 200)

    def test_too_many_fields_and_deep_nesting_are_refused_quickly(self):
        # 90,000 fields in one object took 14 s of CPU before the parse stopped at 1,001.
        body = "{" + ",".join(f'"k{i}":1' for i in range(90000)) + "}"
        started = time.monotonic()
        r = self.api("POST", "/bookings", raw=body, user="alice")
        self.assertError(r, 400, "invalid-request")
        self.assertIn("more than 1000 fields", r.error["message"])
        for deep in ("[" * 100000, '{"a":' * 100000 + "1" + "}" * 100000):
            self.assertError(self.api("POST", "/bookings", raw=deep, user="alice"), 400, "invalid-request")
        self.assertLess(time.monotonic() - started, 5, "refused without reading it all")
        self.assertEqual(self.api("GET", "/services", user="alice").status, 200, "still serving")


class CommandLineText(unittest.TestCase):
    def test_names_addresses_and_paths_must_be_one_line_of_utf8(self):
        srv = ApiServer(users={})
        try:
            def run(*args):
                return subprocess.run([binary(), *args, "--data", srv.data], capture_output=True, timeout=60)
            for option, value in (("--name", b"Al\x01ice"), ("--email", b"a\xffb@example.com"),
                                  ("--name", b"two\nlines"), ("--password", b"p\x1bw")):
                r = run(b"user", b"add", b"zoe", b"--password", b"zoe", option.encode(), value)
                self.assertEqual(r.returncode, 2, r)
                self.assertIn(option.encode() + b" ", r.stderr)
            self.assertNotIn(b"zoe", run("user", "list").stdout, "nothing was stored")
            r = run(b"export", b"--calendar", b"/dav/calendars/zoe/\x01/")
            self.assertEqual(r.returncode, 2, r)
            # Business files: the JSON path of the bad string, and nothing is loaded.
            business = os.path.join(srv.data, "business.json")
            with open(business, "w") as f:
                json.dump({"name": "Salon", "timezone": "UTC",
                           "resources": [{"id": "ana", "kind": "staff", "name": "Ana\u0000"}]}, f)
            r = run("load", business)
            self.assertEqual(r.returncode, 1, r)
            self.assertIn(b"resources[0].name", r.stderr)
            self.assertEqual(run("load", os.path.join(EXAMPLES, "hair-salon.json")).returncode, 0)
            self.assertEqual(run("user", "add", "zoe", "--password", "zoe", "--name", "Zoë Ödön").returncode, 0)
            self.assertIn("Zoë Ödön", run("user", "list").stdout.decode())
        finally:
            shutil.rmtree(srv.data, ignore_errors=True)


class TextStoredBeforeTheChecks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = tempfile.mkdtemp(prefix="bookdav-test-")
        srv = ApiServer(data_dir=cls.data).start()
        try:
            build_business(srv)
            r = srv.api("POST", "/bookings", {"serviceId": "cut", "start": utc(at(2, 11)), "note": "legacy"},
                        user="alice")
            assert r.status == 201, r
            cls.booking = r.json["id"]
            r = srv.request("PUT", "/dav/calendars/alice/calendar/old.ics",
                            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:old\r\n"
                            "DTSTAMP:20260101T000000Z\r\nDTSTART:20260101T100000Z\r\nSUMMARY:FORMFEED\r\n"
                            "END:VEVENT\r\nEND:VCALENDAR\r\n", user="alice", headers={"Content-Type": "text/calendar"})
            assert r.status == 201, r
            r = srv.request("PROPPATCH", "/dav/calendars/alice/calendar/",
                            "<propertyupdate xmlns='DAV:' xmlns:x='urn:x'><set><prop><x:dead>old</x:dead>"
                            "</prop></set></propertyupdate>", user="alice")
            assert r.status == 207, r
        finally:
            srv.stop()
        db = sqlite3.connect(os.path.join(cls.data, "bookdav.db"))
        with db:
            db.execute("UPDATE booking_bookings SET note = CAST(x'6100620762ff0a63' AS TEXT) WHERE id = ?",
                       (cls.booking,))
            db.execute("UPDATE collections SET display_name = CAST(x'6261640aff0700' AS TEXT) "
                       "WHERE path = '/dav/calendars/alice/calendar/'")
            # A form feed, which bookdav accepted in iCalendar text until it checked for control characters.
            db.execute("UPDATE objects SET data = CAST(replace(CAST(data AS TEXT), 'FORMFEED', 'form' || char(12) || 'feed') AS BLOB) "
                       "WHERE name = 'old.ics'")
            db.execute("UPDATE dead_properties SET xml = CAST(x'3c783a6465616420786d6c6e733a783d2275726e3a78223eff013c2f783a646561643e' AS TEXT)")
        db.close()
        cls.srv = ApiServer(users={}, data_dir=cls.data).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        shutil.rmtree(cls.data, ignore_errors=True)

    def test_json_answers_repair_it(self):
        r = self.srv.api("GET", f"/bookings/{self.booking}", user="alice")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["note"], "a\u0000b\u0007b" + REPLACEMENT + "\nc")
        self.assertEqual(self.srv.api("GET", "/bookings", user="alice").status, 200)

    def test_caldav_answers_stay_well_formed(self):
        datas, ics = calendar_answers_are_well_formed(self, self.srv)
        self.assertEqual(len(datas), 1)
        self.assertIn("a" + REPLACEMENT + "b" + REPLACEMENT + "b" + REPLACEMENT + "\\nc", datas[0].replace("\r\n ", ""))
        self.assertNotIn("\x00", ics)
        r = self.srv.request("PROPFIND", "/dav/calendars/alice/", "<propfind xmlns='DAV:'><allprop/></propfind>",
                             user="alice", headers={"Depth": "1"})
        self.assertEqual(r.status, 207, r)
        found, _ = responses(r.body)
        cal = found["/dav/calendars/alice/calendar/"]
        self.assertEqual(cal[f"{{{D}}}displayname"].text, "bad\n" + REPLACEMENT * 3)
        self.assertEqual(cal["{urn:x}dead"].text, REPLACEMENT * 2)
        # The stored object: as stored on GET of itself, repaired in the calendar's document and in REPORT.
        self.assertIn(b"form\x0cfeed", self.srv.request("GET", "/dav/calendars/alice/calendar/old.ics", user="alice").body)
        r = self.srv.request("GET", "/dav/calendars/alice/calendar/", user="alice")
        self.assertEqual(r.status, 200, r)
        self.assertIn("SUMMARY:form" + REPLACEMENT + "feed", r.body.decode("utf-8"))
        r = self.srv.request("REPORT", "/dav/calendars/alice/calendar/", QUERY, user="alice", headers={"Depth": "1"})
        self.assertEqual(r.status, 207, r)
        self.assertIn("form" + REPLACEMENT + "feed", ET.fromstring(r.body).find(".//{urn:ietf:params:xml:ns:caldav}calendar-data").text)


if __name__ == "__main__":
    unittest.main()
