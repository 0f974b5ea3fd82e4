#!/usr/bin/env bash
# Three shards, each behind its own xapian-tcpsrv (`luutru shard serve`), searched from a search
# head (`luutru shard add`): the same totals, records and facets as one archive of every file;
# a shard server killed gives the others' results within 2 s, marked partial and naming it; back,
# it is searched again; a reindex on a shard's machine is served without a restart by hand.
#
#   remote_shards_test.sh path/to/luutru SRC
set -uo pipefail
LUUTRU=$(realpath "$1")
SRC=$(realpath "$2")
command -v xapian-tcpsrv >/dev/null || { echo "FAIL: xapian-tcpsrv is missing; run scripts/setup (xapian-tools)"; exit 1; }
[ -n "$(find "$SRC" -type f -print -quit)" ] || { echo "FAIL: $SRC holds no file"; exit 1; }
WORK=$(mktemp -d)
SERVERS=()
cleanup() {
  for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for log in "$WORK"/*.log; do echo "--- $log"; tail -5 "$log"; done
  exit 1
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

"$LUUTRU" ingest "$SRC" --archive "$WORK/single" --progress none >"$WORK/single.log" 2>&1
[ $? -le 2 ] || fail "ingest"
PORTS=()
for k in 0 1 2; do
  "$LUUTRU" ingest "$SRC" --part "$k/3" --archive "$WORK/part-$k" --progress none >"$WORK/part-$k.log" 2>&1
  [ $? -le 2 ] || fail "ingest part $k"
  PORTS+=("$(free_port)")
done
serve() {  # serve K: the shard server of part K, in the background
  "$LUUTRU" shard serve --archive "$WORK/part-$1" --port "${PORTS[$1]}" >>"$WORK/serve-$1.log" 2>&1 &
  SERVERS[$1]=$!
}
for k in 0 1 2; do serve $k; done
sleep 1
for k in 0 1 2; do
  "$LUUTRU" shard add "127.0.0.1:${PORTS[$k]}" --archive "$WORK/head" >>"$WORK/head.log" 2>&1 || fail "shard add $k"
done
grep -c " records" "$WORK/head.log" | grep -qx 3 || fail "the three shards do not all answer"

# What a search answers, without the order of equal weights: total, records, facets, partial.
answer() {  # answer ARCHIVE QUERY
  "$LUUTRU" search --archive "$1" --json --facets --limit 100 "$2" | python3 -c '
import json, sys
r = json.load(sys.stdin)
facets = {k: sorted((v["value"], v["records"]) for v in vs) for k, vs in r["facets"].items()}
print(json.dumps([r["total"], sorted(h["record"] for h in r["hits"]), facets, r["partial"], r["missing_shards"]]))'
}
QUERIES=("quyết định" "ubnd tinh" "\"văn bản\"" "nam:2001..2024" "cong van" "báo cáo")
for q in "${QUERIES[@]}"; do
  a=$(answer "$WORK/single" "$q") || fail "search single '$q'"
  b=$(answer "$WORK/head" "$q") || fail "search head '$q'"
  [ "$a" = "$b" ] || fail "search '$q': one archive $a, three remote shards $b"
done
echo "three remote shards answer as one archive (${#QUERIES[@]} queries, totals, records, facets)"

# A shard server killed: the other two's results, at once, marked partial.
kill "${SERVERS[1]}"
wait "${SERVERS[1]}" 2>/dev/null
start=$(date +%s.%N)
out=$("$LUUTRU" search --archive "$WORK/head" --json "quyết định" 2>/dev/null) || fail "search with a shard down"
took=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$(date +%s.%N)")
python3 - "$out" "127.0.0.1:${PORTS[1]}" "$(answer "$WORK/single" "quyết định")" "$(answer "$WORK/part-1" "quyết định")" <<'PY' || fail "partial results"
import json, sys
r, missing = json.loads(sys.argv[1]), sys.argv[2]
whole, lost = json.loads(sys.argv[3])[0], json.loads(sys.argv[4])[0]
assert r["partial"] is True and r["missing_shards"] == [missing], r
assert r["total"] == whole - lost, (r["total"], whole, lost)
PY
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 2 else 1)" "$took" || fail "partial results took $took s"
"$LUUTRU" search --archive "$WORK/head" "quyết định" 2>/dev/null | grep -q "chưa đủ.*${PORTS[1]}" || fail "the CLI does not say the results are partial"
echo "a killed shard: partial results in $took s, naming it"

# Back: searched again (after the few seconds a lost shard is left alone).
serve 1
sleep 6
[ "$(answer "$WORK/head" "quyết định")" = "$(answer "$WORK/single" "quyết định")" ] || fail "the shard back is not searched"

# A reindex on a shard's machine switches generations: shard serve serves the new one.
"$LUUTRU" reindex --archive "$WORK/part-2" >"$WORK/reindex.log" 2>&1 || fail "reindex part 2"
sleep 3
[ "$(answer "$WORK/head" "quyết định")" = "$(answer "$WORK/single" "quyết định")" ] || fail "after a reindex of a shard"
echo "PASS: three xapian-tcpsrv shards == one archive; a killed shard partial within 2 s; back and reindexed, whole again"
