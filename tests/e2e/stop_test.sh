#!/usr/bin/env bash
# SIGTERM (systemd stop) or Ctrl-C during an ingest: the run stops within a page, keeps what
# it read whole, exits 8 saying so, and the same command run again finishes the work.
#
#   stop_test.sh path/to/luutru path/to/samples
set -uo pipefail
LUUTRU=$1
SAMPLES=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}

"$LUUTRU" ingest "$SAMPLES" --archive "$WORK/archive" --jobs 1 --progress json --report "$WORK/first.json" \
  2>"$WORK/first.log" &
pid=$!
# Wait for the first file to be archived, then ask the run to stop.
for _ in $(seq 1 600); do
  grep -q "archived " "$WORK/first.log" && break
  sleep 0.1
done
kill -TERM $pid
wait $pid
rc=$?
[ $rc -eq 8 ] || fail "a stopped run exits 8, got $rc: $(tail -3 "$WORK/first.log")"
grep -q "stopped before the end: run the same command again" "$WORK/first.log" || fail "the summary does not say it stopped"
python3 - "$WORK/first.json" <<'PY' || fail "first report: $(cat "$WORK/first.json")"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["stopped"] and not r["complete"], r
assert 1 <= r["files"]["archived"] < 5, r["files"]
PY
"$LUUTRU" verify --archive "$WORK/archive" --log-level error >/dev/null || fail "the stopped run left the archive inconsistent"

"$LUUTRU" ingest "$SAMPLES" --archive "$WORK/archive" --jobs 2 --progress none --report "$WORK/again.json" 2>/dev/null ||
  fail "the second run did not finish"
python3 - "$WORK/first.json" "$WORK/again.json" <<'PY' || fail "second report: $(cat "$WORK/again.json")"
import json, sys
first, again = (json.load(open(p)) for p in sys.argv[1:])
assert again["complete"] and not again["stopped"], again
assert again["files"]["unchanged"] == first["files"]["archived"], (first["files"], again["files"])
assert again["files"]["unchanged"] + again["files"]["archived"] == 5, again["files"]
PY
"$LUUTRU" verify --archive "$WORK/archive" --log-level error >/dev/null || fail "verify after the second run"
echo "PASS"
