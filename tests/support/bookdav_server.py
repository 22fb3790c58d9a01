"""Starts the real bookdav binary on a free loopback port with a fresh data directory, for tests.

    with BookdavServer(users={"alice": "customer"}) as srv:
        srv.request("PROPFIND", "/dav/", user="alice", headers={"Depth": "0"})

Every user's password is their name unless `passwords` says otherwise. The binary comes from
$BOOKDAV_BIN (set by CTest) or build/bookdav.

With BOOKDAV_TEST_ENGINE=postgres (CTest's `postgres` label) each server gets a fresh schema on the
PostgreSQL cluster named by BOOKDAV_TEST_POSTGRES (a URL) or BOOKDAV_TEST_POSTGRES_URL_FILE and runs with
--database; the data directory then holds the server's log and the URL (a server restarted on the same
directory finds the same database).
"""
import atexit
import base64
import http.client
import os
import resource
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import unittest
import uuid
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
D = "DAV:"
C = "urn:ietf:params:xml:ns:caldav"
CS = "http://calendarserver.org/ns/"
B = "urn:bookdav:"
NS = {"d": D, "c": C, "cs": CS, "b": B, "ical": "http://apple.com/ns/ical/"}


def binary():
    return os.environ.get("BOOKDAV_BIN") or os.path.join(ROOT, "build", "bookdav")


def postgres_cluster():
    """The cluster's URL when the suite runs on PostgreSQL, else None."""
    if os.environ.get("BOOKDAV_TEST_ENGINE") != "postgres":
        return None
    url = os.environ.get("BOOKDAV_TEST_POSTGRES")
    if not url:
        with open(os.environ["BOOKDAV_TEST_POSTGRES_URL_FILE"]) as f:
            url = f.read().strip()
    return url


def fresh_postgres_database(cluster):
    """A URL on the cluster whose search_path is a new, empty schema: a database of its own."""
    schema = "p" + uuid.uuid4().hex
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", cluster, "-c", f"CREATE SCHEMA {schema}"],
                   check=True, capture_output=True, timeout=60)
    return f"{cluster}{'&' if '?' in cluster else '?'}options=-csearch_path%3D{schema}"


def storage_args(data_dir):
    """--data DIR, or --database URL when the suite runs on PostgreSQL (the URL kept in DIR)."""
    cluster = postgres_cluster()
    if not cluster:
        return ["--data", data_dir]
    os.makedirs(data_dir, exist_ok=True)
    path = os.path.join(data_dir, "database-url")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write(fresh_postgres_database(cluster))
    with open(path) as f:
        return ["--database", f.read().strip()]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def text(self):
        return self.body.decode("utf-8")

    def xml(self):
        return ET.fromstring(self.body)

    def __repr__(self):
        return f"<Response {self.status} {self.body[:300]!r}>"


class BookdavServer:
    def __init__(self, users=None, passwords=None, demo=False, extra_args=(), data_dir=None, open_files=None):
        self.users = users if users is not None else {"alice": "customer", "bob": "customer"}
        self.passwords = passwords or {}
        self.demo = demo
        self.extra_args = list(extra_args)
        self.own_dir = data_dir is None
        self.data = data_dir or tempfile.mkdtemp(prefix="bookdav-test-")
        self.port = None
        self.proc = None
        self.log_path = os.path.join(self.data, "server.log")
        self.open_files = open_files  # RLIMIT_NOFILE (soft and hard) of the server process

    # -- lifecycle --
    def cli(self, *args, check=True):
        r = subprocess.run([binary(), *args, *storage_args(self.data)], capture_output=True, text=True, timeout=60)
        if check and r.returncode != 0:
            raise RuntimeError(f"bookdav {' '.join(args)} failed: {r.stdout}{r.stderr}")
        return r

    def start(self):
        for name, role in self.users.items():
            self.cli("user", "add", name, "--password", self.passwords.get(name, name), "--role", role)
        # A free port can be taken before the server binds it (by another test's server, or as the
        # source port of one of the thousands of connections a storm test opens): then try another.
        for attempt in range(5):
            if self._launch():
                return self
        raise RuntimeError("bookdav found no free port in 5 attempts:\n" + open(self.log_path).read())

    def _launch(self):
        self.port = free_port()
        args = [binary(), "serve", "--listen", f"127.0.0.1:{self.port}", *storage_args(self.data), *self.extra_args]
        if self.demo:
            args.append("--demo")
        self.log = open(self.log_path, "w")
        limit = self.open_files
        preexec = (lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))) if limit else None
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=preexec)
        # A test class whose setUpClass fails after this never reaches tearDownClass: the server
        # must not outlive the test process all the same.
        atexit.register(self.stop)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.log.close()
                log = open(self.log_path).read()
                if "Address already in use" in log:
                    return False
                raise RuntimeError("bookdav exited at start:\n" + log)
            # Its own line says it listens: a connection alone could reach another test's server
            # that holds the port this one failed to bind.
            if "bookdav listening on" in open(self.log_path).read():
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", self.port)) == 0:
                        return True
            time.sleep(0.05)
        raise RuntimeError("bookdav did not start listening")

    def stop(self):
        code = None
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                code = "killed"
        if getattr(self, "log", None):
            self.log.close()
        return code

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        code = self.stop()
        if self.own_dir:
            shutil.rmtree(self.data, ignore_errors=True)
        if code not in (0, None) and exc[0] is None:
            raise AssertionError(f"bookdav did not stop cleanly on SIGTERM: exit {code}")

    # -- HTTP --
    @property
    def tls(self):
        return "--tls-cert" in self.extra_args

    @property
    def url(self):
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def connection(self, timeout=60):
        if self.tls:
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout,
                                               context=ssl._create_unverified_context())
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def auth(self, user, password=None):
        password = self.passwords.get(user, user) if password is None else password
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def request(self, method, path, body=None, user=None, password=None, headers=None, conn=None):
        h = dict(headers or {})
        if user:
            h["Authorization"] = self.auth(user, password)
        if isinstance(body, str):
            body = body.encode("utf-8")
        own = conn is None
        conn = conn or self.connection()
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            return Response(r.status, r.getheaders(), r.read())
        finally:
            if own:
                conn.close()

    def propfind(self, path, props, user, depth="0"):
        body = ('<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" '
                'xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" '
                'xmlns:b="urn:bookdav:" xmlns:ical="http://apple.com/ns/ical/"><d:prop>'
                + "".join(f"<{p}/>" for p in props) + "</d:prop></d:propfind>")
        return self.request("PROPFIND", path, body, user=user, headers={"Depth": depth})


class ServerTest(unittest.TestCase):
    """A TestCase whose class shares one started server: USERS (user name -> role) and EXTRA_ARGS
    (more `bookdav serve` arguments) say which."""
    USERS = {"alice": "customer", "bob": "customer"}
    EXTRA_ARGS = ()

    @classmethod
    def setUpClass(cls):
        cls.srv = BookdavServer(users=cls.USERS, extra_args=cls.EXTRA_ARGS).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def req(self, method, path, body=None, user="alice", **headers):
        """A request as `user`; header names in keyword form (If_Match=...) become If-Match."""
        return self.srv.request(method, path, body, user=user,
                                headers={k.replace("_", "-"): v for k, v in headers.items()})


def responses(multistatus_body):
    """{href: {"{ns}name": element}} of the 200 propstats, plus {href: status} for others."""
    root = ET.fromstring(multistatus_body) if isinstance(multistatus_body, (bytes, str)) else multistatus_body
    found, statuses = {}, {}
    for resp in root.findall(f"{{{D}}}response"):
        href = resp.findtext(f"{{{D}}}href")
        props = found.setdefault(href, {})
        st = resp.findtext(f"{{{D}}}status")
        if st:
            statuses[href] = int(st.split()[1])
        for ps in resp.findall(f"{{{D}}}propstat"):
            code = int(ps.findtext(f"{{{D}}}status").split()[1])
            for p in ps.find(f"{{{D}}}prop"):
                if code == 200:
                    props[p.tag] = p
                else:
                    statuses.setdefault(href + "#" + p.tag, code)
    return found, statuses


def ics_event(uid, start="20261201T100000Z", end="20261201T110000Z", summary="Event", extra=""):
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav tests//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\n"
            f"SUMMARY:{summary}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n")
