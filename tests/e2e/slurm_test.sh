#!/usr/bin/env bash
# The Slurm recipe (contrib/slurm) on a one-node cluster brought up here: a private munged and
# slurmctld + slurmd under a slurm.conf this test writes (ports of its own, state in a temp
# folder), nothing of the machine's own Slurm touched. luutru-submit sends a 3-task array over
# SRC and the merge after it; the merged archive must equal a single-machine ingest of the same
# files (records, text, fields, search results), pass luutru verify, and not change when
# merged again. Needs root (the daemons); skips saying so otherwise.
#
#   slurm_test.sh path/to/luutru path/to/contrib/slurm SRC
set -uo pipefail
LUUTRU=$(realpath "$1")
CONTRIB=$(realpath "$2")
SRC=$(realpath "$3")
if [ "$(id -u)" != 0 ]; then
  echo "SKIPPED: the one-node Slurm cluster needs root (slurmd starts jobs as their user)"
  exit 77
fi
for tool in slurmctld slurmd sbatch squeue scontrol sinfo munged mungekey python3; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is missing; run scripts/setup (slurm-wlm, munge)"; exit 1; }
done
[ -n "$(find "$SRC" -type f -print -quit)" ] || { echo "FAIL: $SRC holds no file"; exit 1; }
WORK=$(mktemp -d)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  [ -f "$WORK/munge/munged.pid" ] && kill "$(cat "$WORK/munge/munged.pid")" 2>/dev/null
  sleep 1
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for log in "$WORK"/log/*.log "$WORK"/*.log; do
    [ -f "$log" ] && { echo "--- $log"; tail -20 "$log"; }
  done
  exit 1
}

# munge with a key and socket of its own, run as the munge user as it wants.
mkdir -p "$WORK/munge" "$WORK/log" "$WORK/state" "$WORK/spool"
mungekey --create --keyfile="$WORK/munge/munge.key" || fail "mungekey"
chown -R munge:munge "$WORK/munge"
chmod 711 "$WORK/munge"
runuser -u munge -- munged --socket="$WORK/munge/munge.sock" --key-file="$WORK/munge/munge.key" \
  --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/munge/munged.log" \
  --seed-file="$WORK/munge/munged.seed" || fail "munged did not start"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
NODE=$(hostname -s)
cat >"$WORK/slurm.conf" <<EOF
ClusterName=luutrutest
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$WORK/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MinJobAge=3600
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$WORK/slurm.conf
slurmctld -D -f "$SLURM_CONF" >"$WORK/log/ctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" -N "$NODE" >"$WORK/log/d.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do
  sinfo -h -o '%T' 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o '%T' | grep -q idle || fail "the one-node cluster did not come up"

# The array and the merge, as a site submits them.
cd "$WORK"
export LUUTRU
ids=$("$CONTRIB/luutru-submit" "$SRC" "$WORK/parts" "$WORK/merged" 3 --cpus-per-task=1) ||
  fail "luutru-submit"
echo "$ids"
merge_job=${ids##* }
state=""
for _ in $(seq 1200); do
  state=$(scontrol show job "$merge_job" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
  case "$state" in COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY) break ;; esac
  sleep 1
done
[ "$state" = COMPLETED ] || fail "the merge job ended $state"
for k in 0 1 2; do
  [ -f "$WORK/parts/part-$k/catalog.sqlite" ] || fail "part $k wrote no archive"
done
echo "parts: $(for k in 0 1 2; do python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["files"]["seen"], end=" ")' "$WORK/parts/part-$k.report.json"; done)files"

# The same files on one machine.
"$LUUTRU" ingest "$SRC" --archive "$WORK/single" --progress none >"$WORK/single.log" 2>&1
[ $? -le 2 ] || fail "single-machine ingest"

# Equal records: every field, text and evidence, but the time each was read.
for a in single merged; do
  "$LUUTRU" export --archive "$WORK/$a" -o "$WORK/$a.jsonl" || fail "export $a"
done
python3 - "$WORK/single.jsonl" "$WORK/merged.jsonl" <<'PY' || fail "the merged archive differs"
import json, sys
def load(path):
    out = {}
    for line in open(path):
        r = json.loads(line)
        r.pop("ingested_at", None)
        out[r["id"]] = r
    return out
single, merged = (load(p) for p in sys.argv[1:])
if not single:
    sys.exit("no record in the single-machine archive")
if single.keys() != merged.keys():
    sys.exit(f"records: {len(single)} single, {len(merged)} merged, "
             f"only single {sorted(single.keys() - merged.keys())[:5]}, "
             f"only merged {sorted(merged.keys() - single.keys())[:5]}")
differ = [i for i in single if single[i] != merged[i]]
if differ:
    a, b = single[differ[0]], merged[differ[0]]
    keys = [k for k in a if a.get(k) != b.get(k)]
    sys.exit(f"{len(differ)} records differ, e.g. {differ[0]} in {keys}")
print(f"{len(single)} records equal")
PY

# Equal search results.
for q in "quyết định" "ubnd tinh" "\"văn bản\"" "nam:2001..2010" "cong van ve viec" "nghị quyết"; do
  a=$("$LUUTRU" search --archive "$WORK/single" --json --limit 100 "$q" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total"], sorted(h["record"] for h in r["hits"]))')
  b=$("$LUUTRU" search --archive "$WORK/merged" --json --limit 100 "$q" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total"], sorted(h["record"] for h in r["hits"]))')
  [ "$a" = "$b" ] || fail "search '$q': single $a, merged $b"
done
echo "search results equal"

"$LUUTRU" verify --archive "$WORK/merged" >"$WORK/verify.log" 2>&1 || fail "luutru verify after the merge"
again=$("$LUUTRU" merge "$WORK"/parts/part-*/ --archive "$WORK/merged" --json 2>/dev/null) || fail "merge again"
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); sys.exit(0 if r["records_added"] == 0 and r["files_added"] == 0 and r["documents_attached"] == 0 else "merged again: " + sys.argv[1])' "$again" || fail "a second merge changed the archive"
echo "PASS: 3 Slurm array tasks merged == one ingest; verify clean; merged twice, unchanged"
