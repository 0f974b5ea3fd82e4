#!/usr/bin/env bash
# Crash safety (bench/crash_bench.py, shortened): the samples, a damaged PDF, a file that is
# no document and a copy of a sample under another name are ingested by runs killed with
# SIGKILL at random moments, then finished; the archive must equal a clean run's.
#
#   crash_test.sh path/to/luutru path/to/samples path/to/crash_bench.py
set -euo pipefail
LUUTRU=$1
SAMPLES=$2
BENCH=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/odd"
printf '%%PDF-1.4\n1 0 obj\n<<' >"$WORK/odd/cut-short.pdf"
printf 'not a scan\n' >"$WORK/odd/notes.txt"
cp "$SAMPLES/qd-so-hoa-tai-lieu.png" "$WORK/odd/copy-of-a-scan.png"
python3 "$BENCH" --luutru "$LUUTRU" --kills 6 --work "$WORK/runs" "$SAMPLES" "$WORK/odd"
