#!/usr/bin/env bash
# The archive's disk fills up in the middle of a run: ingest must stop with a clear error
# (exit code 7, "no_space"), leave what was archived before intact, and once space is freed
# the same command must finish the work, giving the same archive as a run that never failed.
#
#   diskfull_test.sh path/to/luutru path/to/samples
# Needs root (it mounts a small tmpfs); exits 77 (skipped) where mounting is not allowed.
set -uo pipefail
LUUTRU=$1
SAMPLES=$2
WORK=$(mktemp -d)
SMALL=$WORK/small
cleanup() {
  umount "$SMALL" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  exit 1
}
ingest() {  # archive, sources...
  local archive=$1
  shift
  "$LUUTRU" ingest --archive "$archive" --jobs 2 --progress none --log-level warn "$@"
}

FIRST=$(find "$SAMPLES" -maxdepth 1 -name '*.pdf' | sort | head -1)

# The sizes to expect: an archive of the first sample, and of all of them.
ingest "$WORK/ref-first" "$FIRST" 2>/dev/null || fail "reference ingest of $FIRST"
ingest "$WORK/ref" "$SAMPLES" 2>/dev/null || fail "reference ingest of $SAMPLES"
first_kb=$(du -sk "$WORK/ref-first" | cut -f1)
all_kb=$(du -sk "$WORK/ref" | cut -f1)
# Room for the first file's archive and about half of what the rest needs.
size_kb=$((first_kb + (all_kb - first_kb) / 2))

mkdir -p "$SMALL"
if ! mount -t tmpfs -o "size=${size_kb}k" tmpfs "$SMALL" 2>/dev/null; then
  echo "SKIP: cannot mount a small filesystem here (needs root)"
  exit 77
fi
ARCHIVE=$SMALL/archive

ingest "$ARCHIVE" "$FIRST" 2>"$WORK/first.log" || fail "first ingest into ${size_kb} KB: $(tail -3 "$WORK/first.log")"
"$LUUTRU" verify --archive "$ARCHIVE" --log-level error >/dev/null || fail "archive not clean before the disk filled"
before=$("$LUUTRU" export --archive "$ARCHIVE")

ingest "$ARCHIVE" "$SAMPLES" 2>"$WORK/full.log"
rc=$?
[ $rc -eq 7 ] || fail "expected exit code 7 (disk full), got $rc: $(tail -5 "$WORK/full.log")"
grep -q "no_space" "$WORK/full.log" || fail "no 'no_space' error in: $(tail -5 "$WORK/full.log")"
grep -q "free space" "$WORK/full.log" || fail "the error does not say what to do: $(tail -5 "$WORK/full.log")"
echo "stopped as expected: $(grep -m1 no_space "$WORK/full.log" | cut -c1-200)"

# Nothing archived before is damaged.
"$LUUTRU" export --archive "$ARCHIVE" | grep -qF "$(echo "$before" | head -1)" ||
  fail "the record archived before the disk filled is gone or changed"
"$LUUTRU" verify --archive "$ARCHIVE" --no-hash --log-level error --json >"$WORK/verify-full.json"
python3 - "$WORK/verify-full.json" <<'PY' || fail "verify after the full disk: $(cat "$WORK/verify-full.json")"
import json, sys
report = json.load(open(sys.argv[1]))
bad = [p for p in report["problems"] if p["kind"] != "leftover"]
sys.exit(1 if bad else 0)
PY

# Space is freed: the same command finishes the work.
mount -o "remount,size=$((all_kb * 3))k" "$SMALL" || fail "cannot grow the filesystem"
ingest "$ARCHIVE" "$SAMPLES" 2>"$WORK/again.log" || fail "ingest after freeing space: $(tail -5 "$WORK/again.log")"
"$LUUTRU" verify --archive "$ARCHIVE" --log-level error >/dev/null || fail "archive not clean after the second run"

python3 - "$WORK/ref" "$ARCHIVE" <<'PY' || fail "the archive differs from one that never filled up"
import json, os, sqlite3, sys
def state(archive):
    db = sqlite3.connect(os.path.join(archive, "catalog.sqlite"))
    out = {}
    for (rid,) in db.execute("SELECT id FROM records"):
        record = json.load(open(os.path.join(archive, "records", rid, "record.json"), encoding="utf-8"))
        out[rid] = [p.get("text", "") for p in record["pages"]]
    return out
ref, got = state(sys.argv[1]), state(sys.argv[2])
if ref != got:
    print("records differ:", sorted(set(ref) ^ set(got)) or "page text")
    sys.exit(1)
print(f"{len(got)} records, same as a run on a disk with room")
PY
echo "PASS"
