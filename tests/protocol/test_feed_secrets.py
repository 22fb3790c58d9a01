"""Feed tokens are secrets kept only as SHA-256 digests, against the real binary: `bookdav feed create`
prints the URL once and the feed answers without login; no file of the data directory holds the token;
PROPFIND tells that a feed exists without showing its URL; and a database from a release that stored
tokens in clear is upgraded in place so the URLs it handed out keep working."""
import os
import shutil
import sqlite3
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import B, BookdavServer, ics_event, responses  # noqa: E402

CAL = "/dav/calendars/alice/calendar/"


def files_holding(directory, secret):
    found = []
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                if secret.encode() in f.read():
                    found.append(name)
    return found


class FeedSecrets(unittest.TestCase):
    def test_tokens_are_stored_as_digests_and_old_urls_survive_the_upgrade(self):
        srv = BookdavServer(users={"alice": "customer"})
        srv.own_dir = False  # the data directory outlives this server: a second one upgrades it
        self.addCleanup(shutil.rmtree, srv.data, True)
        with srv:
            srv.request("MKCALENDAR", CAL, user="alice")
            self.assertEqual(srv.request("PUT", CAL + "e.ics", ics_event("feed-e"), user="alice",
                                         headers={"Content-Type": "text/calendar"}).status, 201)
            url = srv.cli("feed", "create", "--calendar", CAL).stdout.strip()
            token = url[url.index("/feeds/") + len("/feeds/"):-len(".ics")]
            got = srv.request("GET", f"/feeds/{token}.ics")
            self.assertEqual(got.status, 200)
            self.assertIn("UID:feed-e", got.text)
            found, _ = responses(srv.propfind(CAL, ["b:feed-url"], "alice").body)
            self.assertFalse(found[CAL][f"{{{B}}}feed-url"].text, "PROPFIND shows no URL")
            self.assertEqual(files_holding(srv.data, token), [], "no file holds the token")
        # Leave the database as a release before digests did: the token in clear, migration 5 undone.
        old_token = "OldReleaseToken0123456789abcdefX"
        db = sqlite3.connect(os.path.join(srv.data, "bookdav.db"))
        with db:
            db.execute("ALTER TABLE collections RENAME COLUMN feed_token_sha256 TO feed_token")
            db.execute("UPDATE collections SET feed_token = ? WHERE path = ?", (old_token, CAL))
            db.execute("DELETE FROM schema_migrations WHERE module = 'calendar' AND version = 5")
        db.close()
        self.assertEqual(files_holding(srv.data, old_token), ["bookdav.db"])
        with BookdavServer(users={}, data_dir=srv.data) as upgraded:
            got = upgraded.request("GET", f"/feeds/{old_token}.ics")
            self.assertEqual(got.status, 200, "a URL handed out before the upgrade keeps working")
            self.assertIn("UID:feed-e", got.text)
        self.assertEqual(files_holding(srv.data, old_token), [], "the upgrade leaves no token in clear")


if __name__ == "__main__":
    unittest.main()
