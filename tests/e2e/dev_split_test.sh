#!/usr/bin/env bash
# Scans of whole archival files, made from the dev corpus (../shared/corpus/dev): its documents
# laid end to end as they come, 4 to a file (PDFs as they are, images made PDFs by img2pdf
# without re-encoding), each file in a folder named as a hồ sơ of a finding aid; ingested,
# each file must be split where its documents begin. Passes when at least 95 % of the
# boundaries between documents are found and none is invented inside a document; prints the
# measure (docs/benchmarks.md quotes it).
#
#   dev_split_test.sh path/to/luutru path/to/shared/corpus/dev [documents per file]
set -uo pipefail
LUUTRU=$(realpath "$1")
DEV=$(realpath "$2")
PER_FILE=${3:-4}
WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
for tool in img2pdf qpdf python3; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is missing; run scripts/setup"; exit 1; }
done
[ -f "$DEV/MANIFEST.json" ] || { echo "FAIL: $DEV has no MANIFEST.json"; exit 1; }

# Each document as a PDF, in the manifest's order, with its page count.
mkdir -p "$WORK/pdf"
python3 - "$DEV" "$WORK/pdf" >"$WORK/documents.tsv" <<'PY' || exit 1
import json, os, subprocess, sys
dev, out = sys.argv[1:]
for doc in json.load(open(os.path.join(dev, "MANIFEST.json"))):
    src = os.path.join(dev, doc["file"])
    pdf = os.path.join(out, doc["id"] + ".pdf")
    if src.endswith(".pdf"):
        subprocess.run(["cp", src, pdf], check=True)
    else:
        subprocess.run(["img2pdf", "-o", pdf, src], check=True, stdout=subprocess.DEVNULL)
    pages = int(subprocess.run(["qpdf", "--show-npages", pdf], check=True, capture_output=True,
                               text=True).stdout)
    print(f"{doc['id']}\t{pdf}\t{pages}")
PY

# Files of PER_FILE documents, one per hồ sơ of the finding aid; the truth: each file's
# documents and their first pages.
printf 'Số và ký hiệu hồ sơ,Tiêu đề hồ sơ,Thời hạn bảo quản\n' >"$WORK/muc-luc.csv"
: >"$WORK/truth.tsv"
n=0
file=0
parts=()
starts=()
page=1
flush() {
  [ ${#parts[@]} -eq 0 ] && return
  file=$((file + 1))
  code=$(printf '%02d.DEV' $file)
  printf '%s,Hồ sơ thử %d,Vĩnh viễn\n' "$code" $file >>"$WORK/muc-luc.csv"
  mkdir -p "$WORK/scans/$code"
  qpdf --empty --pages "${parts[@]}" -- "$WORK/scans/$code/ho-so.pdf" || { echo "FAIL: qpdf"; exit 1; }
  printf '%s\t%s\n' "$code" "$(IFS=,; echo "${starts[*]}")" >>"$WORK/truth.tsv"
  parts=()
  starts=()
  page=1
}
while IFS=$'\t' read -r id pdf pages; do
  parts+=("$pdf")
  starts+=("$page")
  page=$((page + pages))
  n=$((n + 1))
  [ $((n % PER_FILE)) -eq 0 ] && flush
done <"$WORK/documents.tsv"
flush

A="$WORK/archive"
"$LUUTRU" hoso import "$WORK/muc-luc.csv" --archive "$A" >/dev/null || { echo "FAIL: hoso import"; exit 1; }
"$LUUTRU" ingest "$WORK/scans" --archive "$A" --jobs 2 --progress none >/dev/null 2>"$WORK/err"
rc=$?
[ $rc -le 2 ] || { echo "FAIL: ingest exit $rc: $(tail -3 "$WORK/err")"; exit 1; }

# Where each file was split, against the truth.
while IFS=$'\t' read -r code truth; do
  got=$("$LUUTRU" hoso split "$code" --json --archive "$A" |
        python3 -c 'import json,sys; r=json.load(sys.stdin); print(",".join(map(str, r[0]["starts"])) if r else "1")')
  printf '%s\t%s\t%s\n' "$code" "$truth" "$got"
done <"$WORK/truth.tsv" >"$WORK/result.tsv"
python3 - "$WORK/result.tsv" <<'PY'
import sys
boundaries = found = invented = 0
for line in open(sys.argv[1]):
    code, truth, got = line.rstrip("\n").split("\t")
    truth = {int(p) for p in truth.split(",")} - {1}
    got = {int(p) for p in got.split(",")} - {1}
    boundaries += len(truth)
    found += len(truth & got)
    invented += len(got - truth)
    for p in sorted(truth - got):
        print(f"missed: {code} page {p}")
    for p in sorted(got - truth):
        print(f"invented: {code} page {p}")
share = found / boundaries if boundaries else 0
print(f"boundaries found: {found}/{boundaries} ({share:.1%}); invented: {invented}")
if boundaries == 0:
    print("FAIL: no boundary to find; the corpus made no file of several documents")
    sys.exit(1)
if share < 0.95 or invented:
    print("FAIL: at least 95 % of the boundaries must be found and none invented")
    sys.exit(1)
print("dev_split: all checks passed")
PY
status=$?

# The fields of the documents read inside the files, scored against the corpus's truth as if
# each had been scanned alone (docs/benchmarks.md quotes it; not a pass/fail measure here).
score="$DEV/../../bench/score"
if [ -x "$score" ] || [ -f "$score" ]; then
  "$LUUTRU" export --archive "$A" >"$WORK/export.jsonl"
  while IFS=$'\t' read -r code truth; do
    "$LUUTRU" hoso show "$code" --json --archive "$A" |
      python3 -c 'import json,sys; print(" ".join(d["record"] for d in json.load(sys.stdin)["documents"]))'
  done <"$WORK/truth.tsv" >"$WORK/records.txt"
  python3 - "$WORK/documents.tsv" "$WORK/records.txt" "$WORK/export.jsonl" "$DEV" >"$WORK/as-alone.jsonl" <<'PY'
import json, os, sys
docs = [l.split("\t")[0] for l in open(sys.argv[1]) if l.strip()]
files = [l.split() for l in open(sys.argv[2])]
records = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[3])}
manifest = {d["id"]: d["file"] for d in json.load(open(os.path.join(sys.argv[4], "MANIFEST.json")))}
i = 0
for ids in files:
    n = min(len(ids), len(docs) - i)
    for k in range(n):
        r = records[ids[k]]
        r["source"] = manifest[docs[i + k]]
        print(json.dumps(r, ensure_ascii=False))
    i += n
PY
  python3 "$score" "$DEV" "$WORK/as-alone.jsonl" --json |
    python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]["all"]; print("fields of the documents read inside the files: mean %.3f %s" % (s["fields_mean"], json.dumps(s["fields"])))'
fi
exit $status
