"""Reads and writes a test server's database straight, on either engine: the SQLite file in its data
directory, or (BOOKDAV_TEST_ENGINE=postgres) the PostgreSQL schema whose URL storage_args() keeps there.

    rows(srv.data, "SELECT state, attempts FROM notifications")  ->  [("queued", 2)]

PostgreSQL is reached through psql (Debian's postgresql-client), so values come back as text; those that
are whole numbers are turned into ints, so callers compare the same values on both engines.
"""
import csv
import io
import os
import sqlite3
import subprocess

from bookdav_server import postgres_cluster, storage_args


def is_postgres():
    return postgres_cluster() is not None


def _url(data_dir):
    return storage_args(data_dir)[1]


def _value(text):
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return text


def rows(data_dir, sql):
    """The rows of one SELECT, as tuples."""
    if not is_postgres():
        con = sqlite3.connect(f"file:{os.path.join(data_dir, 'bookdav.db')}?mode=ro", uri=True, timeout=30)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()
    r = subprocess.run(["psql", "-X", "-q", "--csv", "-t", "-v", "ON_ERROR_STOP=1", _url(data_dir), "-c", sql],
                       capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError(f"psql failed on {sql!r}: {r.stderr}")
    return [tuple(_value(v) for v in row) for row in csv.reader(io.StringIO(r.stdout))]


def execute(data_dir, sqlite_sql, postgres_sql=None):
    """Runs statements in one transaction; `postgres_sql` when the engine's dialect differs."""
    if not is_postgres():
        con = sqlite3.connect(os.path.join(data_dir, "bookdav.db"), timeout=30)
        try:
            with con:
                con.executescript(sqlite_sql)
        finally:
            con.close()
        return
    r = subprocess.run(["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", _url(data_dir), "-c",
                        postgres_sql or sqlite_sql], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError(f"psql failed: {r.stderr}")
