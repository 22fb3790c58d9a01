"""A storm of first sign-ins (each costs a slow password hash) must not hold the worker threads that
signed-in clients need: requests waiting for a password check wait in the front door's queue, not
on a worker, and none of them is turned away while the checks catch up."""
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import BookdavServer  # noqa: E402

N = 24


class SignInStorm(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        users = {f"storm{i:02d}": "customer" for i in range(N)}
        users["alice"] = "customer"
        # Few workers, so that checks held on them would show at once.
        cls.srv = BookdavServer(users=users, extra_args=["--threads", "4"])
        cls.srv.start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def test_signed_in_client_is_served_while_many_sign_in(self):
        conn = self.srv.connection()
        self.assertEqual(self.srv.request("PROPFIND", "/dav/calendars/alice/", user="alice", conn=conn,
                                          headers={"Depth": "0"}).status, 207)  # her check is done
        barrier = threading.Barrier(N + 1, timeout=60)
        statuses = {}

        def sign_in(user):
            c = self.srv.connection(timeout=120)
            barrier.wait()
            statuses[user] = self.srv.request("PROPFIND", f"/dav/calendars/{user}/", user=user, conn=c,
                                              headers={"Depth": "0"}).status
            c.close()

        threads = [threading.Thread(target=sign_in, args=(f"storm{i:02d}",)) for i in range(N)]
        for t in threads:
            t.start()
        barrier.wait()
        storm_start = time.monotonic()
        latencies = []
        while any(t.is_alive() for t in threads) and time.monotonic() - storm_start < 60:
            t0 = time.monotonic()
            r = self.srv.request("PROPFIND", "/dav/calendars/alice/", user="alice", conn=conn, headers={"Depth": "0"})
            latencies.append(time.monotonic() - t0)
            self.assertEqual(r.status, 207)
        for t in threads:
            t.join(120)
        storm = time.monotonic() - storm_start
        print(f"\n{N} first sign-ins took {storm:.2f} s; alice's {len(latencies)} requests meanwhile: "
              f"worst {max(latencies) * 1000:.0f} ms", file=sys.stderr)
        self.assertEqual(sorted(set(statuses.values())), [207], statuses)  # nobody was turned away
        self.assertGreater(len(latencies), 1)
        # The storm takes N slow checks, a couple at a time; a signed-in client never waits for them.
        self.assertLess(max(latencies), storm / 2,
                        f"alice waited {max(latencies):.2f} s during a {storm:.2f} s storm of {N} sign-ins")


if __name__ == "__main__":
    unittest.main()
