"""Runs the npm clients' scripts in tests/clients/js (tsdav, ical.js) for the client tests."""
import json
import os
import shutil
import subprocess
import tempfile

JS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "clients", "js")


def setup_error():
    """Why the npm clients cannot run, or None. A missing tool is a test failure, not a skip."""
    if not shutil.which("node"):
        return "node is not installed (scripts/install-deps installs Node.js)"
    for pkg in ("tsdav", "ical.js"):
        if not os.path.isdir(os.path.join(JS, "node_modules", pkg)):
            return f"{pkg} is missing: run `npm ci` in tests/clients/js (scripts/test does)"
    return None


def run(script, *args, timeout=120):
    """Runs `node tests/clients/js/SCRIPT ARGS...` and returns the JSON it prints."""
    r = subprocess.run(["node", os.path.join(JS, script), *args], capture_output=True, text=True,
                       timeout=timeout, cwd=JS)
    if r.returncode != 0:
        raise AssertionError(f"node {script} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    try:
        return json.loads(r.stdout)
    except ValueError:
        raise AssertionError(f"node {script} printed no JSON:\n{r.stdout}\n{r.stderr}")


def check_with_icaljs(bodies):
    """Runs icaljs_check.mjs over {name: iCalendar text}; returns (its results, None), or ({}, why it
    could not run). Nothing to check is not a reason to run node."""
    error = setup_error()
    if error is not None or not bodies:
        return {}, error
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(bodies, f)
    try:
        return run("icaljs_check.mjs", f.name), None
    except AssertionError as exc:
        return {}, str(exc)
    finally:
        os.unlink(f.name)
