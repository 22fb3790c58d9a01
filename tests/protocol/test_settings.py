"""Settings from a configuration file and the environment (`--config FILE`, BOOKDAV_CONFIG,
BOOKDAV_<OPTION>), and the systemd unit in examples/systemd: the real binary, started the way an
operator starts it."""
import base64
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from bookdav_server import ROOT, binary, free_port  # noqa: E402


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOOKDAV_")}
    env.update(extra)
    return env


class Settings(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="bookdav-settings-")
        self.data = os.path.join(self.dir, "data")
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
                p.wait(20)
        shutil.rmtree(self.dir, ignore_errors=True)

    def ini(self, text):
        path = os.path.join(self.dir, "bookdav.ini")
        with open(path, "w") as f:
            f.write(text)
        return path

    def serve(self, args, env, port):
        p = subprocess.Popen([binary(), "serve", *args], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
        self.procs.append(p)
        deadline = time.time() + 20
        while time.time() < deadline:
            if p.poll() is not None:
                self.fail("bookdav exited: " + p.stdout.read().decode())
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return p
            time.sleep(0.05)
        self.fail("bookdav did not listen on the configured port")

    def propfind(self, port, user, password):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        c.request("PROPFIND", "/dav/", headers={"Authorization": "Basic " + token, "Depth": "0"})
        r = c.getresponse()
        r.read()
        c.close()
        return r.status

    def test_file_and_environment_configure_every_command(self):
        port = free_port()
        path = self.ini(f"# comments with '#' and ';' are both fine\n; the data for every command\n"
                        f"data = {self.data}\n[serve]\nlisten = 127.0.0.1:{port}\n[user]\nrole = customer\n")
        # The password comes from the environment, never the command line.
        r = subprocess.run([binary(), "user", "add", "alice"], capture_output=True, text=True, timeout=60,
                           env=clean_env(BOOKDAV_CONFIG=path, BOOKDAV_PASSWORD="s3cret-from-env"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.serve(["--config", path], clean_env(), port)
        self.assertEqual(self.propfind(port, "alice", "s3cret-from-env"), 207)
        self.assertEqual(self.propfind(port, "alice", "alice"), 401)

    def test_environment_overrides_the_file_and_the_command_line_both(self):
        file_port, env_port, argv_port = free_port(), free_port(), free_port()
        path = self.ini(f"[serve]\nlisten = 127.0.0.1:{file_port}\ndata = {self.data}\n")
        self.serve(["--config", path], clean_env(BOOKDAV_LISTEN=f"127.0.0.1:{env_port}"), env_port)
        self.serve(["--config", path, "--listen", f"127.0.0.1:{argv_port}", "--data", self.data + "2"],
                   clean_env(BOOKDAV_LISTEN=f"127.0.0.1:{file_port}"), argv_port)

    def test_misspelt_key_and_missing_file_are_refused(self):
        path = self.ini("[serve]\nlisen = 127.0.0.1:1\n")
        r = subprocess.run([binary(), "serve", "--config", path], capture_output=True, text=True, timeout=60,
                           env=clean_env())
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("unknown setting lisen in section [serve]", r.stderr)
        r = subprocess.run([binary(), "serve", "--config", os.path.join(self.dir, "none.ini")],
                           capture_output=True, text=True, timeout=60, env=clean_env())
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("cannot read the configuration file", r.stderr)
        r = subprocess.run([binary(), "serve", "--data", self.data], capture_output=True, text=True, timeout=60,
                           env=clean_env(BOOKDAV_DEMO="perhaps"))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("demo is a flag", r.stderr)


class SystemdUnit(unittest.TestCase):
    UNIT = os.path.join(ROOT, "examples", "systemd", "bookdav.service")

    def unit_here(self, tmp):
        """The example unit pointing at this build's binary and the example settings."""
        with open(self.UNIT) as f:
            text = f.read()
        text = text.replace("/usr/local/bin/bookdav", os.path.abspath(binary()))
        text = text.replace("/etc/bookdav/bookdav.ini", os.path.join(ROOT, "examples", "systemd", "bookdav.ini"))
        path = os.path.join(tmp, "bookdav.service")
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_unit_verifies_and_is_hardened(self):
        self.assertTrue(shutil.which("systemd-analyze"), "systemd-analyze is missing (apt-get install systemd)")
        with tempfile.TemporaryDirectory() as tmp:
            unit = self.unit_here(tmp)
            r = subprocess.run(["systemd-analyze", "verify", unit], capture_output=True, text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
            problems = [line for line in r.stderr.splitlines() if "bookdav.service" in line]
            self.assertEqual(problems, [], r.stderr)  # unknown keys are only warned about
            r = subprocess.run(["systemd-analyze", "security", "--offline=yes", unit], capture_output=True,
                               text=True, timeout=120)
            m = re.search(r"Overall exposure level for bookdav.service: ([0-9.]+)", r.stdout + r.stderr)
            self.assertIsNotNone(m, r.stdout + r.stderr)
            self.assertLessEqual(float(m.group(1)), 2.0, r.stdout)
            for directive in ("DynamicUser=yes", "StateDirectory=bookdav", "ProtectSystem=strict",
                              "NoNewPrivileges=yes"):
                self.assertIn(directive, open(self.UNIT).read())

    def test_example_settings_are_accepted_by_serve(self):
        # The example file names only options serve knows: a misspelt one would stop the service.
        port = free_port()
        with tempfile.TemporaryDirectory() as tmp:
            p = subprocess.Popen([binary(), "serve", "--config",
                                  os.path.join(ROOT, "examples", "systemd", "bookdav.ini"),
                                  "--listen", f"127.0.0.1:{port}"],
                                 env=clean_env(BOOKDAV_DATA=os.path.join(tmp, "data")),
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            try:
                deadline = time.time() + 20
                up = False
                while time.time() < deadline and not up:
                    self.assertIsNone(p.poll(), p.stdout.read().decode() if p.poll() is not None else "")
                    with socket.socket() as s:
                        up = s.connect_ex(("127.0.0.1", port)) == 0
                    time.sleep(0.05)
                self.assertTrue(up)
                self.assertTrue(os.path.isdir(os.path.join(tmp, "data")))
            finally:
                p.terminate()
                self.assertEqual(p.wait(20), 0)


if __name__ == "__main__":
    unittest.main()
