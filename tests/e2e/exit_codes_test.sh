#!/usr/bin/env bash
# The exit codes a nightly job relies on (docs/cli.md), each provoked as a careless operator
# would: a wrong source folder, an unreadable one, an unknown record id, a report named bare,
# a report that cannot be written, a field named in Vietnamese, an impossible date, a second
# server on a port already served.
#
#   exit_codes_test.sh path/to/luutru path/to/samples
set -uo pipefail
LUUTRU=$(realpath "$1")
SAMPLES=$(realpath "$2")
WORK=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$WORK"' EXIT
server=""
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# expect CODE WHAT COMMAND...: runs COMMAND, which must exit CODE.
expect() {
  local code=$1 what=$2
  shift 2
  "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  if [ $rc -ne "$code" ]; then
    fail "$what: exit $rc, expected $code; stderr: $(tail -2 "$WORK/err")"
  else
    echo "ok: $what (exit $code)"
  fi
}
A="$WORK/archive"
mkdir "$WORK/in" && cp "$SAMPLES/cv-chuyen-doi-so.pdf" "$WORK/in/"

expect 1 "ingest of a source that does not exist" "$LUUTRU" ingest /nonexistent/scans --archive "$A"
grep -q "no such file or folder" "$WORK/err" || fail "the missing source is not named: $(cat "$WORK/err")"
[ ! -e "$A" ] || fail "a refused run created the archive"
expect 1 "ingest with a reading resolution Tesseract cannot read at" "$LUUTRU" ingest "$SAMPLES" --archive "$A" --read-dpi 50
expect 1 "ingest with an --ocr policy that does not exist" "$LUUTRU" ingest "$SAMPLES" --archive "$A" --ocr sometimes

# An unreadable folder: root reads everything, so as root the run is made as nobody.
mkdir -m 700 "$WORK/locked"
if [ "$(id -u)" -eq 0 ]; then
  chmod 755 "$WORK"
  expect 1 "ingest of a folder the user cannot read" \
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$LUUTRU" ingest "$WORK/locked" --archive "$WORK/nobody-archive"
else
  expect 1 "ingest of a folder the user cannot read" "$LUUTRU" ingest "$WORK/locked" --archive "$WORK/nobody-archive"
  chmod 000 "$WORK/locked"
fi
grep -q "cannot list the source folder" "$WORK/err" || fail "the unreadable source is not named: $(cat "$WORK/err")"

# A folder inside the source that cannot be listed: the run goes on and is partial (2), naming it.
mkdir -p "$WORK/mixed/locked" && cp "$SAMPLES/cv-chuyen-doi-so.pdf" "$WORK/mixed/" && chmod 700 "$WORK/mixed/locked"
chmod 755 "$WORK/mixed"
if [ "$(id -u)" -eq 0 ]; then
  mkdir "$WORK/nobody-owns" && chown nobody "$WORK/nobody-owns"
  expect 2 "ingest of a folder holding one that cannot be listed" \
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$LUUTRU" ingest "$WORK/mixed" \
    --archive "$WORK/nobody-owns/archive" --progress none
else
  chmod 000 "$WORK/mixed/locked"
  expect 2 "ingest of a folder holding one that cannot be listed" "$LUUTRU" ingest "$WORK/mixed" --archive "$WORK/nobody-archive" --progress none
fi
grep -q "locked: cannot list it" "$WORK/err" || fail "the folder not listed is not named: $(tail -3 "$WORK/err")"

expect 1 "--report where it cannot be written, refused before the run" \
  "$LUUTRU" ingest "$WORK/in" --archive "$A" --report "$WORK/in/cv-chuyen-doi-so.pdf/report.json"
grep -q "is not a folder" "$WORK/err" || fail "the report's place is not named: $(cat "$WORK/err")"
[ ! -e "$A" ] || fail "a run refused for its report did work first"

# A report named bare goes into the current folder.
(cd "$WORK" && expect 0 "--report with a bare file name" "$LUUTRU" ingest in --archive archive --progress none --report report.json)
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["files"]["archived"] == 1, r' "$WORK/report.json" ||
  fail "no report written in the current folder"

# The archive is private: its folder 0700, files 0600, originals 0400; a folder every account
# can read is refused (4) naming the fix, unless --shared-archive.
modes=$(stat -c "%a" "$A" "$A/catalog.sqlite" "$A"/records/*/record.json "$A"/objects/sha256/*/* | sort -u | tr '\n' ' ')
[ "$modes" = "400 600 700 " ] || fail "the archive is not private: modes $modes"
chmod 755 "$A"
expect 4 "search of an archive every account can read" "$LUUTRU" search --archive "$A" chuyen
grep -q "chmod -R o-rwx" "$WORK/err" || fail "the fix is not named: $(tail -1 "$WORK/err")"
expect 0 "the same with --shared-archive" "$LUUTRU" search --archive "$A" chuyen --shared-archive
chmod 700 "$A"

# An archive this user may not write is an archive error (4), not "busy" (5).
if [ "$(id -u)" -eq 0 ]; then
  expect 4 "ingest into an archive the user may not write" \
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$LUUTRU" ingest "$WORK/in" --archive "$A" --progress none
else
  chmod -R a-w "$A"
  expect 4 "ingest into an archive the user may not write" "$LUUTRU" ingest "$WORK/in" --archive "$A" --progress none
  chmod -R u+w "$A"
fi
grep -qi "cannot write\|permission denied\|read-only" "$WORK/err" || fail "the cause is not named: $(tail -2 "$WORK/err")"

expect 9 "show of an unknown record id" "$LUUTRU" show ffffffff --archive "$A"
grep -q "no record ffffffff" "$WORK/err" || fail "show does not say the record is unknown"
expect 9 "set of an unknown record id" "$LUUTRU" set ffffffff loai=CV --archive "$A"
expect 9 "search of a folder holding no archive" "$LUUTRU" search --archive "$WORK/nowhere" so hoa
expect 1 "a record id too short to name one" "$LUUTRU" show ab --archive "$A"
expect 1 "an unknown flag" "$LUUTRU" ingest --no-such-flag "$WORK/in"
expect 1 "a server of no connections" "$LUUTRU" serve --archive "$A" --max-connections 0
expect 1 "a server of minus one connection per address" "$LUUTRU" serve --archive "$A" --max-connections-per-address -1

id=$("$LUUTRU" search --archive "$A" --json 'chuyen doi so' | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["record"])')
expect 0 "set by Vietnamese field names, a date as people write it" \
  "$LUUTRU" set "$id" ngay=02/10/2022 loai="CÔNG VĂN" --archive "$A"
grep -q "date = 2022-10-02" "$WORK/out" || fail "ngay=02/10/2022 not stored as 2022-10-02: $(cat "$WORK/out")"
expect 0 "set by the record.json name" "$LUUTRU" set "$id" doc_type="CÔNG VĂN" --archive "$A"
expect 1 "set of an impossible date" "$LUUTRU" set "$id" ngay=02/13/2022 --archive "$A"
grep -q "no month 13" "$WORK/err" || fail "the impossible month is not named: $(cat "$WORK/err")"
expect 1 "set of an unknown field" "$LUUTRU" set "$id" mau=do --archive "$A"
expect 0 "search by the date as typed" "$LUUTRU" search --archive "$A" --json 'ngay:02/10/2022'
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["total"] == 1' "$WORK/out" || fail "ngay:02/10/2022 finds nothing"
expect 0 "search by a month" "$LUUTRU" search --archive "$A" --json 'ngay:10/2022 loai:"cong van"'
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["total"] == 1' "$WORK/out" || fail "ngay:10/2022 finds nothing"
expect 0 "search by a range of years" "$LUUTRU" search --archive "$A" --json 'nam:2020..2022'
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["total"] == 1' "$WORK/out" || fail "nam:2020..2022 finds nothing"
expect 1 "search by an impossible date" "$LUUTRU" search --archive "$A" 'ngay:31/02/2022'
grep -q "không có ngày 31" "$WORK/err" || fail "the impossible day is not named: $(cat "$WORK/err")"

# One server per port: the second fails, says why, and exits 10.
"$LUUTRU" serve --archive "$A" --listen 127.0.0.1:0 --audit-key "$WORK/audit.key" >"$WORK/serve.out" 2>"$WORK/serve.err" &
server=$!
for _ in $(seq 1 100); do grep -q "listening on port" "$WORK/serve.out" && break; sleep 0.1; done
port=$(sed -n 's/listening on port //p' "$WORK/serve.out")
[ -n "$port" ] || fail "the first server did not start: $(cat "$WORK/serve.err")"
expect 10 "a second server on a port already served" "$LUUTRU" serve --archive "$A" --listen "127.0.0.1:$port" \
  --audit-key "$WORK/audit.key"
grep -q "already listens on 127.0.0.1:$port" "$WORK/err" || fail "the second server does not say why: $(cat "$WORK/err")"
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || fail "the first server stopped answering"
kill "$server"
wait "$server" 2>/dev/null
server=""

[ $failures -eq 0 ] && echo "every exit code as documented" || echo "FAIL ($failures)"
exit $((failures > 0))
