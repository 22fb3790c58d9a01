#!/usr/bin/env python3
"""Does a time-range query cost the same when the calendar grows? (bookdav only; stdlib only)

Starts build/bookdav on a fresh data folder, PUTs SMALL events (one per hour of working days from
2026-03-02, some weekly recurring) and times calendar-query REPORTs over one fixed week with
calendar-data; then PUTs more events until the calendar holds LARGE, all of them outside that week
(every hour from 2023 on; 18,000 of them end in 2025), and times the same queries again. The answers must
be identical, so any difference in time is what the bigger calendar costs.

    bench/query_flatness.py [--small 2000] [--large 20000] [--queries 200]
Prints one JSON line on stdout.
"""
import argparse
import base64
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
BINARY = os.path.join(HERE, "..", "build", "bookdav")
CAL = "/dav/calendars/bench/flat/"
AUTH = {"Authorization": "Basic " + base64.b64encode(b"bench:bench").decode()}
QUERY = ('<?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" '
         'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>'
         '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
         '<C:time-range start="20260309T000000Z" end="20260316T000000Z"/>'
         '</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>')


def event(uid, start, recurring):
    rule = "RRULE:FREQ=WEEKLY;COUNT=10\r\n" if recurring else ""
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bookdav//bench//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{start:%Y%m%dT%H%M%SZ}\r\n"
            f"DTEND:{start + timedelta(minutes=45):%Y%m%dT%H%M%SZ}\r\nSUMMARY:Event {uid}\r\n{rule}"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")


def hours(first, working):
    """Every hour from `first` on; with working, only 09-17 Monday to Friday."""
    t = first
    while True:
        if not working or (t.weekday() < 5 and 9 <= t.hour < 17):
            yield t
        t += timedelta(hours=1)


def put_events(conn, prefix, count, first, working, recurring_every):
    for i, start in zip(range(count), hours(first, working)):
        body = event(f"{prefix}-{i}", start, i % recurring_every == 0).encode()
        conn.request("PUT", f"{CAL}{prefix}-{i}.ics", body, {**AUTH, "Content-Type": "text/calendar"})
        r = conn.getresponse()
        r.read()
        if r.status != 201:
            sys.exit(f"PUT {prefix}-{i}: {r.status}")


def time_queries(conn, n):
    times, answer = [], None
    for _ in range(n):
        t0 = time.perf_counter()
        conn.request("REPORT", CAL, QUERY, {**AUTH, "Depth": "1", "Content-Type": "application/xml"})
        r = conn.getresponse()
        body = r.read()
        times.append((time.perf_counter() - t0) * 1000)
        if r.status != 207:
            sys.exit(f"REPORT: {r.status}")
        answer = answer or body
        if body != answer:
            sys.exit("the answer changed between two identical queries")
    return statistics.median(times), sorted(times)[int(len(times) * 0.99) - 1], answer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--small", type=int, default=2000)
    p.add_argument("--large", type=int, default=20000)
    p.add_argument("--queries", type=int, default=200)
    a = p.parse_args()
    data = tempfile.mkdtemp(prefix="bookdav-flat-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run([BINARY, "user", "add", "bench", "--password", "bench", "--role", "customer",
                    "--data", data], check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([BINARY, "serve", "--listen", f"127.0.0.1:{port}", "--data", data],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("MKCALENDAR", CAL, headers=AUTH)
        r = conn.getresponse()
        r.read()
        if r.status != 201:
            sys.exit(f"MKCALENDAR {CAL}: {r.status}")
        # The queried week lies inside the first SMALL events (8 a day, 5 days a week).
        put_events(conn, "near", a.small, datetime(2026, 3, 2, 9), True, 10)
        small_p50, small_p99, small_answer = time_queries(conn, a.queries)
        # 168 an hour-long events a week from 2023: 18,000 of them end in 2025.
        put_events(conn, "far", a.large - a.small, datetime(2023, 1, 2), False, 1000)
        large_p50, large_p99, large_answer = time_queries(conn, a.queries)
        hits = small_answer.count(b"<d:response>") or small_answer.count(b"response>") // 2
        print(json.dumps({"small_events": a.small, "large_events": a.large, "hits": hits,
                          "same_answer": small_answer == large_answer,
                          "small_p50_ms": round(small_p50, 3), "small_p99_ms": round(small_p99, 3),
                          "large_p50_ms": round(large_p50, 3), "large_p99_ms": round(large_p99, 3),
                          "ratio_p50": round(large_p50 / small_p50, 2)}))
        if small_answer != large_answer:
            sys.exit("the events added outside the queried week changed its answer")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
