"""Hostile input is refused before it can hurt: XML nested deeper than 64 levels (the process used to
crash on 12,000), more than a body may hold, text that is not valid UTF-8 or holds characters XML and
iCalendar cannot carry (in bodies, paths and the headers bookdav reads), filters nested too deeply.
Each is refused with a DAV:error body, the server keeps serving, nothing is stored, and the answers
that show stored text stay well-formed."""
import os
import sys
import time
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import B, C, CS, D, ServerTest, ics_event, responses  # noqa: E402

HOME = "/dav/calendars/alice/"
CAL = HOME + "calendar/"


def nested(depth, open_tag, close_tag, inner=""):
    return open_tag * depth + inner + close_tag * depth


class HostileInput(ServerTest):
    USERS = {"alice": "customer"}

    def state(self):
        """ctag, members and dead properties of the calendar and the home's display name."""
        r = self.srv.propfind(CAL, ["cs:getctag", "d:getetag"], "alice", depth="1")
        found, _ = responses(r.body)
        home = self.req("PROPFIND", HOME, "<propfind xmlns='DAV:'><allprop/></propfind>", Depth="0")
        self.assertEqual(home.status, 207, home)
        ET.fromstring(home.body)  # well-formed
        cal = self.req("PROPFIND", CAL, "<propfind xmlns='DAV:'><allprop/></propfind>", Depth="0")
        return (found[CAL][f"{{{CS}}}getctag"].text, sorted(h for h in found if h != CAL), home.body, cal.body)

    def assertDavError(self, r, status, ns=None, name=None, says=None):
        self.assertEqual(r.status, status, r)
        root = r.xml()
        self.assertEqual(root.tag, f"{{{D}}}error")
        if name:
            self.assertIsNotNone(root.find(f"{{{ns}}}{name}"), r.body)
        message = root.findtext(f"{{{B}}}message")
        self.assertTrue(message, "a human sentence")
        if says:
            self.assertIn(says, message)
        return message

    def assertAlive(self):
        self.assertIsNone(self.srv.proc.poll(), "the server process died")
        self.assertEqual(self.req("PROPFIND", CAL, Depth="0").status, 207)

    def test_deeply_nested_dead_property_is_400_and_the_server_lives(self):
        before = self.state()
        body = ("<D:propertyupdate xmlns:D='DAV:' xmlns:Z='urn:z'><D:set><D:prop>"
                + nested(12000, "<Z:a>", "</Z:a>") + "</D:prop></D:set></D:propertyupdate>")
        for path in (CAL, HOME):
            self.assertDavError(self.req("PROPPATCH", path, body), 400, says="nested more than 64 deep")
        self.assertAlive()
        # The same through MKCALENDAR and extended MKCOL: nothing is made.
        mk = ("<C:mkcalendar xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:caldav'><D:set><D:prop>"
              + nested(12000, "<D:x>", "</D:x>") + "</D:prop></D:set></C:mkcalendar>")
        self.assertDavError(self.req("MKCALENDAR", HOME + "deep/", mk), 400, says="nested more than 64 deep")
        self.assertEqual(self.req("PROPFIND", HOME + "deep/", Depth="0").status, 404)
        self.assertEqual(self.state(), before)

    def test_deep_namespaced_propfind_is_refused_at_once(self):
        # 40,000 levels under a namespace declared at the root took 15 s of CPU to resolve.
        body = "<D:propfind xmlns:D='DAV:' xmlns:x='urn:x'><D:prop>" + nested(40000, "<x:a>", "</x:a>") + "</D:prop></D:propfind>"
        started = time.monotonic()
        self.assertDavError(self.req("PROPFIND", CAL, body, Depth="0"), 400, says="nested more than 64 deep")
        self.assertLess(time.monotonic() - started, 5, "refused without resolving 40,000 levels")
        # A dead property 50 levels deep is fine, stored and answered as it was sent.
        deep = nested(50, "<x:a>", "</x:a>", "bottom")
        ok = self.req("PROPPATCH", CAL, "<D:propertyupdate xmlns:D='DAV:' xmlns:x='urn:x'><D:set><D:prop>"
                      + deep + "</D:prop></D:set></D:propertyupdate>")
        self.assertEqual(ok.status, 207, ok)
        r = self.req("PROPFIND", CAL, "<D:propfind xmlns:D='DAV:' xmlns:x='urn:x'><D:prop><x:a/></D:prop></D:propfind>",
                     Depth="0")
        found, _ = responses(r.body)
        a = found[CAL]["{urn:x}a"]
        depth = 1
        while len(a):
            a, depth = a[0], depth + 1
        self.assertEqual((depth, a.text), (50, "bottom"))

    def test_too_many_elements_or_a_doctype_is_400(self):
        many = "<D:propfind xmlns:D='DAV:'><D:prop>" + "<D:getetag/>" * 100001 + "</D:prop></D:propfind>"
        self.assertDavError(self.req("PROPFIND", CAL, many, Depth="0"), 400, says="more than 100000 elements")
        doctype = "<!DOCTYPE x [<!ENTITY a 'aaaa'>]><D:propfind xmlns:D='DAV:'><D:allprop/></D:propfind>"
        self.assertDavError(self.req("PROPFIND", CAL, doctype, Depth="0"), 400, says="document type declarations")

    def test_a_request_names_at_most_256_properties(self):
        # Each name is answered for every member: 90,000 names in a 1 MB PROPFIND of a calendar of 50
        # events made a 105 MB answer.
        def names(n):
            return "".join(f"<x:p{i}/>" for i in range(n))
        for depth in ("0", "1"):
            r = self.req("PROPFIND", CAL, f"<D:propfind xmlns:D='DAV:' xmlns:x='urn:x'><D:prop>{names(257)}</D:prop></D:propfind>",
                         Depth=depth)
            self.assertDavError(r, 400, says="at most 256 properties")
        r = self.req("PROPFIND", CAL, f"<D:propfind xmlns:D='DAV:' xmlns:x='urn:x'><D:allprop/><D:include>{names(300)}"
                     "</D:include></D:propfind>", Depth="0")
        self.assertDavError(r, 400, says="at most 256 properties")
        query = ("<C:calendar-query xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:caldav' xmlns:x='urn:x'><D:prop>"
                 + names(300) + "</D:prop><C:filter><C:comp-filter name='VCALENDAR'/></C:filter></C:calendar-query>")
        self.assertDavError(self.req("REPORT", CAL, query, Depth="1"), 400, says="at most 256 properties")
        r = self.req("PROPFIND", CAL, f"<D:propfind xmlns:D='DAV:' xmlns:x='urn:x'><D:prop>{names(256)}</D:prop></D:propfind>",
                     Depth="0")
        self.assertEqual(r.status, 207, r)

    def test_invalid_utf8_displayname_is_400_and_the_home_stays_well_formed(self):
        before = self.state()
        for text in (b"bad\xff\xfename", b"nul\x00inside", b"bell\x07", b"\xef\xbf\xbe", b"ref&#0;", b"ref&#x1b;"):
            body = b"<propertyupdate xmlns='DAV:'><set><prop><displayname>" + text + b"</displayname></prop></set></propertyupdate>"
            for path in (HOME, CAL):
                self.assertDavError(self.req("PROPPATCH", path, body), 400)
            mk = b"<C:mkcalendar xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:caldav'><D:set><D:prop><D:displayname>" \
                 + text + b"</D:displayname></D:prop></D:set></C:mkcalendar>"
            self.assertDavError(self.req("MKCALENDAR", HOME + "bad/", mk), 400)
        self.assertEqual(self.req("PROPFIND", HOME + "bad/", Depth="0").status, 404)
        self.assertEqual(self.state(), before)
        # Valid text of any script, and tabs and line breaks, is stored as sent.
        name = "Peluquería 日本 \U0001F487\ttab"
        ok = self.req("PROPPATCH", CAL, f"<propertyupdate xmlns='DAV:'><set><prop><displayname>{name}</displayname>"
                      "</prop></set></propertyupdate>")
        self.assertEqual(ok.status, 207, ok)
        found, _ = responses(self.srv.propfind(CAL, ["d:displayname"], "alice").body)
        self.assertEqual(found[CAL][f"{{{D}}}displayname"].text, name)

    def test_deep_comp_filter_is_refused(self):
        def query(depth):
            return ("<C:calendar-query xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:caldav'><D:prop><D:getetag/></D:prop>"
                    "<C:filter>" + nested(depth, "<C:comp-filter name='VCALENDAR'>", "</C:comp-filter>") +
                    "</C:filter></C:calendar-query>")
        self.assertEqual(self.req("REPORT", CAL, query(3), Depth="1").status, 207)
        # Deeper than a filter can mean (at most 17 comp-filters): CALDAV:valid-filter.
        self.assertDavError(self.req("REPORT", CAL, query(40), Depth="1"), 403, C, "valid-filter", says="nested too deeply")
        started = time.monotonic()
        self.assertDavError(self.req("REPORT", CAL, query(10000), Depth="1"), 400, says="nested more than 64 deep")
        self.assertLess(time.monotonic() - started, 5)
        self.assertAlive()
    def test_icalendar_that_is_not_valid_text_is_valid_calendar_data(self):
        before = self.state()
        event = ics_event("text-check").encode()
        for bad in (b"bad\xff\xfe", b"nul\x00byte", b"bell\x07", b"esc\x1b[31m", b"del\x7f", b"\xef\xbf\xbf"):
            body = event.replace(b"SUMMARY:", b"SUMMARY:" + bad, 1)
            self.assertIn(b"SUMMARY:" + bad, body)
            summary_line = body[:body.index(b"SUMMARY:")].count(b"\n") + 1
            r = self.req("PUT", CAL + "text.ics", body, Content_Type="text/calendar")
            message = self.assertDavError(r, 403, C, "valid-calendar-data")
            self.assertIn(f"line {summary_line}:", message)
        self.assertEqual(self.req("GET", CAL + "text.ics").status, 404)
        self.assertEqual(self.state(), before)
        # A tab and text of any script are fine.
        ok = event.replace(b"SUMMARY:", "SUMMARY:tab\there Peluquería \U0001F487 ".encode(), 1)
        self.assertEqual(self.req("PUT", CAL + "text.ics", ok, Content_Type="text/calendar").status, 201)
        self.assertIn("Peluquería \U0001F487".encode(), self.req("GET", CAL + "text.ics").body)
        self.assertEqual(self.req("DELETE", CAL + "text.ics").status, 204)

    def test_paths_that_are_not_valid_text_are_400(self):
        before = self.state()
        for name in ("%FF.ics", "%C3.ics", "a%01b.ics", "tab%09.ics", "%EF%BF%BE.ics"):
            r = self.req("PUT", CAL + name, ics_event("path-" + name), Content_Type="text/calendar")
            self.assertDavError(r, 400, says="path")
            self.assertEqual(self.req("GET", CAL + name).status, 400)
        self.assertEqual(self.state(), before)
        # A COPY or MOVE whose Destination decodes to such a path, in a URL or as a path.
        self.assertEqual(self.req("PUT", CAL + "src.ics", ics_event("src"), Content_Type="text/calendar").status, 201)
        with_source = self.state()
        for destination in ("http://127.0.0.1/dav/calendars/alice/calendar/%FF.ics", CAL + "%00.ics", CAL + "x%0A.ics"):
            for method in ("COPY", "MOVE"):
                self.assertDavError(self.req(method, CAL + "src.ics", Destination=destination), 400)
        self.assertEqual(self.state(), with_source)
        self.assertEqual(self.req("DELETE", CAL + "src.ics").status, 204)
        ok = CAL + "Peluquer%C3%ADa%20%F0%9F%92%87.ics"
        self.assertEqual(self.req("PUT", ok, ics_event("path-ok"), Content_Type="text/calendar").status, 201)
        self.assertEqual(self.req("DELETE", ok).status, 204)

    def test_header_values_bookdav_reads_hold_no_control_characters(self):
        before = self.state()
        for header, value in (("Content-Type", b"text/calendar\x01"), ("Content-Type", b"text/calendar; x=\xc3("),
                              ("If-None-Match", b"*\x00"), ("If-Match", b'"\x1b"'), ("Depth", b"1\x7f")):
            # Authorization first: Poco's header reader stops at some control characters.
            r = self.srv.request("PUT", CAL + "header.ics", ics_event("header"),
                                 headers={"Authorization": self.srv.auth("alice"), "Content-Type": "text/calendar",
                                          header: value})
            self.assertDavError(r, 400, says=header)
        self.assertEqual(self.state(), before)
        # Headers bookdav does not read may carry what HTTP allows (obs-text), and a TAB is fine.
        r = self.srv.request("PUT", CAL + "header.ics", ics_event("header"), user="alice",
                             headers={"Content-Type": "text/calendar;\tcharset=utf-8", "User-Agent": b"caf\xe9"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(self.req("DELETE", CAL + "header.ics").status, 204)


if __name__ == "__main__":
    unittest.main()
