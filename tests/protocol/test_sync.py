"""RFC 6578 sync-collection and calendar-multiget against the real binary: initial and incremental
sync, tombstones for deletions, invalid tokens, limits; multiget of present, missing and foreign hrefs."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import C, D, ServerTest, ics_event, responses  # noqa: E402

HOME = "/dav/calendars/alice/"


def sync_body(token="", props="<D:getetag/>", limit=None):
    lim = f"<D:limit><D:nresults>{limit}</D:nresults></D:limit>" if limit else ""
    return (f'<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            f"<D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>{lim}<D:prop>{props}</D:prop>"
            "</D:sync-collection>")


class Sync(ServerTest):
    def sync(self, cal, token="", **kw):
        r = self.req("REPORT", cal, sync_body(token, **kw), Depth="0")
        self.assertEqual(r.status, 207, r)
        root = r.xml()
        out = {}
        for resp in root.findall(f"{{{D}}}response"):
            href = resp.findtext(f"{{{D}}}href")
            st = resp.findtext(f"{{{D}}}status")
            if st:
                out[href] = int(st.split()[1])
            else:
                out[href] = resp.find(f".//{{{D}}}getetag").text
        return out, root.findtext(f"{{{D}}}sync-token")

    def test_initial_incremental_and_tombstones(self):
        cal = HOME + "sync1/"
        self.assertEqual(self.req("MKCALENDAR", cal).status, 201)
        for i in range(3):
            self.assertEqual(self.req("PUT", f"{cal}e{i}.ics", ics_event(f"s1-{i}"), Content_Type="text/calendar").status, 201)
        got, token = self.sync(cal)
        self.assertEqual(set(got), {f"{cal}e{i}.ics" for i in range(3)})
        # Nothing changed: empty answer, same token.
        got2, token2 = self.sync(cal, token)
        self.assertEqual(got2, {})
        self.assertEqual(token2, token)
        # One edit, one delete, one new.
        self.req("PUT", cal + "e0.ics", ics_event("s1-0", summary="edited"), Content_Type="text/calendar")
        self.req("DELETE", cal + "e1.ics")
        self.req("PUT", cal + "e3.ics", ics_event("s1-3"), Content_Type="text/calendar")
        got3, token3 = self.sync(cal, token)
        self.assertEqual(set(got3), {cal + "e0.ics", cal + "e1.ics", cal + "e3.ics"})
        self.assertEqual(got3[cal + "e1.ics"], 404)
        self.assertNotEqual(got3[cal + "e0.ics"], got[cal + "e0.ics"])
        self.assertNotEqual(token3, token)
        # sync-token property and getctag follow.
        found, _ = responses(self.srv.propfind(cal, ["d:sync-token", "cs:getctag"], "alice").body)
        self.assertEqual(found[cal][f"{{{D}}}sync-token"].text, token3)

    def test_invalid_tokens(self):
        cal = HOME + "calendar/"
        for bad in ["garbage", "urn:bookdav:sync:99999999", "http://other/token/1"]:
            r = self.req("REPORT", cal, sync_body(bad), Depth="0")
            self.assertEqual(r.status, 403, bad)
            self.assertIsNotNone(r.xml().find(f"{{{D}}}valid-sync-token"))
        # A token from before a calendar was re-created does not apply to the new one.
        cal2 = HOME + "recreated/"
        self.req("MKCALENDAR", cal2)
        self.req("PUT", cal2 + "a.ics", ics_event("rc-a"), Content_Type="text/calendar")
        _, old = self.sync(cal2)
        self.req("DELETE", cal2)
        self.req("MKCALENDAR", cal2)
        old_seq = int(old.rsplit(":", 1)[1])
        r = self.req("REPORT", cal2, sync_body(f"urn:bookdav:sync:{old_seq - 1}"), Depth="0")
        self.assertEqual(r.status, 403)

    def test_limit_truncates_with_507(self):
        cal = HOME + "limited/"
        self.req("MKCALENDAR", cal)
        _, token = self.sync(cal)
        for i in range(5):
            self.req("PUT", f"{cal}l{i}.ics", ics_event(f"lim-{i}"), Content_Type="text/calendar")
        got, t1 = self.sync(cal, token, limit=2)
        self.assertEqual(got.get(cal), 507)
        self.assertEqual(len([h for h in got if h != cal]), 2)
        got2, t2 = self.sync(cal, t1)
        self.assertEqual(len(got2), 3)

    def test_sync_with_calendar_data(self):
        cal = HOME + "withdata/"
        self.req("MKCALENDAR", cal)
        self.req("PUT", cal + "d.ics", ics_event("wd-1"), Content_Type="text/calendar")
        r = self.req("REPORT", cal, sync_body(props="<D:getetag/><C:calendar-data/>"), Depth="0")
        self.assertIn("UID:wd-1", r.xml().find(f".//{{{C}}}calendar-data").text)

    def test_multiget(self):
        cal = HOME + "mg/"
        self.req("MKCALENDAR", cal)
        for i in range(3):
            self.req("PUT", f"{cal}m{i}.ics", ics_event(f"mg-{i}"), Content_Type="text/calendar")
        hrefs = [f"{cal}m0.ics", f"{cal}m2.ics", f"{cal}missing.ics", "/dav/calendars/bob/calendar/x.ics"]
        body = ('<?xml version="1.0"?><C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                "<D:prop><D:getetag/><C:calendar-data/></D:prop>" + "".join(f"<D:href>{h}</D:href>" for h in hrefs)
                + "</C:calendar-multiget>")
        r = self.req("REPORT", cal, body, Depth="1")
        self.assertEqual(r.status, 207)
        root = r.xml()
        by = {resp.findtext(f"{{{D}}}href"): resp for resp in root.findall(f"{{{D}}}response")}
        self.assertIn("UID:mg-0", by[f"{cal}m0.ics"].find(f".//{{{C}}}calendar-data").text)
        self.assertIn("UID:mg-2", by[f"{cal}m2.ics"].find(f".//{{{C}}}calendar-data").text)
        self.assertIn("404", by[f"{cal}missing.ics"].findtext(f"{{{D}}}status"))
        self.assertIn("403", by["/dav/calendars/bob/calendar/x.ics"].findtext(f"{{{D}}}status"))


if __name__ == "__main__":
    unittest.main()
