"""The README's recipe for two processes behind a reverse proxy, run as written: haproxy with
examples/haproxy/bookdav.cfg (its ports replaced by free loopback ports) in front of two bookdav
processes on one database. Customers book through the proxy; both processes serve; one process is
stopped mid-way and every booking after that still succeeds through the other one."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import datetime as dt
import http.client
import base64

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_cluster import Cluster, shared_database  # noqa: E402
from bookdav_server import ROOT, free_port  # noqa: E402
from test_business import TestBusiness  # noqa: E402

RECIPE = os.path.join(ROOT, "examples", "haproxy", "bookdav.cfg")


class Proxy:
    """haproxy in the foreground with the recipe's configuration on free ports."""

    def __init__(self, backends):
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not os.path.exists(haproxy):
            raise AssertionError("haproxy is missing: scripts/install-deps installs it")
        self.dir = tempfile.mkdtemp(prefix="bookdav-proxy-")
        self.port = free_port()
        with open(RECIPE) as f:
            config = f.read()
        for old, new in (("127.0.0.1:8080", self.port), ("127.0.0.1:8081", backends[0]),
                         ("127.0.0.1:8082", backends[1])):
            self.assertIn(old, config)
            config = config.replace(old, f"127.0.0.1:{new}")
        path = os.path.join(self.dir, "bookdav.cfg")
        with open(path, "w") as f:
            f.write(config)
        self.log = open(os.path.join(self.dir, "haproxy.log"), "w")
        self.proc = subprocess.Popen([haproxy, "-db", "-f", path], stdout=self.log, stderr=subprocess.STDOUT)

    @staticmethod
    def assertIn(part, whole):
        if part not in whole:
            raise AssertionError(f"the recipe no longer has {part}")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class BehindProxy(unittest.TestCase):
    def test_booking_through_the_proxy_survives_one_process_stopping(self):
        biz = TestBusiness()
        db = shared_database()
        self.addCleanup(db.close)
        users = {f"guest{i}": "customer" for i in range(4)}
        users["admin"] = "admin"
        cluster = Cluster(db, 2, users=users, extra_args=["--log-requests"])
        biz.load(cluster.servers[0])
        with cluster:
            proxy = Proxy([srv.port for srv in cluster.servers])
            self.addCleanup(proxy.stop)

            def call(method, path, body=None, user="admin"):
                conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=30)
                auth = base64.b64encode(f"{user}:{user}".encode()).decode()
                conn.request(method, path, body=json.dumps(body) if body is not None else None,
                             headers={"Authorization": "Basic " + auth, "Content-Type": "application/json"})
                r = conn.getresponse()
                out = (r.status, r.read())
                conn.close()
                return out

            deadline = time.time() + 20
            while time.time() < deadline:
                try:
                    if call("GET", "/api/v1/services")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            time.sleep(1.5)  # both health checks passed

            booked = []
            for k in range(16):
                if k == 8:
                    cluster.servers[0].stop()  # SIGTERM: the proxy must send everything to the other
                start = biz.cut_slot + dt.timedelta(minutes=30 * k)
                status, body = call("POST", "/api/v1/bookings",
                                    {"serviceId": "cut", "start": start.strftime("%Y-%m-%dT%H:%M:%SZ")},
                                    user=f"guest{k % 4}")
                self.assertEqual(status, 201, body)
                booked.append(json.loads(body)["id"])
            status, body = call("GET", "/api/v1/bookings?serviceId=cut")
            self.assertEqual(status, 200, body)
            stored = {b["id"] for b in json.loads(body)["bookings"] if b["status"] == "CONFIRMED"}
            self.assertEqual(stored, set(booked))
            # Both processes served bookings before the stop.
            for i in range(2):
                self.assertIn("POST /api/v1/bookings", cluster.log(i), f"process {i} got no booking")


if __name__ == "__main__":
    unittest.main()
