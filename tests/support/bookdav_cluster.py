"""Several `bookdav serve` processes on one database, for multi-process tests.

    db = shared_database()              # the fixture: a SQLite data directory today
    with Cluster(db, 3, users={"alice": "customer"}) as cluster:
        cluster.servers[0].request(...)   # each is a BookdavServer on its own loopback port
        cluster.kill(1)                   # kill -9

shared_database() gives a data directory the processes share: an SQLite database in it (WAL and BEGIN
IMMEDIATE work across processes), or, with BOOKDAV_TEST_ENGINE=postgres (CTest's postgres.* tests), the
URL of a fresh PostgreSQL schema kept in it (bookdav_server.storage_args), which every process opens.
"""
import os
import shutil
import signal
import tempfile
from concurrent.futures import ThreadPoolExecutor

from bookdav_server import BookdavServer, postgres_cluster, storage_args


class SharedDatabase:
    """Where the processes keep their data: `args` go on every bookdav command."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="bookdav-shared-")
        self.engine = "postgres" if postgres_cluster() else "sqlite"

    @property
    def args(self):
        return storage_args(self.dir)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def shared_database():
    return SharedDatabase()


class Cluster:
    def __init__(self, db, count, users=None, extra_args=()):
        self.db = db
        self.users = users or {}
        self.servers = []
        for i in range(count):
            srv = BookdavServer(users={}, extra_args=extra_args, data_dir=db.dir)
            srv.log_path = os.path.join(db.dir, f"server-{i}.log")
            self.servers.append(srv)

    def add_users(self, users):
        """`bookdav user add` for each (password = name), a few at a time (each pays for the slow hash)."""
        srv = self.servers[0]
        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(lambda item: srv.cli("user", "add", item[0], "--password", item[0], "--role", item[1]),
                          users.items()))

    def start(self):
        self.add_users(self.users)
        for srv in self.servers:
            srv.start()
        return self

    def cli(self, *args):
        return self.servers[0].cli(*args)

    def kill(self, i):
        """kill -9: no shutdown, no lease given up."""
        srv = self.servers[i]
        srv.proc.send_signal(signal.SIGKILL)
        srv.proc.wait()

    def log(self, i):
        with open(self.servers[i].log_path) as f:
            return f.read()

    def stop(self):
        codes = [srv.stop() for srv in self.servers]
        return codes

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        codes = self.stop()
        if exc[0] is None:
            bad = [c for c in codes if c not in (0, None, -signal.SIGKILL)]
            if bad:
                raise AssertionError(f"a bookdav process did not stop cleanly on SIGTERM: {codes}")
