"""WebDAV and CalDAV write semantics against the real binary: MKCALENDAR and extended MKCOL with
properties, atomic PROPPATCH, dead properties, conditional requests, COPY and MOVE."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import B, C, CS, D, ServerTest, ics_event, responses  # noqa: E402

ICAL = "http://apple.com/ns/ical/"
HOME = "/dav/calendars/alice/"
VTZ = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
       "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
       "END:VTIMEZONE\r\nEND:VCALENDAR\r\n")


def mkcalendar_body(props):
    return ('<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"'
            ' xmlns:A="http://apple.com/ns/ical/"><D:set><D:prop>' + props + "</D:prop></D:set></C:mkcalendar>")


class WebDav(ServerTest):
    def props(self, path, names, depth="0", user="alice"):
        r = self.srv.propfind(path, names, user, depth)
        self.assertEqual(r.status, 207, r)
        return responses(r.body)

    def test_mkcalendar_with_properties(self):
        body = mkcalendar_body(
            "<D:displayname>Work</D:displayname><C:calendar-description>Office hours</C:calendar-description>"
            "<A:calendar-color>#FF0000FF</A:calendar-color><A:calendar-order>3</A:calendar-order>"
            f"<C:calendar-timezone><![CDATA[{VTZ}]]></C:calendar-timezone>"
            '<C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>')
        r = self.req("MKCALENDAR", HOME + "work/", body)
        self.assertEqual(r.status, 201, r)
        found, _ = self.props(HOME + "work/", ["d:displayname", "c:calendar-description", "ical:calendar-color",
                                               "ical:calendar-order", "c:calendar-timezone",
                                               "c:supported-calendar-component-set", "d:resourcetype"])
        p = found[HOME + "work/"]
        self.assertEqual(p[f"{{{D}}}displayname"].text, "Work")
        self.assertEqual(p[f"{{{C}}}calendar-description"].text, "Office hours")
        self.assertEqual(p[f"{{{ICAL}}}calendar-color"].text, "#FF0000FF")
        self.assertEqual(p[f"{{{ICAL}}}calendar-order"].text, "3")
        self.assertIn("TZID:Europe/Berlin", p[f"{{{C}}}calendar-timezone"].text)
        self.assertEqual([c.get("name") for c in p[f"{{{C}}}supported-calendar-component-set"]], ["VEVENT"])
        self.assertIsNotNone(p[f"{{{D}}}resourcetype"].find(f"{{{C}}}calendar"))
        # A VTODO does not go into a VEVENT-only calendar.
        todo = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VTODO\r\nUID:t1\r\n"
                "DTSTAMP:20260101T000000Z\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
        r = self.req("PUT", HOME + "work/t1.ics", todo, Content_Type="text/calendar")
        self.assertEqual(r.status, 403)
        self.assertIsNotNone(r.xml().find(f"{{{C}}}supported-calendar-component"))
        self.assertEqual(self.req("GET", HOME + "work/t1.ics").status, 404)
        # Again at the same URL: 405 resource-must-be-null.
        r = self.req("MKCALENDAR", HOME + "work/")
        self.assertEqual(r.status, 405)

    def test_mkcalendar_refusals(self):
        self.assertEqual(self.req("MKCALENDAR", HOME + "nope/deeper/").status, 409)
        self.assertEqual(self.req("MKCALENDAR", HOME + "calendar/inner/").status, 403)
        r = self.req("MKCALENDAR", HOME + "badcomp/", mkcalendar_body(
            '<C:supported-calendar-component-set><C:comp name="VCARD"/></C:supported-calendar-component-set>'))
        self.assertEqual(r.status, 403)
        self.assertEqual(self.req("PROPFIND", HOME + "badcomp/", Depth="0").status, 404)

    def test_extended_mkcol_makes_calendar(self):
        body = ('<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><set><prop>'
                "<resourcetype><collection/><c:calendar/></resourcetype><displayname>Ext</displayname>"
                "</prop></set></mkcol>")
        self.assertEqual(self.req("MKCOL", HOME + "ext/", body).status, 201)
        found, _ = self.props(HOME + "ext/", ["d:resourcetype", "d:displayname"])
        self.assertIsNotNone(found[HOME + "ext/"][f"{{{D}}}resourcetype"].find(f"{{{C}}}calendar"))
        self.assertEqual(found[HOME + "ext/"][f"{{{D}}}displayname"].text, "Ext")

    def test_proppatch_is_all_or_nothing(self):
        self.assertEqual(self.req("MKCALENDAR", HOME + "atomic/").status, 201)
        body = ('<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:" xmlns:Z="urn:example:z"><D:set><D:prop>'
                "<D:displayname>Changed</D:displayname><Z:note>kept?</Z:note><D:getetag>\"x\"</D:getetag>"
                "</D:prop></D:set></D:propertyupdate>")
        r = self.req("PROPPATCH", HOME + "atomic/", body)
        self.assertEqual(r.status, 207)
        _, statuses = responses(r.body)
        self.assertEqual(statuses[HOME + "atomic/#{DAV:}getetag"], 403)
        self.assertEqual(statuses[HOME + "atomic/#{DAV:}displayname"], 424)
        self.assertEqual(statuses[HOME + "atomic/#{urn:example:z}note"], 424)
        found, statuses = self.props(HOME + "atomic/", ["d:displayname", "Z:note xmlns:Z='urn:example:z'"])
        self.assertNotIn(f"{{{D}}}displayname", found[HOME + "atomic/"])
        self.assertEqual(statuses.get(HOME + "atomic/#{urn:example:z}note"), 404)

    def test_dead_properties_any_namespace_and_remove(self):
        path = HOME + "calendar/"
        body = ('<?xml version="1.0"?><propertyupdate xmlns="DAV:"><set><prop>'
                '<x:author xmlns:x="http://example.com/ns"><x:name>Ann &amp; Bo</x:name></x:author>'
                '<C:calendar-description xmlns:C="urn:ietf:params:xml:ns:caldav">Mine</C:calendar-description>'
                "</prop></set></propertyupdate>")
        r = self.req("PROPPATCH", path, body)
        self.assertEqual(r.status, 207)
        _, statuses = responses(r.body)
        self.assertFalse(statuses, statuses)
        found, _ = self.props(path, ["q:author xmlns:q='http://example.com/ns'", "c:calendar-description"])
        author = found[path]["{http://example.com/ns}author"]
        self.assertEqual(author.findtext("{http://example.com/ns}name"), "Ann & Bo")
        self.assertEqual(found[path][f"{{{C}}}calendar-description"].text, "Mine")
        body = ('<?xml version="1.0"?><propertyupdate xmlns="DAV:"><remove><prop>'
                '<author xmlns="http://example.com/ns"/></prop></remove></propertyupdate>')
        self.assertEqual(self.req("PROPPATCH", path, body).status, 207)
        _, statuses = self.props(path, ["q:author xmlns:q='http://example.com/ns'"])
        self.assertEqual(statuses[path + "#{http://example.com/ns}author"], 404)

    def test_conditional_put_get_delete(self):
        path = HOME + "calendar/cond.ics"
        r = self.req("PUT", path, ics_event("cond"), Content_Type="text/calendar", If_None_Match="*")
        self.assertEqual(r.status, 201)
        r = self.req("PUT", path, ics_event("cond"), Content_Type="text/calendar", If_None_Match="*")
        self.assertEqual(r.status, 412)
        etag = self.req("GET", path).header("ETag")
        self.assertTrue(etag.startswith('"'))
        self.assertEqual(self.req("GET", path, If_None_Match=etag).status, 304)
        r = self.req("PUT", path, ics_event("cond", summary="v2"), Content_Type="text/calendar", If_Match='"nope"')
        self.assertEqual(r.status, 412)
        self.assertIn("SUMMARY:Event", self.req("GET", path).text)
        r = self.req("PUT", path, ics_event("cond", summary="v2"), Content_Type="text/calendar", If_Match=etag)
        self.assertEqual(r.status, 204)
        new = self.req("GET", path)
        self.assertIn("SUMMARY:v2", new.text)
        self.assertNotEqual(new.header("ETag"), etag)
        self.assertEqual(self.req("DELETE", path, If_Match=etag).status, 412)
        self.assertEqual(self.req("DELETE", path, If_Match=new.header("ETag")).status, 204)
        self.assertEqual(self.req("DELETE", path).status, 404)

    def test_copy_and_move_between_calendars(self):
        self.assertEqual(self.req("MKCALENDAR", HOME + "cm-a/").status, 201)
        self.assertEqual(self.req("MKCALENDAR", HOME + "cm-b/").status, 201)
        self.assertEqual(self.req("PUT", HOME + "cm-a/e.ics", ics_event("cm-e"), Content_Type="text/calendar").status, 201)
        r = self.req("COPY", HOME + "cm-a/e.ics", Destination=self.srv.url + HOME + "cm-b/e.ics")
        self.assertEqual(r.status, 201)
        r = self.req("COPY", HOME + "cm-a/e.ics", Destination=HOME + "cm-b/e.ics", Overwrite="F")
        self.assertEqual(r.status, 412)
        # A second copy of the same UID under another name is a UID conflict.
        r = self.req("COPY", HOME + "cm-a/e.ics", Destination=HOME + "cm-b/other.ics")
        self.assertEqual(r.status, 403)
        self.assertIsNotNone(r.xml().find(f"{{{C}}}no-uid-conflict"))
        r = self.req("MOVE", HOME + "cm-a/e.ics", Destination=HOME + "cm-a/moved.ics")
        self.assertEqual(r.status, 201)
        self.assertEqual(self.req("GET", HOME + "cm-a/e.ics").status, 404)
        self.assertIn("UID:cm-e", self.req("GET", HOME + "cm-a/moved.ics").text)
        r = self.req("MOVE", HOME + "cm-b/", Destination=HOME + "cm-c/")
        self.assertEqual(r.status, 201)
        self.assertIn("UID:cm-e", self.req("GET", HOME + "cm-c/e.ics").text)
        self.assertEqual(self.req("PROPFIND", HOME + "cm-b/", Depth="0").status, 404)
        self.assertEqual(self.req("DELETE", HOME + "cm-c/").status, 204)
        self.assertEqual(self.req("GET", HOME + "cm-c/e.ics").status, 404)

    def test_move_and_copy_honour_if_match_on_the_source(self):
        self.assertEqual(self.req("MKCALENDAR", HOME + "cm-if/").status, 201)
        path = HOME + "cm-if/e.ics"
        self.assertEqual(self.req("PUT", path, ics_event("cm-if-e"), Content_Type="text/calendar").status, 201)
        etag = self.req("GET", path).header("ETag")
        r = self.req("MOVE", path, Destination=HOME + "cm-if/m.ics", If_Match='"0000000000000000"')
        self.assertEqual(r.status, 412, r)
        self.assertEqual(self.req("GET", path).status, 200, "a refused MOVE moved nothing")
        self.assertEqual(self.req("GET", HOME + "cm-if/m.ics").status, 404)
        self.assertEqual(self.req("COPY", path, Destination=HOME + "cm-if/c.ics", If_None_Match="*").status, 412)
        self.assertEqual(self.req("MOVE", path, Destination=HOME + "cm-if/m.ics", If_Match=etag).status, 201)
        self.assertEqual(self.req("GET", HOME + "cm-if/m.ics").header("ETag"), etag)

    def test_propname_and_allprop(self):
        r = self.req("PROPFIND", HOME + "calendar/", '<?xml version="1.0"?><propfind xmlns="DAV:"><propname/></propfind>',
                     Depth="0")
        self.assertEqual(r.status, 207)
        found, _ = responses(r.body)
        names = set(found[HOME + "calendar/"])
        self.assertIn(f"{{{D}}}resourcetype", names)
        self.assertIn(f"{{{CS}}}getctag", names)
        for p in found[HOME + "calendar/"].values():
            self.assertEqual(len(p), 0, "propname returns empty elements")
        r = self.req("PROPFIND", HOME + "calendar/", "", Depth="0")
        self.assertEqual(r.status, 207)
        found, _ = responses(r.body)
        self.assertIn(f"{{{D}}}resourcetype", found[HOME + "calendar/"])

    def test_feed_url_via_cli_then_fetch_without_login(self):
        r = self.srv.cli("feed", "create", "--calendar", HOME + "calendar/")
        url = r.stdout.strip()
        path = url[url.index("/feeds/"):]
        self.req("PUT", HOME + "calendar/feed-e.ics", ics_event("feed-e"), Content_Type="text/calendar")
        g = self.srv.request("GET", path)
        self.assertEqual(g.status, 200)
        self.assertIn("UID:feed-e", g.text)
        self.assertEqual(self.srv.request("GET", path, headers={"If-None-Match": g.header("ETag")}).status, 304)
        self.req("PUT", HOME + "calendar/feed-f.ics", ics_event("feed-f"), Content_Type="text/calendar")
        self.assertEqual(self.srv.request("GET", path, headers={"If-None-Match": g.header("ETag")}).status, 200)
        # Only the token's digest is stored: PROPFIND tells that there is a feed, not its URL.
        found, _ = self.props(HOME + "calendar/", ["b:feed-url"])
        self.assertFalse(found[HOME + "calendar/"][f"{{{B}}}feed-url"].text)
        self.srv.cli("feed", "revoke", "--calendar", HOME + "calendar/")
        self.assertEqual(self.srv.request("GET", path).status, 404)
        self.assertEqual(self.srv.request("GET", "/feeds/nonsense.ics").status, 404)


if __name__ == "__main__":
    unittest.main()
