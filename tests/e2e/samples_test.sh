#!/usr/bin/env bash
# End to end: the built `luutru` ingests samples/ with the real Tesseract `vie` model, then
# searches as staff type (without diacritics, with them, as a phrase) and checks which
# records come back, and in what order. Then it re-ingests (nothing new) and exports.
#
#   samples_test.sh path/to/luutru path/to/samples
set -uo pipefail
LUUTRU=$1
SAMPLES=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ARCHIVE=$WORK/archive
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The sources of the results of a search, one per line, best first.
sources() {
  "$LUUTRU" search --archive "$ARCHIVE" --json --limit 10 "$@" >"$WORK/hits.json" || return
  python3 -c 'import json,sys; [print(h["source"].split("/")[-1]) for h in json.load(open(sys.argv[1]))["hits"]]' "$WORK/hits.json"
}

expect_first() {  # expect_first FILE QUERY...
  local want=$1; shift
  local got
  got=$(sources "$@" | head -n1)
  [ "$got" = "$want" ] || fail "search [$*]: expected $want first, got '${got:-nothing}'"
}

expect_last() {  # expect_last FILE QUERY...
  local want=$1; shift
  local got
  got=$(sources "$@" | tail -n1)
  [ "$got" = "$want" ] || fail "search [$*]: expected $want last, got '${got:-nothing}'"
}

expect_count() {  # expect_count N QUERY...
  local want=$1; shift
  local got
  got=$(sources "$@" | wc -l)
  [ "$got" -eq "$want" ] || fail "search [$*]: expected $want records, got $got"
}

"$LUUTRU" ingest "$SAMPLES" --archive "$ARCHIVE" --jobs 2 --report "$WORK/report.json" 2>"$WORK/ingest.log"
rc=$?
[ $rc -eq 0 ] || { cat "$WORK/ingest.log"; fail "ingest exit code $rc"; }
python3 - "$WORK/report.json" <<'PY' || fail "report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["complete"], r
assert r["files"]["archived"] == 5, r["files"]
assert r["files"]["skipped"] == 2, r["files"]  # README.md and make-samples: not documents
assert r["pages"]["total"] == 6 and r["pages"]["text_layer"] == 1 and r["pages"]["ocr"] == 5, r["pages"]
assert 0 < r["peak_memory_mb"] < 1500, r["peak_memory_mb"]
PY
# Not on a terminal: JSON progress lines, the last one saying the run finished.
python3 - "$WORK/ingest.log" <<'PY' || fail "no JSON progress lines in: $(head -5 "$WORK/ingest.log")"
import json, sys
lines = [json.loads(l)["progress"] for l in open(sys.argv[1]) if l.startswith('{"progress"')]
assert lines and lines[-1]["finished"] and lines[-1]["files_done"] == lines[-1]["files_total"] == 7, lines
PY

# Without diacritics, as people type.
expect_first qd-so-hoa-tai-lieu.png so hoa tai lieu luu tru
expect_first tb-lich-tiep-cong-dan.tif tiep cong dan dinh ky
expect_first kh-phong-chay-chua-chay.jpg phong chay chua chay kho luu tru
expect_first bc-tong-ket-van-thu.pdf tong ket cong tac van thu
expect_first cv-chuyen-doi-so.pdf chuyen doi so quoc gia
# With diacritics and as a phrase across syllables.
expect_first cv-chuyen-doi-so.pdf '"chuyển đổi số"'
expect_first tb-lich-tiep-cong-dan.tif '"tiếp công dân"'
expect_count 1 '"tiep cong dan"'
# The folded form finds every spelling (đường Lê Lợi, Hải Dương, Trần Văn Dương); the
# exact spelling ranks first.
expect_count 3 duong
expect_first tb-lich-tiep-cong-dan.tif 'đường'
expect_last tb-lich-tiep-cong-dan.tif 'dương'
# A word on page 2 of the TIFF is found and the page is named.
page=$("$LUUTRU" search --archive "$ARCHIVE" --json 'doc thuc' 'ghi chep' |
  python3 -c 'import json,sys; h=json.load(sys.stdin)["hits"]; print(h[0]["page"] if h else 0)')
[ "$page" = "2" ] || fail "page hit: expected page 2, got $page"

# Derived files: a searchable PDF per record whose text layer holds the words, hOCR per OCR'd page.
tif_record=$(python3 -c 'import json,sys; print([f["record"] for f in json.load(open(sys.argv[1]))["outcomes"] if f["source"].endswith(".tif")][0])' "$WORK/report.json")
pdf="$ARCHIVE/records/$tif_record/searchable.pdf"
[ "$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')" = "2" ] || fail "searchable PDF of the TIFF: expected 2 pages"
pdftotext "$pdf" - | grep -q "Lê Lợi" || fail "searchable PDF text layer lacks 'Lê Lợi'"
[ -s "$ARCHIVE/records/$tif_record/page-0002.hocr" ] || fail "hOCR of page 2 missing"

# While a run writes (into a copy of the archive), a second one is refused with exit code 5,
# and searches go on.
BUSY=$WORK/busy-archive
cp -a "$ARCHIVE" "$BUSY"
mkdir -p "$WORK/more"
for f in "$SAMPLES"/*.png "$SAMPLES"/*.jpg "$SAMPLES"/*.tif; do
  cp "$f" "$WORK/more/"
  printf 'new copy' >>"$WORK/more/$(basename "$f")"  # other bytes, the same pages: new records to read
done
"$LUUTRU" ingest "$WORK/more" --archive "$BUSY" --jobs 1 2>"$WORK/more.log" &
first=$!
sleep 1.5
"$LUUTRU" ingest "$WORK/more" --archive "$BUSY" 2>"$WORK/second.log"
rc=$?
[ $rc -eq 5 ] || fail "a second ingest during a run: exit code $rc (expected 5): $(tail -2 "$WORK/second.log")"
grep -q "another luutru process" "$WORK/second.log" || fail "the second run does not say why: $(tail -2 "$WORK/second.log")"
n=$("$LUUTRU" search --archive "$BUSY" --json tiep cong dan | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$n" -ge 1 ] || fail "search during a run found nothing"
wait $first || fail "the first run failed: $(tail -3 "$WORK/more.log")"
rm -rf "$WORK/more" "$BUSY"

# Re-ingest: nothing new.
"$LUUTRU" ingest "$SAMPLES" --archive "$ARCHIVE" --report "$WORK/again.json" 2>/dev/null || fail "re-ingest exit code"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["files"]["archived"]==0 and r["files"]["unchanged"]==5 and r["files"]["skipped"]==2, r["files"]' \
  "$WORK/again.json" || fail "re-ingest archived something"

# Export: one valid line per record, with the contract's keys.
"$LUUTRU" export --archive "$ARCHIVE" >"$WORK/export.jsonl" || fail "export exit code"
python3 - "$WORK/export.jsonl" <<'PY' || fail "export contract"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 5, len(lines)
for line in lines:
    r = json.loads(line)
    for key in ("id", "source", "sha256", "pages", "metadata", "evidence"):
        assert key in r, key
    for p in r["pages"]:
        assert p["method"] in ("ocr", "text-layer") and p["text"], p
PY

# Registry fields of every sample, scanned and born-digital, both layouts (samples/README.md).
python3 - "$WORK/export.jsonl" <<'PY' || fail "registry fields"
import json, os, sys
want = {
    "qd-so-hoa-tai-lieu.png": dict(doc_type="QUYẾT ĐỊNH", number="123/QĐ-SNV", date="2023-03-15",
                                   agency="SỞ NỘI VỤ", signer="Nguyễn Văn An"),
    "tb-lich-tiep-cong-dan.tif": dict(doc_type="THÔNG BÁO", number="45/TB-VP", date="2022-10-02",
                                      signer_title="PHÓ CHÁNH VĂN PHÒNG"),
    "kh-phong-chay-chua-chay.jpg": dict(doc_type="KẾ HOẠCH", number="78/KH-VTLTNN", date="2021-05-20",
                                        signer="Trần Văn Dương"),
    "bc-tong-ket-van-thu.pdf": dict(doc_type="BÁO CÁO", number="56-BC/VPTU", parent_agency="TỈNH ỦY QUẢNG NAM",
                                    agency="VĂN PHÒNG"),
    "cv-chuyen-doi-so.pdf": dict(doc_type="CÔNG VĂN", number="210/CĐSQG-CPS", date="2024-08-08",
                                 subject="V/v triển khai chuyển đổi số trong công tác lưu trữ",
                                 signer="Hoàng Đức Thắng", signer_title="PHÓ CỤC TRƯỞNG"),
}
bad = []
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for field, value in want[os.path.basename(r["source"])].items():
        if r["metadata"][field] != value:
            bad.append(f'{os.path.basename(r["source"])} {field}: {r["metadata"][field]!r} != {value!r}')
        elif field not in r["evidence"]:
            bad.append(f'{os.path.basename(r["source"])} {field}: no evidence')
assert not bad, "\n".join(bad)
PY
expect_first qd-so-hoa-tai-lieu.png 'so:123/QĐ-SNV'
expect_first qd-so-hoa-tai-lieu.png 'so:123/qd-snv'
expect_count 1 'loai:"quyết định" nam:2023 coquan:"sở nội vụ"'
expect_count 0 'loai:"quyết định" nam:2022'
expect_first qd-so-hoa-tai-lieu.png 'nguoiky:"nguyen van an"'
expect_first bc-tong-ket-van-thu.pdf 'coquan:"văn phòng" so:vptu'

# Review lists fields to check (JSON); set corrects one; search, export and reindex follow.
"$LUUTRU" review --archive "$ARCHIVE" --json --below 1 >"$WORK/review.json" || fail "review exit code"
python3 -c 'import json,sys; items=json.load(open(sys.argv[1])); assert items and all({"record","field","reason"} <= i.keys() for i in items), items' \
  "$WORK/review.json" || fail "review JSON"
cv_record=$(python3 -c 'import json,sys; print([f["record"] for f in json.load(open(sys.argv[1]))["outcomes"] if f["source"].endswith("cv-chuyen-doi-so.pdf")][0])' "$WORK/report.json")
"$LUUTRU" set --archive "$ARCHIVE" "${cv_record:0:8}" "number=211/CĐSQG-CPS" "confidentiality=mat" >/dev/null || fail "set exit code"
expect_first cv-chuyen-doi-so.pdf 'so:211/CĐSQG-CPS domat:mật'
"$LUUTRU" show --archive "$ARCHIVE" "${cv_record:0:8}" >"$WORK/show.txt" || fail "show exit code"
grep -q "number: 211/CĐSQG-CPS  (set by hand)" "$WORK/show.txt" || fail "show: the corrected number"
grep -q "signer: Hoàng Đức Thắng  (page 1, confidence 1)" "$WORK/show.txt" || fail "show: the signer's evidence"
expect_count 0 'so:210/CĐSQG-CPS'
"$LUUTRU" reindex --archive "$ARCHIVE" >/dev/null 2>&1 || fail "reindex exit code"
expect_first cv-chuyen-doi-so.pdf 'so:211/CĐSQG-CPS'
expect_count 3 duong
grep -q '"number":"211/CĐSQG-CPS"' "$ARCHIVE/records/$cv_record/record.json" || fail "correction lost by reindex"
# Compacted again by hand: a new generation, the same answers.
generation_before=$(head -c 200 "$ARCHIVE/index/XAPIANDB" | grep -o 'g[0-9]*-' | head -1)
"$LUUTRU" compact --archive "$ARCHIVE" >"$WORK/compact.txt" 2>/dev/null || fail "compact exit code"
grep -q "^index compacted: .* MB -> .* MB (generation " "$WORK/compact.txt" || fail "compact: its report"
[ "$(grep -o 'g[0-9]*-' "$ARCHIVE/index/XAPIANDB" | head -1)" != "$generation_before" ] || fail "compact: no new generation"
expect_first cv-chuyen-doi-so.pdf 'so:211/CĐSQG-CPS'
expect_count 3 duong
"$LUUTRU" set --archive "$ARCHIVE" "$cv_record" "date=2024-02-30" 2>/dev/null; [ $? -eq 1 ] || fail "set of a bad date: exit code"
"$LUUTRU" set --archive "$ARCHIVE" "$cv_record" "so_hieu=1" 2>/dev/null; [ $? -eq 1 ] || fail "set of an unknown field: exit code"

# Bad usage gives exit code 1 and a message; a missing archive, 9 (not found).
"$LUUTRU" search --archive "$WORK/none" anything 2>/dev/null; [ $? -eq 9 ] || fail "search without archive: exit code"
"$LUUTRU" ingest 2>/dev/null; [ $? -eq 1 ] || fail "ingest without paths: exit code"

if [ $failures -gt 0 ]; then
  echo "$failures checks failed"
  exit 1
fi
echo "all end-to-end checks passed"
