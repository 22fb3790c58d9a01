#!/usr/bin/env python3
"""Turns the JSON lines of bench/caldav-vs-peers.sh into the Markdown table of bench/RESULTS.md:
each phase's p50 latency (and throughput) per server, and bookdav's ratio to each peer.

    bench/peers_table.py peers.jsonl
"""
import json
import sys

# phase -> (label, how to read its figure, lower is better?)
PHASES = [
    ("put", "PUT 2,000 events, p50 ms", lambda r: r["put"]["p50_ms"]),
    ("put", "PUT, events/s", lambda r: r["put"]["per_s"]),
    ("query", "one-week calendar-query with data, p50 ms", lambda r: r["query"]["p50_ms"]),
    ("expand", "4-week query with expand, p50 ms", lambda r: r["expand"]["p50_ms"]),
    ("multiget", "multiget of 50 with data, p50 ms", lambda r: r["multiget"]["p50_ms"]),
    ("propfind", "PROPFIND Depth 1 getetag, p50 ms", lambda r: r["propfind"]["p50_ms"]),
    ("sync", "sync-collection initial, p50 ms", lambda r: r["sync"]["initial_p50_ms"]),
    ("sync", "sync-collection incremental, p50 ms", lambda r: r["sync"]["incremental_p50_ms"]),
    ("freebusy", "free-busy-query for a week, p50 ms", lambda r: r["freebusy"]["p50_ms"]),
    ("mixed", "mixed load, 4 clients, requests/s", lambda r: r["mixed"]["per_s"]),
]


def figure(result, phase, read):
    if phase in result.get("unsupported", {}):
        return None, "unsupported"
    try:
        value = read(result)
    except (KeyError, TypeError):
        return None, "-"
    wrong = result.get(phase, {}).get("wrong_answers")
    text = f"{value:g}" + (f" ({wrong} wrong)" if wrong else "")
    return value, text


def main():
    runs = {}
    for line in open(sys.argv[1], encoding="utf-8"):
        row = json.loads(line)
        runs[row["server"]] = row
    peers = [s for s in runs if s != "bookdav"]
    names = ["bookdav"] + peers
    head = "| phase | " + " | ".join(f"{n} {runs[n].get('version', '')}".strip() for n in names)
    head += " | " + " | ".join(f"bookdav vs {p}" for p in peers) + " |"
    print(head)
    print("|" + "---|" * (1 + len(names) + len(peers)))
    for phase, label, read in PHASES:
        cells, values = [], {}
        for n in names:
            value, text = figure(runs[n]["result"], phase, read)
            values[n] = value
            cells.append(text)
        higher_better = "/s" in label
        ratios = []
        for p in peers:
            b, v = values["bookdav"], values[p]
            if b is None or v is None or b == 0 or v == 0:
                ratios.append("-")
            else:
                ratios.append(f"{(b / v) if higher_better else (v / b):.0f}×")
        print(f"| {label} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")


if __name__ == "__main__":
    main()
