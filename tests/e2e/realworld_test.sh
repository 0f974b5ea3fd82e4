#!/usr/bin/env bash
# Every file in ../shared/realworld (broken, encrypted, huge, rotated, bitonal PDFs, real
# Vietnamese pages, and the text files beside them) goes through one `luutru ingest`: the run
# must finish, account for every file, and give each refusal a reason naming what is wrong.
#
#   realworld_test.sh path/to/luutru path/to/shared/realworld
set -uo pipefail
LUUTRU=$1
REALWORLD=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -d "$REALWORLD" ]; then
  echo "SKIPPED: no $REALWORLD beside the checkout (../shared/realworld holds the real-world files)"
  exit 77
fi

timeout 1500 "$LUUTRU" ingest "$REALWORLD" --archive "$WORK/archive" --jobs 2 --log-level warn \
  --report "$WORK/report.json" 2>"$WORK/ingest.log"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then
  tail -20 "$WORK/ingest.log"
  echo "FAIL: ingest exit code $rc (expected 0 or 2: a crash, a hang or an archive error)"
  exit 1
fi

python3 - "$WORK/report.json" "$REALWORLD" <<'PY'
import json, os, sys
report = json.load(open(sys.argv[1]))
root = sys.argv[2]
outcomes = {os.path.relpath(o["source"], root): o for o in report["outcomes"]}
failures = []

on_disk = {os.path.relpath(os.path.join(d, f), root)
           for d, _, files in os.walk(root) for f in files if not f.startswith(".")}
missing = on_disk - set(outcomes)
if missing:
    failures.append(f"files with no outcome: {sorted(missing)}")

expected = {
    "ocrmypdf-resources/invalid.pdf": "corrupt",
    "pypdf-sample-files/005-libreoffice-writer-password.pdf": "encrypted",
    "ocrmypdf-resources/hugemono.pdf": "too_large",
}
for path, code in expected.items():
    o = outcomes.get(path, {})
    if o.get("outcome") != "failed" or not o.get("error", "").startswith(code + ":"):
        failures.append(f"{path}: expected failed/{code}, got {o.get('outcome')}: {o.get('error')}")

codes = ("corrupt:", "encrypted:", "too_large:", "unsupported:", "timed_out:", "ocr_failed:", "io_error:")
documents = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
for path, o in outcomes.items():
    if o["outcome"] == "failed" and not o.get("error", "").startswith(codes):
        failures.append(f"{path}: failure without a known reason: {o.get('error')}")
    if o["outcome"] == "skipped" and path.lower().endswith(documents):
        failures.append(f"{path}: a document was skipped as not one")
    if path.lower().endswith(documents) and o["outcome"] not in ("archived", "failed", "duplicate"):
        failures.append(f"{path}: unexpected outcome {o['outcome']}")

archived = sum(1 for o in outcomes.values() if o["outcome"] == "archived")
if archived < 70:
    failures.append(f"only {archived} files archived")
for f in failures:
    print("FAIL:", f)
print(f"{len(outcomes)} files: {archived} archived, "
      f"{sum(o['outcome'] == 'failed' for o in outcomes.values())} refused with a reason, "
      f"{sum(o['outcome'] == 'skipped' for o in outcomes.values())} not documents")
sys.exit(1 if failures else 0)
PY
status=$?

# Tesseract's own Vietnamese test word, and a real Vietnamese page, are searchable.
for q in tieng 'Tôi đi học'; do
  n=$("$LUUTRU" search --archive "$WORK/archive" --json "$q" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  [ "$n" -ge 1 ] || { echo "FAIL: search [$q] found nothing"; status=1; }
done

# Signed scans (quangngai-signed-scans): every page read by OCR, not from the text of the
# signature's stamp; every signature recorded as pdfsig (poppler-utils) reads it; the
# incoming-mail stamp found where there is one and nowhere else.
"$LUUTRU" export --archive "$WORK/archive" >"$WORK/export.jsonl" || status=1
python3 - "$WORK/export.jsonl" "$REALWORLD/quangngai-signed-scans" <<'PY' || status=1
import json, os, re, subprocess, sys
records = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    records[os.path.realpath(r["source"])] = r
folder = sys.argv[2]
failures, signed, checked = [], 0, 0
for name in sorted(os.listdir(folder)):
    if not name.endswith(".pdf"):
        continue
    path = os.path.realpath(os.path.join(folder, name))
    r = records.get(path)
    if r is None:
        failures.append(f"{name}: not archived")
        continue
    out = subprocess.run(["pdfsig", path], capture_output=True, text=True).stdout
    want = [(m.group(1).strip(), "Signature is Valid" in m.group(2))
            for m in re.finditer(r"Common Name: (.*)\n((?:.*\n)*?)  - Certificate Validation", out)]
    got = [(s["signer"], s["verdict"] == "valid") for s in r.get("signatures", [])]
    if got != want:
        failures.append(f"{name}: signatures {got}, pdfsig says {want}")
    signed += bool(got)
    text_pages = [p["n"] for p in r["pages"] if p.get("method") == "text-layer"]
    born_digital = len(text_pages) == len(r["pages"])
    if not born_digital and text_pages:
        failures.append(f"{name}: pages {text_pages} taken from a text layer on a scan")
    for p in r["pages"]:
        if re.search(r"Ký bởi|Thời gian ký", p.get("text", "")):
            failures.append(f"{name}: page {p['n']} holds the signature stamp's text")
    # One of them carries an incoming-mail stamp ("CV ĐẾN Số: 2770 Ngày: 04/4/18", written by
    # hand) on its first page; the others carry none.
    stamps = [(s["kind"], s["page"]) for s in r.get("stamps", [])]
    want_stamps = [("incoming", 1)] if name.startswith("2770 ") else []
    if stamps != want_stamps:
        failures.append(f"{name}: stamps {stamps}, want {want_stamps}")
    checked += 1
for f in failures:
    print("FAIL:", f)
print(f"signed scans: {checked} checked, {signed} with their signatures as pdfsig reads them")
sys.exit(1 if failures or checked < 16 else 0)
PY

# `show` names a signed scan's signer and verdict.
signed_id=$(python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r.get("signatures"):
        print(r["id"]); break' "$WORK/export.jsonl")
if [ -z "$signed_id" ]; then
  echo "FAIL: no record with a signature"; status=1
elif ! "$LUUTRU" show --archive "$WORK/archive" "$signed_id" | grep -E "^  signature: .+, (valid|invalid|unreadable)" >/dev/null; then
  echo "FAIL: show $signed_id does not name its signature"; status=1
fi

# The refused files are listed with their reasons, and the archive agrees with itself.
"$LUUTRU" quarantine --archive "$WORK/archive" --json >"$WORK/quarantine.json" || status=1
python3 - "$WORK/quarantine.json" "$WORK/report.json" <<'PY' || status=1
import json, os, sys
listed = {os.path.realpath(q["source"]): q["reason"] for q in json.load(open(sys.argv[1]))}
failed = {os.path.realpath(o["source"]) for o in json.load(open(sys.argv[2]))["outcomes"] if o["outcome"] == "failed"}
if not failed or set(listed) != failed or not all(listed.values()):
    print(f"FAIL: quarantine lists {sorted(listed)}; the run refused {sorted(failed)}")
    sys.exit(1)
PY
"$LUUTRU" verify --archive "$WORK/archive" --log-level warn || { echo "FAIL: verify after the real-world run"; status=1; }
exit $status
