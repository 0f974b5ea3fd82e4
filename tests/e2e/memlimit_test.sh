#!/usr/bin/env bash
# Under a memory limit (ulimit -v 2 GB), a batch of good files and hostile ones (a page of
# 600,000 nested graphics states in 2 KB, a blank poster page of 7000 x 7000 pt) archives every
# good file and fails only the hostile ones, each with its reason; the run ends normally
# (exit 2, partial), never killed.
#
#   memlimit_test.sh path/to/luutru path/to/samples
set -uo pipefail
LUUTRU=$1
SAMPLES=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/in"
cp "$SAMPLES"/*.pdf "$SAMPLES"/*.png "$SAMPLES"/*.jpg "$SAMPLES"/*.tif "$WORK/in/"
python3 - "$WORK/in" <<'PY'
import sys, zlib
def pdf(content, size, compress):
    data = zlib.compress(content) if compress else content
    filt = b"/Filter /FlateDecode " if compress else b""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R /Resources << >> >>" % (size, size),
               b"<< " + filt + b"/Length %d >>\nstream\n" % len(data) + data + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
open(sys.argv[1] + "/nested.pdf", "wb").write(pdf(b"q " * 600000, 595, True))
open(sys.argv[1] + "/poster.pdf", "wb").write(pdf(b"", 7000, False))
PY
( ulimit -v 2097152; "$LUUTRU" ingest "$WORK/in" --archive "$WORK/archive" --jobs 2 --progress none \
    --report "$WORK/report.json" 2>"$WORK/log" )
rc=$?
if [ $rc -ne 2 ]; then
  tail -5 "$WORK/log"
  echo "FAIL: exit $rc under a 2 GB limit (expected 2: partial)"
  exit 1
fi
python3 - "$WORK/report.json" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))
failed = {os.path.basename(o["source"]): o["error"] for o in r["outcomes"] if o["outcome"] == "failed"}
ok = r["files"]["archived"] == 5 and set(failed) == {"nested.pdf", "poster.pdf"} and \
     all(e.startswith("too_large:") for e in failed.values())
print(f"{r['files']['archived']} archived, failed: {failed}")
sys.exit(0 if ok else 1)
PY
