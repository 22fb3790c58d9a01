"""Discovery the way Apple Calendar and Thunderbird do it, against the real binary:
/ or /.well-known/caldav -> current-user-principal -> calendar-home-set -> Depth 1 on the home
-> getctag / sync-token -> getetag of the events."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import C, CS, D, ServerTest, ics_event, responses  # noqa: E402


class Discovery(ServerTest):
    def test_well_known_redirects_to_dav_root(self):
        r = self.srv.request("GET", "/.well-known/caldav")
        self.assertEqual(r.status, 301)
        self.assertEqual(r.header("Location"), "/dav/")
        r = self.srv.request("PROPFIND", "/.well-known/caldav", headers={"Depth": "0"})
        self.assertEqual(r.status, 301)

    def test_unauthenticated_propfind_asks_for_basic_auth(self):
        r = self.srv.request("PROPFIND", "/", headers={"Depth": "0"})
        self.assertEqual(r.status, 401)
        self.assertIn("Basic", r.header("WWW-Authenticate"))
        r = self.srv.request("PROPFIND", "/", user="alice", password="wrong", headers={"Depth": "0"})
        self.assertEqual(r.status, 401)

    def test_root_and_dav_answer_current_user_principal(self):
        for path in ("/", "/dav/"):
            r = self.srv.propfind(path, ["d:current-user-principal", "d:resourcetype"], "alice")
            self.assertEqual(r.status, 207, path)
            props, _ = responses(r.body)
            p = props[path]
            self.assertEqual(p[f"{{{D}}}current-user-principal"].findtext(f"{{{D}}}href"), "/dav/principals/alice/")

    def test_principal_properties(self):
        r = self.srv.propfind("/dav/principals/alice/", [
            "c:calendar-home-set", "c:calendar-user-address-set", "c:schedule-inbox-URL", "c:schedule-outbox-URL",
            "d:principal-URL", "d:displayname", "d:resourcetype", "d:current-user-principal"], "alice")
        self.assertEqual(r.status, 207)
        props, statuses = responses(r.body)
        p = props["/dav/principals/alice/"]
        self.assertEqual(p[f"{{{C}}}calendar-home-set"].findtext(f"{{{D}}}href"), "/dav/calendars/alice/")
        self.assertEqual(p[f"{{{C}}}schedule-inbox-URL"].findtext(f"{{{D}}}href"), "/dav/calendars/alice/inbox/")
        self.assertEqual(p[f"{{{C}}}schedule-outbox-URL"].findtext(f"{{{D}}}href"), "/dav/calendars/alice/outbox/")
        self.assertEqual(p[f"{{{D}}}principal-URL"].findtext(f"{{{D}}}href"), "/dav/principals/alice/")
        addresses = [h.text for h in p[f"{{{C}}}calendar-user-address-set"].findall(f"{{{D}}}href")]
        self.assertTrue(any(a.startswith("mailto:alice@") for a in addresses), addresses)
        self.assertIsNotNone(p[f"{{{D}}}resourcetype"].find(f"{{{D}}}principal"))
        self.assertEqual(p[f"{{{D}}}displayname"].text, "alice")

    def test_home_lists_default_calendar_with_ctag_and_sync_token(self):
        r = self.srv.propfind("/dav/calendars/alice/", [
            "d:resourcetype", "d:displayname", "cs:getctag", "d:sync-token", "c:supported-calendar-component-set",
            "d:current-user-privilege-set", "d:owner"], "alice", depth="1")
        self.assertEqual(r.status, 207)
        props, _ = responses(r.body)
        self.assertIn("/dav/calendars/alice/", props)
        cal = props["/dav/calendars/alice/calendar/"]
        self.assertIsNotNone(cal[f"{{{D}}}resourcetype"].find(f"{{{C}}}calendar"))
        self.assertEqual(cal[f"{{{D}}}displayname"].text, "Calendar")
        self.assertTrue(cal[f"{{{CS}}}getctag"].text)
        self.assertTrue(cal[f"{{{D}}}sync-token"].text.startswith("urn:bookdav:sync:"))
        comps = {c.get("name") for c in cal[f"{{{C}}}supported-calendar-component-set"]}
        self.assertIn("VEVENT", comps)
        privs = {p[0].tag for p in cal[f"{{{D}}}current-user-privilege-set"]}
        self.assertIn(f"{{{D}}}write", privs)
        self.assertEqual(cal[f"{{{D}}}owner"].findtext(f"{{{D}}}href"), "/dav/principals/alice/")
        self.assertIn("/dav/calendars/alice/inbox/", props)
        self.assertIn("/dav/calendars/alice/outbox/", props)

    def test_ctag_moves_and_etags_match_get(self):
        cal = "/dav/calendars/alice/calendar/"

        def ctag():
            props, _ = responses(self.srv.propfind(cal, ["cs:getctag"], "alice").body)
            return props[cal][f"{{{CS}}}getctag"].text

        before = ctag()
        r = self.srv.request("PUT", cal + "disc-1.ics", ics_event("disc-1"), user="alice",
                             headers={"Content-Type": "text/calendar", "If-None-Match": "*"})
        self.assertEqual(r.status, 201, r)
        after = ctag()
        self.assertNotEqual(before, after)
        r = self.srv.propfind(cal, ["d:getetag", "d:getcontenttype"], "alice", depth="1")
        props, _ = responses(r.body)
        etag = props[cal + "disc-1.ics"][f"{{{D}}}getetag"].text
        g = self.srv.request("GET", cal + "disc-1.ics", user="alice")
        self.assertEqual(g.status, 200)
        self.assertEqual(g.header("ETag"), etag)
        self.assertIn("text/calendar", g.header("Content-Type"))
        self.assertIn("UID:disc-1", g.text)
        self.assertEqual(self.srv.request("DELETE", cal + "disc-1.ics", user="alice").status, 204)
        self.assertNotEqual(ctag(), after)

    def test_options_advertises_calendar_access_without_locking(self):
        r = self.srv.request("OPTIONS", "/dav/calendars/alice/calendar/")
        self.assertEqual(r.status, 200)
        dav = [x.strip() for x in r.header("DAV").split(",")]
        self.assertIn("1", dav)
        self.assertIn("calendar-access", dav)
        self.assertNotIn("2", dav)
        self.assertIn("REPORT", r.header("Allow"))


if __name__ == "__main__":
    unittest.main()
