"""Imports Debian's python3-caldav for the client tests, with the library's own "deviation from
expectations" checks (caldav.lib.error.assert_) raising instead of only logging, so that a server
answer the library finds odd fails the test. A missing library is a failure, not a skip: caldav is then
None and IMPORT_ERROR says why."""
import os
import sys

os.environ.setdefault("PYTHON_CALDAV_DEBUGMODE", "DEVELOPMENT")
IMPORT_ERROR = None
try:
    import caldav
    from caldav.lib import error as caldav_error
except ImportError as exc:
    caldav = caldav_error = None
    IMPORT_ERROR = (f"python3-caldav is not importable from {sys.executable} ({exc}); "
                    "apt-get install python3-caldav and run with /usr/bin/python3")
