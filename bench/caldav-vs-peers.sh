#!/usr/bin/env bash
# Runs the shared CalDAV yardstick (../shared/bench/caldav_bench.py through run_peers.sh) against a
# fresh bookdav and against Radicale and Xandikos in the same session, so that ratios come from one
# run on one machine. Needs: build/bookdav, `apt-get install radicale xandikos`, and the shared
# bench folder next to the repository. Arguments go to caldav_bench.py, e.g.:
#   bench/caldav-vs-peers.sh --events 2000 --queries 100 --duration 8 > peers.jsonl
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-$here/../shared/bench}
[[ -x $here/build/bookdav ]] || { echo "build bookdav first (scripts/test or cmake --build build)" >&2; exit 1; }
[[ -f $shared/run_peers.sh ]] || { echo "no $shared/run_peers.sh (set SHARED_BENCH)" >&2; exit 1; }
data=$(mktemp -d)
port=${BOOKDAV_PORT:-18180}
"$here/build/bookdav" user add bench --password bench --role customer --data "$data" >/dev/null
"$here/build/bookdav" serve --listen "127.0.0.1:$port" --data "$data" >"$data/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 50); do
  /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
  sleep 0.1
done
BOOKDAV_URL="http://127.0.0.1:$port/dav/calendars/bench/" BOOKDAV_USER=bench BOOKDAV_PASSWORD=bench \
  bash "$shared/run_peers.sh" "$@"
