"""`bookdav copy --from DIR --to ...` moves a whole business: a server on the copy answers PROPFIND,
sync-collection (initial and from a token handed out before the copy) and the JSON API exactly as the
original did, and goes on counting sync tokens and ids after the source's; a second copy into the
now non-empty target is refused and changes nothing. The source is an SQLite data directory; the
target is another one, or (BOOKDAV_TEST_ENGINE=postgres) a fresh PostgreSQL schema, so the answers
of a server on PostgreSQL are compared with those of the original on SQLite."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import D, BookdavServer, binary, ics_event, storage_args  # noqa: E402
from test_business import TestBusiness, booking_event  # noqa: E402


def sync_body(token=""):
    return ('<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>' + token +
            "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>")


def copy(source, target):
    return subprocess.run([binary(), "copy", "--from", source, "--to", target], capture_output=True, text=True,
                          timeout=120)


class Copy(unittest.TestCase):
    def answers(self, srv, token):
        """What a client sees: (status, body) of a fixed set of requests."""
        cal = "/dav/calendars/alice/calendar/"
        out = []
        for method, path, body, user, headers in [
            ("PROPFIND", "/dav/calendars/alice/", '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" '
             'xmlns:cs="http://calendarserver.org/ns/"><d:prop><d:getetag/><d:sync-token/><cs:getctag/>'
             "<d:displayname/></d:prop></d:propfind>", "alice", {"Depth": "1"}),
            ("REPORT", cal, sync_body(), "alice", {"Depth": "0"}),
            ("REPORT", cal, sync_body(token), "alice", {"Depth": "0"}),
            ("REPORT", "/dav/calendars/alice/service-cut/", sync_body(), "alice", {"Depth": "0"}),
            ("GET", "/api/v1/bookings", None, "admin", {}),
            ("GET", "/api/v1/services", None, "admin", {}),
            ("GET", cal + "e1.ics", None, "alice", {}),
        ]:
            r = srv.request(method, path, body, user=user, headers=headers)
            out.append((method, path, r.status, r.body))
        return out

    def test_a_copied_business_answers_as_the_original(self):
        biz = TestBusiness()
        target = tempfile.mkdtemp(prefix="bookdav-copy-")
        self.addCleanup(shutil.rmtree, target, True)
        target_engine = os.environ.get("BOOKDAV_TEST_ENGINE")
        os.environ["BOOKDAV_TEST_ENGINE"] = "sqlite"  # copy reads an SQLite data directory

        def use_target_engine():
            if target_engine is None:
                os.environ.pop("BOOKDAV_TEST_ENGINE", None)
            else:
                os.environ["BOOKDAV_TEST_ENGINE"] = target_engine
        self.addCleanup(use_target_engine)
        with BookdavServer(users={"alice": "customer", "admin": "admin"}) as srv:
            biz.load(srv)
            cal = "/dav/calendars/alice/calendar/"
            for i in range(3):
                self.assertEqual(srv.request("PUT", f"{cal}e{i}.ics", ics_event(f"c-{i}"), user="alice",
                                             headers={"Content-Type": "text/calendar"}).status, 201)
            r = srv.request("REPORT", cal, sync_body(), user="alice", headers={"Depth": "0"})
            token = r.xml().findtext(f"{{{D}}}sync-token")
            srv.request("DELETE", f"{cal}e0.ics", user="alice")  # a tombstone after the token
            r = srv.request("PUT", "/dav/calendars/alice/service-cut/b.ics", booking_event("b-1", biz.cut_slot),
                            user="alice", headers={"Content-Type": "text/calendar"})
            self.assertEqual(r.status, 201, r)
            before = self.answers(srv, token)
            srv.stop()
            use_target_engine()
            location = storage_args(target)[1]  # the directory, or the PostgreSQL URL kept in it

            done = copy(srv.data, location)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("copied", done.stdout)
            self.assertIn("bookdav: copy: booking_bookings: 1 rows", done.stderr)  # plain lines: not a terminal

            with BookdavServer(users={}, data_dir=target) as copied:
                after = self.answers(copied, token)
                for b, a in zip(before, after):
                    self.assertEqual(b, a)
                # The copy goes on after the source: a new change gets a new token and a new id.
                self.assertEqual(copied.request("PUT", f"{cal}e9.ics", ics_event("c-9"), user="alice",
                                                headers={"Content-Type": "text/calendar"}).status, 201)
                r = copied.request("REPORT", cal, sync_body(token), user="alice", headers={"Depth": "0"})
                changed = {x.findtext(f"{{{D}}}href") for x in r.xml().findall(f"{{{D}}}response")}
                self.assertEqual(changed, {f"{cal}e0.ics", f"{cal}e9.ics"})
                tokens = {a[3] for a in after}
                self.assertNotIn(r.xml().findtext(f"{{{D}}}sync-token").encode(), tokens)
                old_ids = {b["id"] for b in json.loads(after[4][3])["bookings"]}
                r = copied.request("POST", "/api/v1/bookings", json.dumps(
                    {"serviceId": "cut", "start": biz.cut_slot.replace(hour=14).strftime("%Y-%m-%dT%H:%M:%SZ")}),
                    user="alice", headers={"Content-Type": "application/json"})
                self.assertEqual(r.status, 201, r)
                self.assertGreater(json.loads(r.body)["id"], max(old_ids))
                after_change = self.answers(copied, token)

            # Into a database that holds a business: refused, and nothing changed.
            again = copy(srv.data, location)
            self.assertEqual(again.returncode, 1, again.stdout + again.stderr)
            self.assertIn("not empty", again.stderr)
            self.assertIn("nothing was copied", again.stderr)
            with BookdavServer(users={}, data_dir=target) as copied:
                self.assertEqual(self.answers(copied, token), after_change)


if __name__ == "__main__":
    unittest.main()
