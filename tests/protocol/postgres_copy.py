"""`bookdav copy --from DIR --to postgresql://...` on a real PostgreSQL (CTest's throw-away cluster; not
named test_*.py, so that only the postgres-fixture test runs it): every table's rows arrive, calendar
data byte for byte, the identity counters go on after the source's, and a second copy is refused."""
import hashlib
import os
import sqlite3
import subprocess
import sys
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer, ics_event  # noqa: E402
from test_business import TestBusiness, booking_event  # noqa: E402
from test_copy import copy  # noqa: E402


def postgres_cluster():
    url = os.environ.get("BOOKDAV_TEST_POSTGRES")
    if not url and os.environ.get("BOOKDAV_TEST_POSTGRES_URL_FILE"):
        with open(os.environ["BOOKDAV_TEST_POSTGRES_URL_FILE"]) as f:
            url = f.read().strip()
    return url


def psql(url, sql):
    return subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True,
                          capture_output=True, text=True, timeout=60).stdout


class CopyToPostgres(unittest.TestCase):
    """SQLite -> PostgreSQL (CTest runs this with its throw-away cluster): every table's rows arrive, the
    identity counters go on after the source's, and a second copy is refused."""

    def test_every_row_arrives_and_a_second_copy_is_refused(self):
        cluster = postgres_cluster()
        self.assertTrue(cluster, "no PostgreSQL cluster: CTest's postgres fixture or BOOKDAV_TEST_POSTGRES gives one")
        schema = "copy" + uuid.uuid4().hex
        psql(cluster, f"CREATE SCHEMA {schema}")
        url = f"{cluster}{'&' if '?' in cluster else '?'}options=-csearch_path%3D{schema}"
        biz = TestBusiness()
        with BookdavServer(users={"alice": "customer", "admin": "admin"}) as srv:
            biz.load(srv)
            cal = "/dav/calendars/alice/calendar/"
            for i in range(3):
                srv.request("PUT", f"{cal}e{i}.ics", ics_event(f"c-{i}"), user="alice",
                            headers={"Content-Type": "text/calendar"})
            srv.request("DELETE", f"{cal}e0.ics", user="alice")
            r = srv.request("PUT", "/dav/calendars/alice/service-cut/b.ics", booking_event("b-1", biz.cut_slot),
                            user="alice", headers={"Content-Type": "text/calendar"})
            self.assertEqual(r.status, 201, r)
            srv.stop()
            done = copy(srv.data, url)
            self.assertEqual(done.returncode, 0, done.stderr)
            db = sqlite3.connect(os.path.join(srv.data, "bookdav.db"))
            tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                               " AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'")]
            self.assertGreater(len(tables), 20)
            for t in tables:
                want = db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                self.assertEqual(int(psql(url, f'SELECT count(*) FROM "{t}"')), want, t)
            changes = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").fetchone()[0]
            self.assertEqual(int(psql(url, "SELECT last_value FROM changes_seq_seq")), changes)
            # The calendar objects arrive byte for byte.
            digests = [hashlib.md5(bytes(d) if not isinstance(d, str) else d.encode()).hexdigest()
                       for (d,) in db.execute("SELECT data FROM objects ORDER BY id")]
            self.assertEqual(psql(url, "SELECT md5(data) FROM objects ORDER BY id").split(), digests)
            self.assertGreater(len(digests), 0)
            again = copy(srv.data, url)
            self.assertEqual(again.returncode, 1, again.stderr)
            self.assertIn("not empty", again.stderr)


if __name__ == "__main__":
    unittest.main()
