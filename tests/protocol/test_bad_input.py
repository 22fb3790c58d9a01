"""Bad input gets a clear error status with a DAV:error body and changes nothing: malformed XML,
malformed iCalendar, UID conflicts, oversized bodies, undeclared namespace prefixes."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import B, C, CS, D, ServerTest, ics_event, responses  # noqa: E402

CAL = "/dav/calendars/alice/calendar/"


class BadInput(ServerTest):
    USERS = {"alice": "customer"}
    EXTRA_ARGS = ["--max-resource-size", "20000"]

    def state(self):
        """ctag and member list of the calendar: a refused request must leave both as they were."""
        r = self.srv.propfind(CAL, ["cs:getctag", "d:getetag"], "alice", depth="1")
        found, _ = responses(r.body)
        return found[CAL][f"{{{CS}}}getctag"].text, sorted((h, p[f"{{{D}}}getetag"].text) for h, p in found.items() if h != CAL)

    def assertDavError(self, r, status, ns=None, name=None):
        self.assertEqual(r.status, status, r)
        root = r.xml()
        self.assertEqual(root.tag, f"{{{D}}}error")
        if name:
            self.assertIsNotNone(root.find(f"{{{ns}}}{name}"), r.body)
        self.assertTrue(root.findtext(f"{{{B}}}message"), "a human sentence")

    def test_malformed_xml_is_400(self):
        before = self.state()
        for method, body in [("PROPFIND", "<d:propfind xmlns:d='DAV:'><d:prop>"),
                             ("PROPFIND", "<x:propfind xmlns:x='DAV:'><y:prop/></x:propfind>"),
                             ("PROPFIND", "<propfind xmlns='DAV:'><prop><bar:foo xmlns:bar=''/></prop></propfind>"),
                             ("PROPPATCH", "not xml"),
                             ("PROPPATCH", "<propertyupdate xmlns='DAV:'><set><prop><x:y/></prop></set></propertyupdate>"),
                             ("REPORT", "<<>>"),
                             ("MKCALENDAR", "<C:mkcalendar xmlns:C='urn:ietf:params:xml:ns:caldav'>")]:
            path = CAL if method != "MKCALENDAR" else "/dav/calendars/alice/new-one/"
            r = self.req(method, path, body, Depth="0")
            self.assertDavError(r, 400)
        self.assertEqual(self.state(), before)
        self.assertEqual(self.req("PROPFIND", "/dav/calendars/alice/new-one/", Depth="0").status, 404)

    def test_wrong_root_element_is_400(self):
        r = self.req("PROPFIND", CAL, "<propertyupdate xmlns='DAV:'/>", Depth="0")
        self.assertDavError(r, 400)

    def test_malformed_icalendar_is_valid_calendar_data(self):
        before = self.state()
        for body in ["", "hello", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "\x00\x01\x02binary",
                     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"]:
            r = self.req("PUT", CAL + "bad.ics", body, Content_Type="text/calendar")
            self.assertEqual(r.status, 403, (body, r))
            root = r.xml()
            self.assertTrue(root.find(f"{{{C}}}valid-calendar-data") is not None or
                            root.find(f"{{{C}}}valid-calendar-object-resource") is not None, r.body)
        self.assertEqual(self.state(), before)
        self.assertEqual(self.req("GET", CAL + "bad.ics").status, 404)

    def test_uid_conflict_names_the_existing_resource(self):
        self.assertEqual(self.req("PUT", CAL + "first.ics", ics_event("same-uid"), Content_Type="text/calendar").status, 201)
        before = self.state()
        r = self.req("PUT", CAL + "second.ics", ics_event("same-uid"), Content_Type="text/calendar")
        self.assertDavError(r, 403, C, "no-uid-conflict")
        self.assertEqual(r.xml().find(f"{{{C}}}no-uid-conflict").findtext(f"{{{D}}}href"), CAL + "first.ics")
        self.assertEqual(self.state(), before)

    def test_oversized_body_is_413_max_resource_size(self):
        before = self.state()
        big = ics_event("big", extra="DESCRIPTION:" + "x" * 30000 + "\r\n")
        r = self.req("PUT", CAL + "big.ics", big, Content_Type="text/calendar")
        self.assertDavError(r, 413, C, "max-resource-size")
        self.assertEqual(self.state(), before)
        # Beyond the transport limit (twice the resource limit here, at least 32 MB) the server stops reading.
        r = self.req("PUT", CAL + "huge.ics", "x" * (33 * 1024 * 1024), Content_Type="text/calendar")
        self.assertEqual(r.status, 413)
        self.assertEqual(self.state(), before)

    def test_non_calendar_content_type_is_refused(self):
        r = self.req("PUT", CAL + "json.ics", '{"a": 1}', Content_Type="application/json")
        self.assertDavError(r, 403, C, "supported-calendar-data")

    def test_unknown_report_and_method(self):
        r = self.req("REPORT", CAL, "<x:nonsense xmlns:x='urn:x'/>", Depth="0")
        self.assertDavError(r, 403, D, "supported-report")
        r = self.req("BREW", CAL)
        self.assertEqual(r.status, 501)
        r = self.req("LOCK", CAL)
        self.assertEqual(r.status, 405)

    def test_bad_depth_and_destination(self):
        self.assertEqual(self.req("PROPFIND", CAL, Depth="2").status, 400)
        self.assertDavError(self.req("PROPFIND", CAL, Depth="infinity"), 403, D, "propfind-finite-depth")
        self.assertEqual(self.req("COPY", CAL).status, 400)
        self.assertEqual(self.req("MOVE", CAL, Destination="relative/path").status, 400)

    def test_bad_percent_encoding_is_400(self):
        self.assertEqual(self.req("GET", "/dav/calendars/alice/%zz/").status, 400)
        self.assertEqual(self.req("GET", "/dav/calendars/alice/%00/").status, 400)


if __name__ == "__main__":
    unittest.main()
