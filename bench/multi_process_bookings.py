#!/usr/bin/env python3
"""Booking throughput of several bookdav processes on one database: N processes (1, 2, 3) on a fresh
PostgreSQL schema or one SQLite data directory, 16 customers (threads, keep-alive connections) split
over the processes, each POSTing /api/v1/bookings for haircut slots of its own (no lost races), 600
bookings in all; prints bookings/s (acknowledged 201s over the wall time) as one JSON line.

    bench/multi_process_bookings.py --processes 3 --engine postgres --cluster postgresql://bookdav@127.0.0.1:PORT/postgres
    bench/multi_process_bookings.py --processes 1 --engine sqlite

The binary is $BOOKDAV_BIN or build/bookdav. One run is one figure: the machine is shared.
"""
import argparse
import json
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "support"))
from bookdav_cluster import Cluster, shared_database  # noqa: E402
from test_business import TestBusiness  # noqa: E402

CLIENTS = 16


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--processes", type=int, default=1)
    p.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    p.add_argument("--cluster", help="PostgreSQL cluster URL (with --engine postgres)")
    p.add_argument("--bookings", type=int, default=600)
    a = p.parse_args()
    if a.engine == "postgres":
        os.environ["BOOKDAV_TEST_ENGINE"] = "postgres"
        os.environ["BOOKDAV_TEST_POSTGRES"] = a.cluster
    biz = TestBusiness()
    db = shared_database()
    users = {f"b{i:02d}": "customer" for i in range(CLIENTS)}
    cluster = Cluster(db, a.processes, users=users)
    biz.load(cluster.servers[0])
    import datetime as dt
    slots = [biz.cut_slot + dt.timedelta(minutes=30 * k) for k in range(a.bookings)]
    statuses = []
    lock = threading.Lock()
    try:
        cluster.start()
        barrier = threading.Barrier(CLIENTS + 1)

        def client(i):
            user, srv = f"b{i:02d}", cluster.servers[i % a.processes]
            conn = srv.connection(timeout=120)
            srv.request("GET", "/api/v1/services", user=user, conn=conn)  # the slow hash, before the clock
            barrier.wait()
            mine = []
            for k in range(i, len(slots), CLIENTS):
                r = srv.request("POST", "/api/v1/bookings", json.dumps(
                    {"serviceId": "cut", "start": slots[k].strftime("%Y-%m-%dT%H:%M:%SZ")}),
                    user=user, conn=conn, headers={"Content-Type": "application/json"})
                mine.append(r.status)
            with lock:
                statuses.extend(mine)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        for t in threads:
            t.start()
        barrier.wait()
        t0 = time.time()
        for t in threads:
            t.join()
        elapsed = time.time() - t0
    finally:
        cluster.stop()
        db.close()
    ok = statuses.count(201)
    print(json.dumps({"engine": a.engine, "processes": a.processes, "clients": CLIENTS, "bookings": ok,
                      "other": len(statuses) - ok, "seconds": round(elapsed, 2),
                      "per_s": round(ok / elapsed, 1)}))


if __name__ == "__main__":
    main()
