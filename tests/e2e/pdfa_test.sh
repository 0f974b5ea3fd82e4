#!/usr/bin/env bash
# PDF/A-2b copies of archived documents, as `luutru pdfa` writes them, checked offline: by
# luutru's own check (`pdfa --check`), by qpdf's structural check, by Poppler reading the XMP's
# claim; and luutru's check asked about files it did not write: a plain PDF is refused with
# each problem, and, where Debian's ocrmypdf is installed, OCRmyPDF's PDF/A-2b is taken (the
# check is not one that only luutru's own files pass).
#
#   pdfa_test.sh path/to/luutru path/to/samples
set -uo pipefail
LUUTRU=$(realpath "$1")
SAMPLES=$(realpath "$2")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
A="$WORK/archive"
"$LUUTRU" ingest "$SAMPLES" --archive "$A" --jobs 2 --progress none >/dev/null 2>&1 || fail "ingest of the samples"
ids=$("$LUUTRU" export --archive "$A" | python3 -c 'import json,sys; [print(json.loads(l)["id"]) for l in sys.stdin]')
[ -n "$ids" ] || fail "no records to make PDF/A of"
for id in $ids; do
  out="$WORK/$id.pdf"
  "$LUUTRU" pdfa "$id" -o "$out" --archive "$A" 2>"$WORK/err" || { fail "pdfa $id: $(cat "$WORK/err")"; continue; }
  "$LUUTRU" pdfa --check "$out" >"$WORK/check" || fail "$id: $(cat "$WORK/check")"
  qpdf --check "$out" >/dev/null 2>&1 || fail "$id: qpdf --check finds damage"
  pdfinfo -meta "$out" | grep -q "<pdfaid:part>2</pdfaid:part>" || fail "$id: Poppler reads no PDF/A-2 claim"
  [ "$(pdfinfo "$out" | awk '/^Pages:/{print $2}')" = "$("$LUUTRU" show "$id" --archive "$A" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["pages"]))')" ] ||
    fail "$id: the PDF/A does not hold the document's pages"
  pdftotext "$out" - | grep -q '[[:alpha:]]' || fail "$id: no text layer"
done
"$LUUTRU" pdfa --check "$SAMPLES/cv-chuyen-doi-so.pdf" >"$WORK/check"
[ $? -eq 6 ] || fail "a plain PDF passes the check"
grep -q "no XMP metadata" "$WORK/check" || fail "the check does not name what a plain PDF lacks: $(cat "$WORK/check")"
if command -v ocrmypdf >/dev/null && ocrmypdf --version >/dev/null 2>&1; then
  if ocrmypdf -q --output-type pdfa-2 --skip-text "$SAMPLES/bc-tong-ket-van-thu.pdf" "$WORK/ocrmypdf.pdf" 2>/dev/null; then
    "$LUUTRU" pdfa --check "$WORK/ocrmypdf.pdf" >"$WORK/check" || fail "OCRmyPDF's PDF/A-2b is refused: $(cat "$WORK/check")"
  else
    echo "SKIPPED (second opinion): ocrmypdf could not make a PDF/A-2b here"
  fi
else
  echo "SKIPPED (second opinion): Debian's ocrmypdf is not installed (bench/setup-peers installs it)"
fi
[ $failures -eq 0 ] && echo "pdfa: all checks passed"
exit $((failures > 0))
